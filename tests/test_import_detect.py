"""Column detection by header words and by content, and what an import does with the result.

Real lists in layouts the synonym table does not know, generated from the NRW
catalogue and imported into real project files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow.import_detect import confidence_text, looks_like_key
from ozgdesk.workflow.importing import analyse, run_import
from ozgdesk.workflow.problems import ERROR, WARNING
from tests import dbstate
from tests.fixtures import spreadsheets as fx
from tests.test_import import dump, ozgdesk, services


def _rows(count: int, start: int = 0) -> list[dict[str, str]]:
    return fx.umlaut_rows(count, start=start)


def _office_of(row: dict[str, str]) -> str:
    return "Bauamt" if row[fx.NAME] < "M" else "Ordnungsamt"


# header variants: (key header, name header, office header or None)
VARIANTS = [
    ("LeiKa-Nr.", "Name der Leistung", "Zuständigkeit"),
    ("Schlüssel (LeiKa, 14-stellig)", "Leistungsbeschreibung lt. LeiKa", None),
    ("Ident-Nr.", "Bezeichnung der Verwaltungsleistung", "Fachbereich / Amt"),
    ("Kennziffer", "Titel", "federführende Organisationseinheit"),
    ("LeiKa Leistungsschlüssel", "Leistung (Kurztext)", "OE"),
    ("Leistungs-Schlüssel", "Leistungsname", "Dienststelle"),
    ("LEIKA_ID", "LEISTUNG_BEZEICHNUNG", "AMT_NAME"),
    ("Nr.", "Benennung", "zuständiges Fachamt"),
    ("Lfd. Schlüssel-Nr.", "Beschreibung", "Abteilung"),
    ("Key", "Verwaltungsleistung", "Stelle"),
    ("Spalte 1", "Spalte 2", "Spalte 3"),  # headers name nothing: the cells decide
]


@pytest.mark.parametrize(("key_header", "name_header", "office_header"), VARIANTS)
@pytest.mark.parametrize("kind", ["csv-de", "xlsx"])
def test_lists_in_many_header_variants(
    tmp_path: Path,
    project: Project,
    key_header: str,
    name_header: str,
    office_header: str | None,
    kind: str,
) -> None:
    rows = _rows(12)
    header = [key_header, name_header] + ([office_header] if office_header else [])
    table: list[list[str]] = [header]
    for row in rows:
        table.append([row[fx.KEY], row[fx.NAME]] + ([_office_of(row)] if office_header else []))
    if kind == "csv-de":
        path = fx.write_csv(tmp_path / "liste.csv", table, encoding="cp1252", separator=";")
    else:
        path = fx.write_xlsx(tmp_path / "liste.xlsx", {"Tabelle1": table})
    plan = analyse(path, project=project)
    assert plan.ok, plan.file_error
    expected = {key_header: "key", name_header: "name"}
    if office_header:
        expected[office_header] = "office"
    assert plan.mapping_by_header() == expected
    for column in plan.columns():
        assert 0.5 <= float(column["confidence"]) <= 1.0  # type: ignore[arg-type]
    report = run_import(project, plan)
    assert report.committed and report.skipped == 0 and report.added == 0
    stored = services(project)
    for row in rows:
        assert stored[row[fx.KEY]]["name"] == row[fx.NAME]
        if office_header:
            assert stored[row[fx.KEY]]["office"] == _office_of(row)


def test_a_list_without_header_row_is_read_by_its_content(
    tmp_path: Path, empty_project: Project
) -> None:
    rows = _rows(8)
    table = [[_office_of(r), r[fx.KEY], r[fx.NAME]] for r in rows]  # data in the first line
    path = fx.write_csv(tmp_path / "ohne-kopf.csv", table, separator=";")
    plan = analyse(path, project=empty_project)
    assert plan.ok, plan.file_error
    assert plan.layout is not None and plan.layout.header_index == -1
    assert {c["field"]: c["basis"] for c in plan.columns()} == {
        "office": "content",
        "key": "content",
        "name": "content",
    }
    assert plan.mapping_by_header() == {"Spalte A": "office", "Spalte B": "key", "Spalte C": "name"}
    assert plan.data_rows == 8
    report = run_import(empty_project, plan)
    assert report.added == 8 and report.flagged == 0
    assert sorted(report.offices_created) == sorted({_office_of(r) for r in rows})


def test_content_beats_a_misleading_header(tmp_path: Path, empty_project: Project) -> None:
    # "Nr." is a running number, the keys stand in a column called "Code"
    rows = _rows(6)
    table = [["Nr.", "Code", "Bezeichnung"]]
    table += [[str(i), r[fx.KEY], r[fx.NAME]] for i, r in enumerate(rows, 1)]
    path = fx.write_xlsx(tmp_path / "nummern.xlsx", {"Liste": table})
    plan = analyse(path, project=empty_project)
    assert plan.mapping_by_header() == {"Code": "key", "Bezeichnung": "name"}


def test_excel_mangled_keys_make_a_key_column_with_broken_keys(
    tmp_path: Path, project: Project
) -> None:
    """Not keyless junk services named after the other column: every row is reported and
    skipped, and as no row can be taken nothing is written (exit 1 on the command line)."""
    rows = _rows(5)
    table: list[list[object]] = [["Code", "Name der Leistung"]]
    table += [
        ["9,90E+13" if i % 2 else float(r[fx.KEY][:3]) * 1e11, r[fx.NAME]]
        for i, r in enumerate(rows)
    ]
    path = fx.write_xlsx(tmp_path / "kaputt.xlsx", {"Liste": table})
    before = dump(project)
    plan = analyse(path, project=project)
    assert plan.mapping_by_header() == {"Code": "key", "Name der Leistung": "name"}
    assert [(p.row, p.column, p.level) for p in plan.errors] == [
        (n, "Code", ERROR) for n in range(2, 7)
    ]
    report = run_import(project, plan)
    assert not report.committed and report.added == 0
    assert "Keine der 5 Zeilen der Datei kann übernommen werden" in report.reason
    assert dump(project) == before
    project.close()
    result = ozgdesk("import", str(path), *dbstate.location_args(project), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["committed"] is False and "Keine der 5 Zeilen" in data["reason"]
    assert dump(project) == before


def test_import_that_takes_no_row_commits_nothing(tmp_path: Path, project: Project) -> None:
    # unknown keys without names: every row would be skipped by the merge
    table = [["Leistungsschlüssel", "Bemerkung"]] + [
        [f"99999999{i:03d}000", "siehe Akte"] for i in range(1, 7)
    ]
    path = fx.write_csv(tmp_path / "nur-schluessel.csv", table, separator=";")
    before = dump(project)
    for dry_run in (True, False):
        plan = analyse(path, project=project)
        report = run_import(project, plan, dry_run=dry_run)
        assert not report.committed and report.reason.startswith("Keine der 6 Zeilen")
        assert "Unbekannter Schlüssel ohne Leistungsbezeichnung" in report.reason
    assert dump(project) == before
    project.close()
    result = ozgdesk("import", str(path), *dbstate.location_args(project))
    assert result.returncode == 1 and "Keine der 6 Zeilen" in result.stderr
    assert dump(project) == before


def test_unknown_well_formed_keys_are_warned_per_row(tmp_path: Path, project: Project) -> None:
    known = _rows(2)
    table = [["Leistungsschlüssel", "Leistungsbezeichnung"]]
    table += [[r[fx.KEY], r[fx.NAME]] for r in known]
    table += [["99999999999999", "Erfundene Leistung"], ["99888777666000", "Noch eine"]]
    path = fx.write_csv(tmp_path / "neu.csv", table)
    plan = analyse(path, project=project)
    report = run_import(project, plan)
    assert report.committed and report.added == 2
    unknown = [
        (p.row, p.value) for p in report.warnings if "nicht im Leistungskatalog" in p.message
    ]
    assert unknown == [(4, "99999999999999"), (5, "99888777666000")]
    assert all(p.level == WARNING for p in report.warnings)


def test_no_warning_for_new_keys_without_a_catalogue(
    tmp_path: Path, empty_project: Project
) -> None:
    table = [["Leistungsschlüssel", "Leistungsbezeichnung"], ["99999999999999", "Erfunden"]]
    report = run_import(empty_project, analyse(fx.write_csv(tmp_path / "a.csv", table)))
    assert report.added == 1 and report.warnings == []


def test_relevant_list_decides_its_undecided_services(tmp_path: Path, project: Project) -> None:
    rows = _rows(4)
    dbstate.execute(
        project,
        ("UPDATE service SET relevance = 'nicht relevant' WHERE key = ?", (rows[0][fx.KEY],)),
    )
    table = [["LeiKa-Nr.", "Name der Leistung"]] + [[r[fx.KEY], r[fx.NAME]] for r in rows]
    path = fx.write_csv(tmp_path / "unsere.csv", table)
    project.close()
    result = ozgdesk("import", str(path), *dbstate.location_args(project), "--relevant", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["marked_relevant"] == 3 and data["first_import"] is True
    assert [c["field"] for c in data["columns"]] == ["key", "name"]
    assert data["columns"][0]["basis"] == "header+content"
    assert any("die Entscheidung im Projekt bleibt" in w["message"] for w in data["warnings"])
    with dbstate.reopen(project) as reopened:
        stored = services(reopened)
    assert [stored[r[fx.KEY]]["relevance"] for r in rows] == [
        "nicht relevant",
        "relevant",
        "relevant",
        "relevant",
    ]
    assert stored[rows[1][fx.KEY]]["relevance_reason"] == "aus der Liste „unsere.csv“"


def test_the_reported_csv_with_an_unusual_name_header(tmp_path: Path, project: Project) -> None:
    """The case of the issue: 600 rows, name header not in the synonym table."""
    rows = [r for r in fx.catalogue() if fx.has_key(r)][:600]
    table = [["Leistungsschlüssel", "Name der Leistung", "Typ"]]
    table += [[r[fx.KEY], r[fx.NAME], r["Typ"]] for r in rows]
    path = fx.write_csv(tmp_path / "kreis.csv", table, encoding="cp1252", separator=";")
    report = run_import(project, analyse(path, project=project))
    assert report.committed and report.skipped == 0
    assert report.added + report.updated + report.unchanged == 600


@pytest.mark.parametrize(
    ("cell", "key"),
    [
        ("99012001000000", True),
        (99012001000000, True),
        (9.9e13, True),
        ("9,90E+13", True),
        ("9901200100000", True),
        ("12", False),
        (3.5, False),
        ("Bauamt", False),
        (None, False),
        (True, False),
    ],
)
def test_looks_like_key(cell: object, key: bool) -> None:
    assert looks_like_key(cell) is key  # type: ignore[arg-type]


def test_confidence_text() -> None:
    assert confidence_text(1.0, "header+content") == "sicher (Kopfzeile und Inhalt)"
    assert confidence_text(0.75, "header") == "wahrscheinlich (Kopfzeile)"
    assert confidence_text(0.62, "content") == "62 % (Inhalt der Spalte)"
