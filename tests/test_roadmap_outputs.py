"""Step 5 outputs: the timeline (PDF on A4/A3, PNG), the roadmap (Excel, PDF table) and
the council report, read back with pypdf, PIL and openpyxl; the `ozgdesk export
roadmap` and `council-report` commands as real processes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PIL import Image
from pypdf import PdfReader

from ozgdesk.store.project import Project
from ozgdesk.workflow import (
    assignment,
    communication,
    delivery,
    offices,
    overview,
    relevance,
    roadmap,
)
from ozgdesk.workflow import roadmap_outputs as ro
from ozgdesk.workflow.exports import ExportError
from ozgdesk.workflow.offices import Office
from ozgdesk.workflow.roadmap import EARLY, LATER, STATUS_QUO, MilestoneItem, Plan
from tests import dbstate

DAY = date(2027, 5, 10)
LAST_REPORT = date(2027, 3, 1)
OFFICES = ("Bauamt", "Bürgerbüro", "Ordnungsamt")
QUARTERS = roadmap.quarters_between("2027-Q1", "2029-Q2")  # 10 quarters
SERVICES = 72
DEPENDENCIES = (
    "Mehrere Online-Dienste kommen vom Land NRW (EfA); ihre Termine stehen noch nicht fest. "
    "Bis dahin bieten wir die Formulare weiter als PDF an."
)


@dataclass
class Planned:
    project: Project
    ids: list[int]  # relevant services, in catalogue order
    keys: dict[int, str]
    names: dict[int, str]
    level3: int  # services at Reifegrad 3 or higher today
    unclear: list[int]  # waiting for an EfA service that is "unklar"
    status_quo: list[int]


def _plan(i: int) -> Plan:
    decision = EARLY if i % 3 == 0 else LATER
    if i % 12 == 11:
        decision = STATUS_QUO
    unclear = i % 9 == 4
    return Plan(
        decision=decision,
        planned_quarter=QUARTERS[i % len(QUARTERS)],
        current_level=3 if i % 8 == 0 else i % 3,
        target_level=4 if i % 8 == 0 else 3,
        effort_days=float(1 + i % 4),
        efa_kind="EfA aus NRW" if i % 2 else "EfA aus anderem Land",
        efa_state="unklar" if unclear else "gesichert",
        online_name=f"Online-Dienst {i}",
        provider="Land NRW",
    )


@pytest.fixture
def planned(project: Project) -> Planned:
    """72 relevant services of three offices with plans over ten quarters, capacity,
    milestones, prerequisites, a dependency, a communication plan and council inputs."""
    rows = [r for r in overview.catalogue_rows(project) if r.key and r.themenfeld]
    rows = sorted(rows, key=lambda r: r.key)[::40][:SERVICES]
    assert len(rows) == SERVICES
    ids = [r.id for r in rows]
    relevance.decide(project, ids, relevance.RELEVANT)
    office_ids = [offices.save_office(project, Office(None, name)) for name in OFFICES]
    for n, office in enumerate(office_ids):
        assignment.assign(project, ids[n :: len(office_ids)], office)
    plans = {sid: _plan(i) for i, sid in enumerate(ids)}
    roadmap.save_plans(project, plans)
    for office in office_ids:
        for quarter in QUARTERS:
            roadmap.set_capacity(project, office, quarter, 100)
    roadmap.set_capacity(project, office_ids[0], "2027-Q1", 1)  # Bauamt over capacity
    roadmap.save_prerequisite(
        project,
        roadmap.PrerequisiteItem(
            None, ids[1], "Fachverfahren", "ProBauG", "Beispiel GmbH", "unklar", "in Arbeit"
        ),
    )
    roadmap.save_prerequisite(
        project, roadmap.PrerequisiteItem(None, ids[1], "ePayment", status="erledigt")
    )
    roadmap.set_dependencies(project, ids[2], [ids[1]])
    for title, due, done in (
        ("Auftakt Roadmap", date(2027, 1, 20), True),  # before the last report
        ("Servicekonto angebunden", date(2027, 4, 15), True),  # reached since
        ("ePayment bereit", date(2027, 8, 1), False),  # within six months
        ("Abschluss", date(2029, 6, 1), False),
    ):
        roadmap.save_milestone(project, MilestoneItem(None, title, due, done))
    communication.generate(project, date(2028, 3, 1))
    defaults = communication.council_inputs(project)
    communication.save_council_inputs(
        project,
        communication.CouncilInputs(
            situation="Heute bietet die Stadt zwölf Leistungen online an.",
            goal="Bis Ende 2029 alle relevanten Leistungen mindestens mit Reifegrad 3.",
            benefits=defaults.benefits,
            implementation_cost=24000,
            operation_cost=6000.5,
            coordination_fte=0.5,
            cost_per_fte=80000,
            risk_buffer_percent=10,
            risks=defaults.risks,
            dependencies=DEPENDENCIES,
            last_report=LAST_REPORT,
        ),
    )
    delivery.set_status(project, ids[:10], delivery.DELIVERED)
    delivery.set_status(project, ids[10:14], delivery.CHECKED)
    return Planned(
        project,
        ids,
        {r.id: r.key for r in rows},
        {r.id: r.name for r in rows},
        sum(1 for i in range(SERVICES) if _plan(i).current_level >= 3),  # type: ignore[operator]
        [sid for i, sid in enumerate(ids) if _plan(i).efa_state == "unklar"],
        [sid for i, sid in enumerate(ids) if _plan(i).decision == STATUS_QUO],
    )


def _text(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.extract_text().replace("\xa0", " ").split())


# -- timeline ----------------------------------------------------------------------------


def test_timeline_data(planned: Planned) -> None:
    data = ro.timeline_data(planned.project, day=DAY)
    assert len(data.bars) == SERVICES - len(planned.status_quo)  # status quo has no bar
    assert [b.group for b in data.bars] == sorted(b.group for b in data.bars)
    assert data.quarters[0].label == "Q4/2026"  # preparation of the first connections
    assert data.quarters[-1].label == "Q2/2029"
    assert [m.title for m in data.milestones][:2] == ["Auftakt Roadmap", "Servicekonto angebunden"]
    themes = ro.timeline_data(planned.project, group_by="themenfeld", day=DAY)
    assert themes.group_label == "Themenfeld" and len(themes.bars) == len(data.bars)
    with pytest.raises(ValueError, match="Gruppierung"):
        ro.timeline_data(planned.project, group_by="farbe")


def test_timeline_pdf_repeats_the_labels_on_every_page(planned: Planned, tmp_path: Path) -> None:
    from ozgdesk.formats.timeline_pdf import plan_layout

    target = tmp_path / "Zeitplan.pdf"
    assert ro.export_timeline_pdf(planned.project, target, "A4", day=DAY) == target
    reader = PdfReader(target)
    layout = plan_layout(ro.timeline_data(planned.project, day=DAY), "A4")
    assert len(reader.pages) == len(layout.pages) > 1
    assert layout.columns > 1 and layout.bands > 1  # split both ways
    assert reader.metadata.title == "Zeitplan der Online-Anbindungen – Ahaus"
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (842, 595)  # A4 landscape

    all_keys = {b.key for p in layout.pages for b in p.bars}
    quarters = ro.timeline_data(planned.project, day=DAY).quarters
    for plan, page in zip(layout.pages, reader.pages, strict=True):
        text = _text(page)
        keys = {b.key for b in plan.bars}
        assert keys, "every page shows rows"
        for bar in plan.bars:  # the label column: key and the start of the name
            assert bar.key in text
            assert bar.label.split()[0][:10] in text
        assert not (all_keys - keys) & set(re.findall(r"\d{14}", text))  # only its own rows
        for q in quarters[plan.first_quarter : plan.last_quarter + 1]:
            assert q.label in text  # the quarter header
        assert f"Seite {plan.number} von {len(layout.pages)}" in text
        assert f"Zeilen {plan.first_row}–{plan.last_row} von {len(all_keys)}" in text
        assert "Leistung" in text and "Vorbereitung (Quartal davor)" in text  # legend
        assert plan.rows[-1].bar is not None  # no group heading alone at the bottom
        assert plan.rows[0].bar is None  # a group heading (repeated) at the top
        if plan.band and plan.rows[0].continued:
            assert f"{plan.rows[0].group} (Fortsetzung)" in text

    # the same rows on every page of a band, side by side
    bands: dict[int, list[set[str]]] = {}
    for plan in layout.pages:
        bands.setdefault(plan.band, []).append({b.key for b in plan.bars})
    for pages in bands.values():
        assert len(pages) == layout.columns and all(p == pages[0] for p in pages)
    assert set().union(*(pages[0] for pages in bands.values())) == all_keys

    a3 = tmp_path / "Zeitplan A3.pdf"
    ro.export_timeline_pdf(planned.project, a3, "A3", "themenfeld", day=DAY)
    a3_pages = PdfReader(a3).pages
    assert 1 <= len(a3_pages) < len(reader.pages)
    assert round(a3_pages[0].mediabox.width) == 1191  # A3 landscape
    assert "nach Themenfeld" in _text(a3_pages[0])


def test_timeline_png(planned: Planned, tmp_path: Path) -> None:
    target = tmp_path / "Zeitplan.png"
    assert ro.export_timeline_png(planned.project, target, day=DAY) == target
    with Image.open(target) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert 2300 <= width <= 2500  # 2400 px asked
        assert height > width * 0.6  # 60+ rows under each other: a tall image
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours and len(colours) > 20  # drawn, not blank
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


def test_empty_timeline_and_reports(empty_project: Project, tmp_path: Path) -> None:
    ro.export_timeline_pdf(empty_project, tmp_path / "z.pdf")
    ro.export_timeline_png(empty_project, tmp_path / "z.png")
    ro.export_roadmap_pdf(empty_project, tmp_path / "r.pdf")
    ro.export_roadmap_xlsx(empty_project, tmp_path / "r.xlsx")
    ro.export_council_report(empty_project, tmp_path / "b.pdf")
    assert "Noch ist keine Anbindung geplant." in _text(PdfReader(tmp_path / "z.pdf").pages[0])
    assert openpyxl.load_workbook(tmp_path / "r.xlsx")["Roadmap"].max_row == 1
    assert "(noch nicht ausgefüllt)" in _text(PdfReader(tmp_path / "b.pdf").pages[0])


@pytest.mark.file_only  # compares with the file's own storage
def test_export_refuses_bad_targets_and_options(planned: Planned, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Projektdatei selbst"):
        ro.export_timeline_pdf(planned.project, planned.project.path)
    with pytest.raises(ExportError, match="gibt es nicht"):
        ro.export_council_report(planned.project, tmp_path / "fehlt" / "b.pdf")
    with pytest.raises(ValueError, match="Papierformat"):
        ro.export_timeline_pdf(planned.project, tmp_path / "z.pdf", "A5")


def test_elide_middle_keeps_the_action() -> None:
    from ozgdesk.formats.timeline_pdf import elide_middle

    name = "Aufenthaltserlaubnis zum Zweck der Beschäftigung für Fachkräfte Verlängerung"
    short = elide_middle(name, 120, 7.5)
    assert short.startswith("Aufenthalts") and short.endswith(" Verlängerung") and " … " in short
    assert elide_middle("Amtsblatt", 120, 7.5) == "Amtsblatt"


def test_euro_and_number_formats() -> None:
    from ozgdesk.formats.council_report_pdf import euro, number

    assert euro(37500).replace("\xa0", " ") == "37.500 €"
    assert euro(5000.5).replace("\xa0", " ") == "5.000,50 €"
    assert euro(1234567.891).replace("\xa0", " ") == "1.234.567,89 €"
    assert (number(0.5), number(0.25), number(15)) == ("0,5", "0,25", "15")


# -- roadmap (.xlsx) -------------------------------------------------------------------------


def test_roadmap_xlsx(planned: Planned, tmp_path: Path) -> None:
    target = tmp_path / "Roadmap.xlsx"
    assert ro.export_roadmap_xlsx(planned.project, target, day=DAY) == target
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Roadmap", "Kapazität", "Kommunikation", "Meilensteine", "Info"]

    ws = wb["Roadmap"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["LeiKa-Schlüssel", "Leistung", "Amt", "Themenfeld", "OZG-Leistung"]
    assert header[5:20] == [roadmap.LABELS[f] for f in roadmap.PLAN_FIELDS]
    assert header[20:] == [
        "Voraussetzungen",
        "Voraussetzungen offen",
        "wartet auf",
        "von OZG-Leistung übernommen",
    ]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "C2"
    assert ws.max_row == SERVICES + 1
    col = {h: i for i, h in enumerate(header)}
    by_key = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    assert set(by_key) == set(planned.keys.values())

    i = 1  # Bürgerbüro, with two prerequisites
    cells = by_key[planned.keys[planned.ids[i]]]
    plan = _plan(i)
    assert cells[0].data_type == "s" and cells[0].number_format == "@"
    assert cells[col["Leistung"]].value == planned.names[planned.ids[i]]
    assert cells[col["Amt"]].value == "Bürgerbüro"
    assert cells[col["Entscheidung"]].value == plan.decision
    assert plan.planned_quarter == "2027-Q2"  # stored form; the workbook shows the label
    assert cells[col["Anbindung geplant"]].value == "Q2/2027"
    assert cells[col["Reifegrad heute"]].value == plan.current_level
    assert cells[col["Reifegrad Ziel"]].value == 3
    assert cells[col["Aufwand (Personentage)"]].value == plan.effort_days
    assert cells[col["EfA-Stand"]].value == "gesichert"
    assert cells[col["Name des Online-Dienstes"]].value == "Online-Dienst 1"
    assert cells[col["Voraussetzungen"]].value == (
        "Fachverfahren ProBauG (Beispiel GmbH, Schnittstelle: unklar): in Arbeit; "
        "ePayment: erledigt"
    )
    assert cells[col["Voraussetzungen offen"]].value == 1
    waiting = by_key[planned.keys[planned.ids[2]]]
    assert waiting[col["wartet auf"]].value == (
        f"{planned.keys[planned.ids[1]]} {planned.names[planned.ids[1]]}"
    )

    cap = wb["Kapazität"]
    assert cap["A1"].value == "Amt" and cap["B1"].value == "Q1/2027"
    assert (cap["B2"].value, cap["C2"].value) == ("geplant", "Kapazität")
    quarters = [cap.cell(1, c).value for c in range(2, cap.max_column + 1, 2)]
    assert quarters == [roadmap.quarter_label(q) for q in QUARTERS]
    rows = {cap.cell(r, 1).value: r for r in range(3, cap.max_row + 1)}
    bau = rows["Bauamt"]
    planned_q1 = sum(
        _plan(i).effort_days  # type: ignore[misc]
        for i in range(0, SERVICES, 3)
        if _plan(i).planned_quarter == "2027-Q1" and _plan(i).decision != STATUS_QUO
    )
    assert cap.cell(bau, 2).value == planned_q1 > 1
    assert cap.cell(bau, 3).value == 1
    assert cap.cell(bau, 2).fill.fgColor.rgb.endswith("F8D3C5")  # over capacity: highlighted
    assert cap.cell(bau, 4).fill.fgColor.rgb in (None, "00000000")
    assert cap.cell(rows["gesamt"], 3).value == 1 + 100 + 100

    comm = wb["Kommunikation"]
    items = communication.items(planned.project)
    assert comm.max_row == len(items) + 1
    assert [c.value for c in comm[1]] == [
        "Zielgruppe",
        "Maßnahme",
        "fällig am",
        "Phase",
        "verantwortlich",
        "erledigt",
        "Notizen",
    ]
    first = [c.value for c in comm[2]]
    assert first[:2] == [items[0].audience, items[0].title]
    assert first[2].date() == items[0].due_on and comm["C2"].number_format == "DD.MM.YYYY"
    assert first[5] == "nein"

    ms = wb["Meilensteine"]
    assert [c.value for c in ms[3]][:3][0] == "Servicekonto angebunden"
    assert ms["C3"].value == "ja"
    info = {row[0]: row[1] for row in wb["Info"].iter_rows(values_only=True)}
    assert info["Kommune"] == "Ahaus" and info["relevante Leistungen"] == SERVICES
    assert info["Entscheidung „Status quo“"] == len(planned.status_quo)


# -- roadmap (.pdf) --------------------------------------------------------------------------


def test_roadmap_pdf(planned: Planned, tmp_path: Path) -> None:
    target = tmp_path / "Roadmap.pdf"
    ro.export_roadmap_pdf(planned.project, target, day=DAY)
    reader = PdfReader(target)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    text = " ".join(_text(p) for p in reader.pages)
    assert "Roadmap der Online-Anbindungen" in text
    assert "Kapazität überschritten" in text and "Bauamt, Q1/2027" in text
    for quarter in QUARTERS:
        assert roadmap.quarter_label(quarter) in text  # one group per quarter
    assert "Status quo (vorerst keine Anbindung)" in text
    for key in planned.keys.values():
        assert key in text
    data = ro.roadmap_data(planned.project, DAY)
    assert [g.title for g in data.groups][:2] == ["Q1/2027", "Q2/2027"]
    assert sum(len(g.lines) for g in data.groups) == SERVICES
    assert dict(data.counts)[STATUS_QUO] == len(planned.status_quo)
    assert "1 von 2 offen" in text
    assert f"Seite {len(reader.pages)} von {len(reader.pages)}" in text


# -- council report --------------------------------------------------------------------------


def test_council_report_data(planned: Planned) -> None:
    data = ro.council_report_data(planned.project, DAY)
    assert data.personnel_cost == 40000 and data.risk_base == pytest.approx(70000.5)
    assert data.risk_buffer == pytest.approx(7000.05)
    assert data.total_first_year == pytest.approx(77000.55)
    assert data.relevant == SERVICES and data.level3_today == planned.level3 > 0
    assert sum(lv.today for lv in data.levels) == SERVICES
    assert [m.title for m in data.reached] == ["Servicekonto angebunden"]
    assert [m.title for m in data.upcoming] == ["ePayment bereit"]
    assert {w.key for w in data.waiting} == {planned.keys[i] for i in planned.unclear}
    assert {c.label: c.value for c in data.delivery}[delivery.DELIVERED] == 10
    assert data.first_quarter == "Q1/2027" and data.last_quarter == "Q2/2029"
    assert all(i.audience == communication.COUNCIL for i in data.communication)


def test_council_report_pdf(planned: Planned, tmp_path: Path) -> None:
    target = tmp_path / "Ratsbericht.pdf"
    assert ro.export_council_report(planned.project, target, day=DAY) == target
    reader = PdfReader(target)
    assert (
        reader.metadata.title == "Bericht an den Rat: Umsetzung des Onlinezugangsgesetzes – Ahaus"
    )
    first = _text(reader.pages[0])
    for heading in ("Das Wichtigste auf einer Seite", "Ausgangslage", "Ziel", "Nutzen", "Kosten"):
        assert heading in first
    assert "Risiken und Gegenmaßnahmen" in first and "Zeitplan" in first
    assert "Heute bietet die Stadt zwölf Leistungen online an." in first
    assert f"{planned.level3} davon erreichen heute Reifegrad 3 oder höher" in first
    assert "Einmalig 24.000 €" in first and "Im ersten Jahr insgesamt 77.000,55 €" in first
    assert "Risikopuffer 10 % = 7.000,05 €" in first
    assert "1 Nutzen" not in first  # the summary is one page on its own

    text = " ".join(_text(p) for p in reader.pages[1:])
    for heading in (
        "1 Nutzen",
        "2 Kosten",
        "3 Fortschritt seit dem letzten Bericht (01.03.2027)",
        "4 Meilensteine der nächsten sechs Monate (bis 10.11.2027)",
        "5 Abhängigkeiten von Land und Bund",
        "6 Kommunikation mit dem Rat",
    ):
        assert heading in text
    # the cost table: every figure from the inputs
    assert "Koordination: 0,5 VZÄ × 80.000 € pro Jahr" in text
    assert "10 % von 70.000,50 €" in text
    assert "Summe 24.000 € 46.000,50 € 77.000,55 €" in text
    assert "Anteil Online-Anträge je Leistung" in text  # benefit table: measured by
    # progress
    data = ro.council_report_data(planned.project, DAY)
    level3 = next(lv for lv in data.levels if lv.short == "3")
    assert f"3 – Online-Antrag mit Nachweisen (OZG-konform) {level3.today} {level3.target}" in text
    assert "Servicekonto angebunden" in text and "ePayment bereit" in text
    assert "Auftakt Roadmap" not in text  # reached before the last report
    assert DEPENDENCIES in text
    for sid in planned.unclear:
        assert planned.keys[sid] in text
    assert f"{len(planned.unclear)} Leistungen warten auf einen Online-Dienst" in text
    assert "Ratsbeschluss" in text and "Business Case erstellen" in text


# -- lazy imports and command line --------------------------------------------------------------


def test_workflow_module_imports_no_writer() -> None:
    code = (
        "import sys, ozgdesk.workflow.roadmap_outputs, ozgdesk.formats.roadmap_records\n"
        "assert not {'reportlab', 'openpyxl', 'pypdfium2'} & set(sys.modules), sys.modules.keys()"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=180,
    )


def test_cli_roadmap_and_council_report(planned: Planned, tmp_path: Path) -> None:
    where = dbstate.location_args(planned.project)
    planned.project.close()  # the command opens the project itself (read-only)

    def export(*args: str) -> subprocess.CompletedProcess[str]:
        return run("export", *args[:1], *where, *args[1:])

    pdf = tmp_path / "Zeitplan.pdf"
    result = export("roadmap", "--format", "pdf", "--out", str(pdf), "--page", "A3")
    assert result.returncode == 0, result.stderr
    assert "Zeitplan (A3 quer) gespeichert" in result.stdout
    assert round(PdfReader(pdf).pages[0].mediabox.width) == 1191

    table = tmp_path / "Roadmap.pdf"
    result = export("roadmap", "--format", "pdf", "--table", "--out", str(table))
    assert result.returncode == 0, result.stderr
    assert "Roadmap der Online-Anbindungen" in _text(PdfReader(table).pages[0])

    png = tmp_path / "Zeitplan.png"
    result = export("roadmap", "--format", "png", "--group", "themenfeld", "--out", str(png))
    assert result.returncode == 0, result.stderr
    with Image.open(png) as image:
        assert image.format == "PNG"

    xlsx = tmp_path / "Roadmap.xlsx"
    result = export("roadmap", "--format", "xlsx", "--out", str(xlsx))
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(xlsx, read_only=True)
    try:
        assert book["Roadmap"]["A1"].value == "LeiKa-Schlüssel"
    finally:
        book.close()  # a read-only workbook keeps its file open until closed

    report = tmp_path / "Ratsbericht.pdf"
    result = export("council-report", "--out", str(report))
    assert result.returncode == 0, result.stderr
    assert "Bericht an den Rat gespeichert" in result.stdout
    assert "Das Wichtigste auf einer Seite" in _text(PdfReader(report).pages[0])

    # usage errors: exit code 2, nothing written
    for args in (
        ("roadmap", "--format", "xlsx", "--table", "--out", str(tmp_path / "x.xlsx")),
        ("roadmap", "--format", "png", "--out", str(tmp_path / "x.pdf")),
        ("roadmap", "--format", "png", "--page", "A3", "--out", str(tmp_path / "x.png")),
        (
            "roadmap",
            "--format",
            "pdf",
            "--table",
            "--group",
            "office",
            "--out",
            str(tmp_path / "x.pdf"),
        ),
        ("roadmap", "--format", "pdf", "--page", "A5", "--out", str(tmp_path / "x.pdf")),
        ("council-report", "--out", str(tmp_path / "x.docx")),
    ):
        result = export(*args)
        assert result.returncode == 2, (args, result.stderr)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("x.")]
    missing = run(
        "export",
        "council-report",
        "--project",
        str(tmp_path / "fehlt.ozgdesk"),
        "--out",
        str(report),
    )
    assert missing.returncode == 1 and "gibt es nicht" in missing.stderr
