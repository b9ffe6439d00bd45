"""Step 2 outputs: the offices workbook (read back with openpyxl), one PDF service list
per office and the leadership briefing (read back with pypdf), `ozgdesk export` as a
real process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceRow
from ozgdesk.workflow import assignment, briefings, offices, overview, relevance, tech
from ozgdesk.workflow.exports import ExportError
from ozgdesk.workflow.office_reports import (
    briefing_data,
    export_briefing_pdf,
    export_office_pdfs,
    export_offices_workbook,
    office_file_names,
    office_report,
)
from ozgdesk.workflow.offices import Contact, Office

DAY = date(2026, 11, 22)
LONG = "Amt für Digitalisierung und Bürgerdienst"  # 40 characters
TWIN_1 = "Fachbereich Bauen, Planen und Umwelt – Hochbau"  # the same first 31 characters
TWIN_2 = "Fachbereich Bauen, Planen und Umwelt – Tiefbau"
ODD = "Bau/Planung: Hochbau [alt]"
FORBIDDEN = set(":\\/?*[]")


@dataclass
class Organised:
    project: Project
    ids: dict[str, int]  # office name -> id
    services: dict[str, list[int]]  # office name (or "" for none) -> relevant service ids
    not_relevant: int  # a service led by the Standesamt but decided "nicht relevant"


def _organise(project: Project) -> Organised:
    assert len(LONG) == 40 and TWIN_1[:31] == TWIN_2[:31]
    ids = {
        name: offices.save_office(project, Office(None, name, short, kind=kind))
        for name, short, kind in (
            (LONG, "DB", "Amt"),
            (TWIN_1, "FB 6.1", "Fachbereich"),
            (TWIN_2, "FB 6.2", "Fachbereich"),
            (ODD, "", "Referat"),
            ("Standesamt", "34", "Amt"),
        )
    }
    ids["Kämmerei"] = offices.add_offices(project, [("Kämmerei", "20")])[0]
    offices.save_office(project, Office(ids[ODD], ODD, kind="Referat", parent_id=ids[TWIN_1]))
    offices.save_contact(
        project,
        Contact(
            None,
            ids[LONG],
            "Jürgen Bäcker",
            "Sachgebietsleitung",
            "j.baecker@kommune.de",
            "02561 123-45",
        ),
    )
    offices.save_contact(
        project, Contact(None, ids[LONG], "Ömer Öztürk", email="o.oeztuerk@kommune.de")
    )
    offices.save_contact(
        project, Contact(None, ids[LONG], "Grete Weiß", email="g.weiss@kommune.de", deputy=True)
    )
    offices.save_contact(project, Contact(None, ids["Standesamt"], "Sabine Müller"))
    offices.save_contact(project, Contact(None, ids[TWIN_1], "Karl Groß", phone="02561 77"))
    offices.save_contact(project, Contact(None, ids[TWIN_2], "Paula Klein"))

    with_key = [r for r in overview.catalogue_rows(project) if r.key.startswith("99")]
    chosen = [r.id for r in with_key[:15]]
    relevance.decide(project, chosen, relevance.RELEVANT)
    services = {
        LONG: chosen[0:4],
        TWIN_1: chosen[4:6],
        TWIN_2: chosen[6:8],
        ODD: chosen[8:11],
        "Standesamt": chosen[11:13],
        "": chosen[13:15],
    }
    for name, service_ids in services.items():
        if name:
            assignment.assign(project, service_ids, ids[name])
    assignment.set_involved(project, services[LONG][:1], ids[TWIN_1])
    assignment.set_involved(project, services[LONG][:1], ids[ODD])
    other = with_key[20].id
    relevance.decide(project, [other], relevance.NOT_RELEVANT)
    assignment.assign(project, [other], ids["Standesamt"])
    return Organised(project, ids, services, other)


@pytest.fixture
def organised(project: Project) -> Organised:
    return _organise(project)


def _rows_by_id(project: Project) -> dict[int, ServiceRow]:
    return {r.id: r for r in overview.catalogue_rows(project)}


def _keys_in_order(project: Project, ids: list[int]) -> list[str]:
    """The keys of ``ids`` in catalogue order (by name), as the reports list them."""
    wanted = set(ids)
    return [r.key for r in overview.catalogue_rows(project) if r.id in wanted]


# -- gathered data -----------------------------------------------------------------------


def test_office_report_lists_relevant_lead_services(organised: Organised) -> None:
    report = office_report(organised.project, day=DAY, only_relevant=True)
    assert report.municipality == "Ahaus" and report.day == DAY and report.only_relevant
    by_name = {o.name: o for o in report.offices}
    assert set(by_name) == {LONG, TWIN_1, TWIN_2, ODD, "Standesamt", "Kämmerei"}
    long = by_name[LONG]
    assert [c.name for c in long.main_contacts] == ["Jürgen Bäcker", "Ömer Öztürk"]
    assert [c.name for c in long.deputies] == ["Grete Weiß"]
    rows = _rows_by_id(organised.project)
    assert [s.key for s in long.services] == _keys_in_order(
        organised.project, organised.services[LONG]
    )
    first = rows[organised.services[LONG][0]]
    line = next(s for s in long.services if s.key == first.key)
    assert line.involved == (ODD, TWIN_1)  # sorted by name
    assert line.name == first.name and line.lebenslage == first.lebenslage
    assert by_name[ODD].parent == TWIN_1 and by_name[ODD].kind == "Referat"
    assert len(by_name["Standesamt"].services) == 2  # the "nicht relevant" one is left out
    assert {s.key for s in report.unassigned} == {rows[i].key for i in organised.services[""]}

    everything = office_report(organised.project, only_relevant=False)
    standesamt = {o.name: o for o in everything.offices}["Standesamt"]
    assert len(standesamt.services) == 3


# -- workbook (.xlsx) --------------------------------------------------------------------


def test_sheet_names_are_valid_and_unique() -> None:
    from ozgdesk.formats.offices_xlsx import sheet_names

    wanted = [
        "A" * 40,
        "A" * 40,
        "a" * 40,
        "'Zitat'",
        "Übersicht",
        "history",
        ODD,
        "",
        "?*",
        "x" * 30 + "'y",
        "Wasser 🌊 und Abwasser, Stadtentwässerung",
    ]
    names = sheet_names(wanted, reserved=("Übersicht", "Nicht zugeordnet"))
    assert len(names) == len(wanted)
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert 0 < len(name.encode("utf-16-le")) // 2 <= 31, name
        assert not FORBIDDEN & set(name), name
        assert not name.startswith("'") and not name.endswith("'"), name
    assert names[0] == "A" * 31
    assert names[1] == "A" * 27 + " (2)" and names[2] == "a" * 27 + " (3)"
    assert names[3] == "Zitat"
    assert names[4] == "Übersicht (2)" and names[5] == "history (2)"
    assert names[6] == "Bau-Planung Hochbau (alt)"
    assert names[9] == "x" * 30  # cut before the apostrophe, which may not end a name


def test_offices_workbook(organised: Organised, tmp_path: Path) -> None:
    target = tmp_path / "Ämter.xlsx"
    assert export_offices_workbook(organised.project, target, day=DAY, only_relevant=True) == target
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    wb = openpyxl.load_workbook(target)

    names = wb.sheetnames
    assert names[0] == "Übersicht" and names[-1] == "Nicht zugeordnet"
    assert len(names) == 1 + 5 + 1  # the Kämmerei leads no service: no sheet of its own
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert len(name) <= 31 and not FORBIDDEN & set(name) and name[0] != "'" != name[-1]
    assert LONG[:31] in names and "Bau-Planung Hochbau (alt)" in names
    assert TWIN_1[:31] in names and TWIN_1[:27] + " (2)" in names

    ws = wb["Übersicht"]
    assert [c.value for c in ws[1]] == [
        "Amt",
        "Kürzel",
        "Art",
        "übergeordnet",
        "OZG-Ansprechperson(en)",
        "E-Mail",
        "Telefon",
        "Vertretung",
        "E-Mail Vertretung",
        "Telefon Vertretung",
        "relevante Leistungen",
    ]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
    rows = {row[0]: row for row in ws.iter_rows(min_row=2, max_row=7, values_only=True)}
    assert set(rows) == {LONG, TWIN_1, TWIN_2, ODD, "Standesamt", "Kämmerei"}
    assert rows[LONG] == (
        LONG,
        "DB",
        "Amt",
        None,
        "Jürgen Bäcker; Ömer Öztürk",
        "j.baecker@kommune.de; o.oeztuerk@kommune.de",
        "02561 123-45",
        "Grete Weiß",
        "g.weiss@kommune.de",
        None,
        4,
    )
    assert rows[ODD][2:5] == ("Referat", TWIN_1, None) and rows[ODD][10] == 3
    assert rows[TWIN_1][4:7] == ("Karl Groß", None, "02561 77") and rows[TWIN_1][10] == 2
    assert rows["Standesamt"][4] == "Sabine Müller" and rows["Standesamt"][10] == 2
    assert rows["Kämmerei"][10] == 0
    assert ws.auto_filter.ref == "A1:K7"
    assert ws["A8"].value is None
    assert (ws["A9"].value, ws["K9"].value) == ("nicht zugeordnet", 2)
    assert (ws["A10"].value, ws["K10"].value) == ("gesamt", 15)
    # the office without a contact is marked, its name links to its sheet
    odd_row = next(r for r in range(2, 8) if ws.cell(r, 1).value == ODD)
    assert ws.cell(odd_row, 5).fill.fgColor.rgb.endswith("FCE4C4")
    assert ws.cell(odd_row, 1).hyperlink.location == "'Bau-Planung Hochbau (alt)'!A1"

    sheet = wb[LONG[:31]]
    assert [c.value for c in sheet[1]] == [
        "LeiKa-Schlüssel",
        "Leistung",
        "Relevanz",
        "OZG-Leistung",
        "Lebenslage",
        "Themenfeld",
        "Typ",
        "beteiligte Ämter",
        "Bemerkung",
    ]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I5"
    catalogue = _rows_by_id(organised.project)
    by_key = {r.key: r for r in catalogue.values()}
    expected = [by_key[k] for k in _keys_in_order(organised.project, organised.services[LONG])]
    lines = list(sheet.iter_rows(min_row=2))
    assert len(lines) == 4
    for cells, row in zip(lines, expected, strict=True):
        key = cells[0]
        assert key.value == row.key and len(key.value) == 14
        assert key.data_type == "s" and key.number_format == "@"
        assert cells[1].value == row.name and cells[4].value == (row.lebenslage or None)
        assert cells[3].value == (row.ozg or None) and cells[6].value == (row.typ or None)
        assert cells[2].value == "relevant"
    involved = {cells[1].value: cells[7].value for cells in lines}
    first = catalogue[organised.services[LONG][0]]
    assert involved[first.name] == f"{ODD}, {TWIN_1}"
    assert sum(1 for v in involved.values() if v) == 1

    unassigned = wb["Nicht zugeordnet"]
    assert {r[0] for r in unassigned.iter_rows(min_row=2, values_only=True)} == {
        catalogue[i].key for i in organised.services[""]
    }
    assert wb.properties.creator == "ozgdesk"


def test_workbook_with_all_services_and_odd_text(organised: Organised, tmp_path: Path) -> None:
    project = organised.project
    relevance.decide(project, organised.services[""][:1], relevance.RELEVANT)
    from sqlalchemy import update

    from ozgdesk.store.models import Service

    with project.session() as session:  # a remark that looks like a formula
        session.execute(
            update(Service)
            .where(Service.id == organised.services["Standesamt"][0])
            .values(remark='=HYPERLINK("x")')
        )
    export_offices_workbook(project, tmp_path / "alle.xlsx", only_relevant=False)
    wb = openpyxl.load_workbook(tmp_path / "alle.xlsx")
    assert wb["Übersicht"]["K1"].value == "Leistungen (federführend)"
    standesamt = wb["Standesamt"]
    assert standesamt.max_row == 1 + 3
    remark = next(r[8] for r in standesamt.iter_rows(min_row=2) if r[8].value)
    assert remark.value == '=HYPERLINK("x")' and remark.data_type == "s"


def test_per_office_outputs_show_every_assigned_service_with_its_decision(
    organised: Organised, tmp_path: Path
) -> None:
    """An office must see everything it was given: also undecided and "nicht relevant"
    services (a list imported with an office column decides nothing)."""
    project = organised.project
    imported = [r.id for r in overview.catalogue_rows(project) if r.key and not r.relevance][:3]
    kammerei = offices.office_by_name(project, "Kämmerei")
    assert kammerei is not None and kammerei.id is not None
    assignment.assign(project, imported, kammerei.id)
    report = office_report(project, day=DAY)
    assert not report.only_relevant
    by_name = {o.name: o for o in report.offices}
    assert [s.decision for s in by_name["Kämmerei"].services] == ["noch offen"] * 3
    standesamt = {s.name: s.decision for s in by_name["Standesamt"].services}
    assert "nicht relevant" in standesamt.values() and "relevant" in standesamt.values()
    export_offices_workbook(project, tmp_path / "alle.xlsx", day=DAY)
    wb = openpyxl.load_workbook(tmp_path / "alle.xlsx")
    assert "Kämmerei" in wb.sheetnames
    values = [r[2] for r in wb["Kämmerei"].iter_rows(min_row=2, values_only=True)]
    assert values == ["noch offen"] * 3
    written = export_office_pdfs(project, tmp_path / "pdf", day=DAY)
    text = PdfReader(next(p for p in written if "Kämmerei" in p.name)).pages[0].extract_text()
    assert "3 Leistungen" in text and "Relevanz: noch offen" in text
    only = office_report(project, day=DAY, only_relevant=True)
    assert not {o.name: o for o in only.offices}["Kämmerei"].services


def test_empty_project_workbook(empty_project: Project, tmp_path: Path) -> None:
    export_offices_workbook(empty_project, tmp_path / "leer.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "leer.xlsx")
    assert wb.sheetnames == ["Übersicht", "Nicht zugeordnet"]
    assert wb["Übersicht"]["A3"].value == "nicht zugeordnet"
    assert wb["Übersicht"]["K3"].value == 0


# -- office lists (.pdf) -----------------------------------------------------------------


def test_office_file_names() -> None:
    names = office_file_names([ODD, "Bauamt", "BAUAMT", "con", "x" * 300, "  . "])
    assert names[0] == "Leistungen Bau-Planung Hochbau [alt].pdf"
    assert names[1] == "Leistungen Bauamt.pdf" and names[2] == "Leistungen BAUAMT (2).pdf"
    assert names[3] == "Leistungen con.pdf"
    assert len(names[4]) <= 124
    assert office_file_names(["con"], prefix="") == ["con-.pdf"]
    for name in names:
        assert not set('<>:"/\\|?*') & set(name)


def test_office_pdfs(organised: Organised, tmp_path: Path) -> None:
    folder = tmp_path / "Listen"
    written = export_office_pdfs(organised.project, folder, day=DAY, only_relevant=True)
    assert folder.is_dir()
    assert [p.parent for p in written] == [folder] * 5
    assert {p.name for p in written} == {
        f"Leistungen {LONG}.pdf",
        f"Leistungen {TWIN_1}.pdf",
        f"Leistungen {TWIN_2}.pdf",
        "Leistungen Bau-Planung Hochbau [alt].pdf",
        "Leistungen Standesamt.pdf",
    }  # none for the Kämmerei, which leads no service
    catalogue = _rows_by_id(organised.project)

    long = PdfReader(folder / f"Leistungen {LONG}.pdf")
    assert long.metadata.title == f"Leistungen – {LONG}"
    assert long.trailer["/Root"]["/Lang"] == "de-DE"
    text = "\n".join(page.extract_text() for page in long.pages)
    assert f"Leistungen – {LONG}" in text and "Stand: 22.11.2026" in text and "Ahaus" in text
    for name in ("Jürgen Bäcker", "Ömer Öztürk", "Grete Weiß", "j.baecker@kommune.de"):
        assert name in text
    for service_id in organised.services[LONG]:
        assert catalogue[service_id].key in text
    assert "4 relevante Leistungen" in text
    assert f"beteiligt: {ODD}, {TWIN_1}" in " ".join(text.split())  # may wrap
    assert "Seite 1 von 1" in text

    odd = "\n".join(
        p.extract_text()
        for p in PdfReader(folder / "Leistungen Bau-Planung Hochbau [alt].pdf").pages
    )
    assert ODD in odd and "Noch keine OZG-Ansprechperson benannt" in odd
    assert f"gehört zu {TWIN_1}" in odd
    # writing again replaces the files, nothing is left over
    export_office_pdfs(organised.project, folder, day=DAY, only_relevant=True)
    assert len(list(folder.iterdir())) == 5


def test_long_office_list_repeats_the_table_header(project: Project, tmp_path: Path) -> None:
    office = offices.save_office(project, Office(None, "Bauordnungsamt"))
    offices.save_contact(project, Contact(None, office, "Hannelore Köhler"))
    ids = [r.id for r in overview.catalogue_rows(project) if r.key][:300]
    relevance.decide(project, ids, relevance.RELEVANT)
    assignment.assign(project, ids, office)
    (path,) = export_office_pdfs(project, tmp_path, day=DAY, only_relevant=True)
    reader = PdfReader(path)
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 5
    for number, text in enumerate(pages, start=1):
        assert "LeiKa-Schlüssel" in text and "Lebenslage / Themenfeld" in text
        assert f"Seite {number} von {len(pages)}" in text
        assert "Leistungen – Bauordnungsamt" in text  # in the page header
    assert "300 relevante Leistungen" in pages[0] and "Hannelore Köhler" in pages[0]
    assert "300" in pages[-1].split("Lebenslage / Themenfeld", 1)[1]  # the last row


def test_office_pdfs_refuse_a_file_and_a_missing_parent(
    organised: Organised, tmp_path: Path
) -> None:
    a_file = tmp_path / "datei.txt"
    a_file.write_text("x")
    with pytest.raises(ExportError, match="kein Ordner"):
        export_office_pdfs(organised.project, a_file)
    with pytest.raises(ExportError, match="gibt es nicht"):
        export_office_pdfs(organised.project, tmp_path / "fehlt" / "Listen")
    assert not (tmp_path / "fehlt").exists()


def test_no_office_lists_without_assignments(project: Project, tmp_path: Path) -> None:
    offices.save_office(project, Office(None, "Bauamt"))
    assert export_office_pdfs(project, tmp_path / "Listen") == []


# -- briefing (.pdf) ---------------------------------------------------------------------


def test_briefing_data(organised: Organised) -> None:
    project = organised.project
    tech.save(project, tech.Prerequisite(tech.NO, "Typo3", "Herr Schmitz", date(2025, 3, 1)))
    data = briefing_data(project, day=DAY, appointments=[(date(2027, 2, 1), "B"), (DAY, "A")])
    assert (data.relevant, data.assigned, data.unassigned) == (15, 13, 2)
    assert [(o.name, o.services) for o in data.offices] == [
        (LONG, 4),
        (ODD, 3),
        (TWIN_1, 2),
        (TWIN_2, 2),
        ("Standesamt", 2),
    ]
    assert data.offices_total == 6
    assert [o.name for o in data.without_contact] == [ODD, "Kämmerei"]
    assert [s.title for s in data.steps] == [
        "Übersicht",
        "Zuordnung",
        "Workshop",
        "Datenlieferung",
        "Roadmap",
    ]
    assert data.steps[1].status == "in Arbeit" and "13 von 15 zugeordnet" in data.steps[1].detail
    assert data.steps[2].status == "nicht begonnen" and data.steps[2].progress == 0
    assert data.tech.status == "nein" and "Herr Schmitz am 01.03.2025" in data.tech.detail
    assert [a[1] for a in data.appointments] == ["A", "B"]


def test_briefing_pdf(organised: Organised, tmp_path: Path) -> None:
    project = organised.project
    leadership = next(b for b in briefings.briefings(project) if "Verwaltungsspitze" in b.audience)
    briefings.save(
        project,
        briefings.Briefing(leadership.id, leadership.audience, date(2026, 3, 4), "Bürgermeisterin"),
    )
    target = tmp_path / "Information.pdf"
    assert export_briefing_pdf(project, target, day=DAY) == target
    reader = PdfReader(target)
    assert 1 <= len(reader.pages) <= 2
    assert reader.metadata.title == "OZG-Umsetzung: Information für die Verwaltungsspitze – Ahaus"
    text = "\n".join(p.extract_text() for p in reader.pages)
    for part in (
        "Information für die Verwaltungsspitze",
        "Worum es geht",
        "OZG 2.0",
        "Once-Only",
        "DeutschlandID",
        "Einer für Alle",
        "Unser Vorgehen in fünf Schritten",
        "Übersicht",
        "Zuordnung",
        "Workshop",
        "Datenlieferung",
        "Roadmap",
        "in Arbeit",
        "nicht begonnen",
        "Stand in Zahlen",
        "relevante Leistungen",
        "noch nicht zugeordnet",
        "Jedes Amt benennt OZG-Ansprechpersonen",
        "Noch ohne OZG-Ansprechperson (2 von 6 Ämtern)",
        ODD,
        "Kämmerei",
        "Schnittstelle zum Portalverbund",
        "unklar",
        "Relevante Leistungen je Amt",
        LONG,
        "Jürgen Bäcker",
        "Wer ist informiert?",
        "04.03.2026",
        "Bürgermeisterin",
        "Nächste Termine",
        "Nächster Schritt: Auftakt-Workshop mit allen Ansprechpersonen (Schritt 3)",
        "Stand: 22.11.2026",
    ):
        assert part in text, part

    export_briefing_pdf(
        project, target, day=DAY, appointments=[(date(2026, 12, 3), "Auftakt-Workshop im Ratssaal")]
    )
    text = "\n".join(p.extract_text() for p in PdfReader(target).pages)
    assert "03.12.2026" in text and "Auftakt-Workshop im Ratssaal" in text
    assert "Termin wird noch festgelegt" not in text


def test_briefing_stays_within_two_pages_with_many_offices(
    project: Project, tmp_path: Path
) -> None:
    added = offices.add_offices(project, [(name, "") for name in offices.standard_offices()])
    ids = [r.id for r in overview.catalogue_rows(project) if r.key][: 10 * len(added)]
    relevance.decide(project, ids, relevance.RELEVANT)
    for n, office in enumerate(added):
        assignment.assign(project, ids[n * 10 : n * 10 + 1 + n % 10], office)
    target = tmp_path / "viel.pdf"
    export_briefing_pdf(project, target, day=DAY)
    reader = PdfReader(target)
    assert len(reader.pages) == 2
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Seite 2 von 2" in text and "Relevante Leistungen je Amt" in text


def test_briefing_for_an_empty_project(empty_project: Project, tmp_path: Path) -> None:
    export_briefing_pdf(empty_project, tmp_path / "leer.pdf", day=DAY)
    reader = PdfReader(tmp_path / "leer.pdf")
    assert 1 <= len(reader.pages) <= 2
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Noch sind keine Ämter erfasst" in text and "Testdorf" in text


# -- command line ------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_cli_exports(catalogue_path: Path, tmp_path: Path) -> None:
    with Project.open(catalogue_path) as project:
        _organise(project)
    xlsx = tmp_path / "Ämter.xlsx"
    result = run("export", "offices", "--project", str(catalogue_path), "--out", str(xlsx))
    assert result.returncode == 0, result.stderr
    assert "Übersicht" in openpyxl.load_workbook(xlsx).sheetnames

    folder = tmp_path / "Listen"
    result = run("export", "office-lists", "--project", str(catalogue_path), "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert "5 Leistungsliste(n)" in result.stdout
    assert len(list(folder.glob("*.pdf"))) == 5

    pdf = tmp_path / "Information.pdf"
    result = run("export", "briefing", "--project", str(catalogue_path), "--out", str(pdf))
    assert result.returncode == 0, result.stderr
    assert 1 <= len(PdfReader(pdf).pages) <= 2

    everything = tmp_path / "alle.xlsx"
    result = run(
        "export",
        "offices",
        "--project",
        str(catalogue_path),
        "--out",
        str(everything),
        "--all-services",
    )
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(everything)["Standesamt"].max_row == 4


def test_cli_export_errors(catalogue_path: Path, tmp_path: Path) -> None:
    project = str(catalogue_path)
    nothing = run("export", "office-lists", "--project", project, "--out", str(tmp_path / "L"))
    assert nothing.returncode == 1 and "Keine Leistungslisten" in nothing.stderr
    missing = run(
        "export",
        "briefing",
        "--project",
        str(tmp_path / "fehlt.ozgdesk"),
        "--out",
        str(tmp_path / "b.pdf"),
    )
    assert missing.returncode == 1 and "gibt es nicht" in missing.stderr
    assert not (tmp_path / "b.pdf").exists()
    assert (
        run("export", "offices", "--project", project, "--out", str(tmp_path / "a.pdf")).returncode
        == 2
    )
    assert (
        run(
            "export", "briefing", "--project", project, "--out", str(tmp_path / "b.xlsx")
        ).returncode
        == 2
    )
    assert (
        run(
            "export", "office-lists", "--project", project, "--out", str(tmp_path / "x.pdf")
        ).returncode
        == 2
    )
    assert run("export", "office-lists", "--project", project).returncode == 2
