"""Importing service lists: every file kind, exact results, merge semantics, bad files.

The spreadsheets are generated from the reference data (tests/fixtures/spreadsheets.py)
and imported into real project files; a rejected import must leave the project
byte for byte as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import relevance
from ozgdesk.workflow.import_check import convert_key, is_footer
from ozgdesk.workflow.import_layout import (
    auto_mapping,
    field_for_header,
    field_from_label,
    header_signature,
)
from ozgdesk.workflow.importing import ImportPlan, ImportReport, analyse, run_import
from ozgdesk.workflow.info import project_facts
from ozgdesk.workflow.problems import ERROR, NOTE, WARNING
from tests import dbstate
from tests.fixtures import spreadsheets as fx

# -- helpers ----------------------------------------------------------------------------


def dump(where: Any) -> str:
    return dbstate.dump(where)


def do_import(project: Project, path: Path, **options: Any) -> tuple[ImportPlan, ImportReport]:
    run_options = {k: options.pop(k) for k in ("strict", "dry_run") if k in options}
    plan = analyse(path, project=project, **options)
    return plan, run_import(project, plan, **run_options)


def query(project: Project, sql: str, *args: object) -> list[tuple]:  # type: ignore[type-arg]
    return dbstate.query(project, sql, *args)


SERVICE_COLUMNS = (
    "key, key_raw, key_problem, name, typ, legal_basis, law, law_short, sdg1, sdg2, "
    "relevance, relevance_reason, remark, contact_person, assignment_source, "
    "(SELECT name FROM office WHERE office.id = service.lead_office_id) AS office"
)


def services(project: Project) -> dict[str, dict[str, Any]]:
    """All services by key (or by name when they have none)."""
    rows = dbstate.dicts(project, f"SELECT {SERVICE_COLUMNS} FROM service")
    return {r["key"] or r["name"]: r for r in rows}


def links(project: Project) -> dict[str, list[str]]:
    rows = query(
        project,
        "SELECT coalesce(s.key, s.name), o.ozg_id FROM service_ozg so "
        "JOIN service s ON s.id = so.service_id JOIN ozg_service o ON o.id = so.ozg_service_id "
        "ORDER BY 1, 2",
    )
    result: dict[str, list[str]] = {}
    for ident, ozg_id in rows:
        result.setdefault(ident, []).append(ozg_id)
    return result


def offices(project: Project) -> list[str]:
    return [r[0] for r in query(project, "SELECT name FROM office ORDER BY name")]


def problems(report: ImportReport, level: str) -> list[tuple[int, str, str]]:
    found = report.errors if level == ERROR else report.warnings
    return [(p.row, p.column, p.value) for p in found if p.level == level]


def counts(report: ImportReport) -> tuple[int, int, int, int, int]:
    return (report.added, report.updated, report.unchanged, report.flagged, report.skipped)


# -- unit level: keys, headers, footers ------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "key", "outcome"),
    [
        (99012001000000, "99012001000000", "ok"),
        (99012001000000.0, "99012001000000", "ok"),
        ("99012001000000", "99012001000000", "ok"),
        ("99 012 001 000 000", "99012001000000", "ok"),
        ("99012001000000.0", "99012001000000", "ok"),
        ("9,90E+13", "9,90E+13", "error"),
        ("9.9012E13", "9.9012E13", "error"),
        (9.9012e13, "99012000000000 (als Zahl)", "error"),
        (9.9e13, "99000000000000 (als Zahl)", "error"),
        (9901200100000, "9901200100000", "error"),  # 13 digits: one is gone
        (99012001000000.5, "99012001000000,5", "error"),
        (float("nan"), "keine Zahl", "error"),
        (float("inf"), "unendlich", "error"),
        ("99000000000000", "99000000000000", "error"),  # zeros instead of grouping
        (-99012001000000, "-99012001000000", "note"),
        (12345, "12345", "note"),
        (True, "ja", "note"),
        (None, "", "note"),
        ("nicht im LeiKa", "nicht im LeiKa", "note"),
        ("25323525", "25323525", "note"),
        ("９９０１２００１００００００", "99012001000000", "ok"),  # full-width digits
        ("٩٩٠١٢٠٠١٠٠٠٠٠٠", "99012001000000", "ok"),  # Arabic-Indic digits
    ],
)
def test_convert_key(cell: object, key: str, outcome: str) -> None:
    result = convert_key(cell)
    assert result.key_raw == key
    assert bool(result.error) == (outcome == "error")
    assert bool(result.note) == (outcome == "note")


def test_headers_of_the_nrw_catalogue_map_to_every_field() -> None:
    assert auto_mapping(fx.NRW_HEADER) == dict(
        enumerate(
            [
                "key",
                "name",
                "typ",
                "legal_basis",
                "law",
                "law_short",
                "sdg1",
                "sdg2",
                "ozg_id",
                "ozg_name",
                "lebenslage",
                "themenfeld",
            ]
        )
    )


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("LeiKa-ID", "key"),
        ("LeiKa-Schlüssel (14-stellig)", "key"),
        ("Bezeichnung", "name"),
        ("OZG-Leistung(en)", "ozg_name"),
        ("Lage", "lebenslage"),
        ("SDG1-Relevanz", "sdg1"),
        ("Amt", "office"),
        ("Gesetz (Kürzel)", "law_short"),
        ("Gesetz", "law"),
        ("Ansprechpartner/in", "contact_person"),
        # read by their words, not as a whole-string synonym
        ("Kennziffer", "key"),
        ("Name der Leistung", "name"),
        ("Leistungsbeschreibung lt. LeiKa", "name"),
        ("LeiKa-Nr.", "key"),
        ("Schlüssel (LeiKa, 14-stellig)", "key"),
        ("Ident-Nr.", "key"),
        ("OZG Nr.", "ozg_id"),
        ("Zuordnung OZG-Leistungsbündel", "ozg_name"),
        ("federführende Organisationseinheit", "office"),
        ("Relevant für die Gemeinde?", "relevance"),
        ("Hinweise der Fachämter", "remark"),
        ("Leistungstyp (1-5)", "typ"),
        ("Sachbearbeiter/in", "contact_person"),
        ("Lfd. Nr.", None),
        ("Stelle", None),
        ("Gesamt", None),
    ],
)
def test_header_variants(header: str, field: str | None) -> None:
    assert field_for_header(header) == field


def test_field_labels_for_map() -> None:
    assert field_from_label("Gesetz (Kürzel)") == "law_short"
    assert field_from_label("law_short") == "law_short"
    assert field_from_label("LeiKa-Schlüssel") == "key"
    assert field_from_label("Zuständiges Amt") == "office"
    assert field_from_label("quatsch") is None


def test_signature_ignores_trailing_empty_columns() -> None:
    assert header_signature(["Nr.", "Titel", ""]) == header_signature(["Nr.", "Titel"])
    assert header_signature(["Nr.", "Titel"]) != header_signature(["Titel", "Nr."])


@pytest.mark.parametrize(
    ("row", "footer"),
    [
        (["Summe", None, 6], True),
        ([None, "Summe:", 6], True),
        (["", "Gesamt: 5.251 Leistungen"], True),
        (["Anzahl", "12"], True),
        ([None, "Ergebnis der Wahl der Vertreter öffentlich bekanntmachen"], False),
        (["nicht im LeiKa", "Summe"], False),
        (["99058053000000", "Ergebnis der Wahl"], False),
        ([None, "Anzahl Hunde melden"], False),
        (["Gesamtschule anmelden", None], False),
        ([5, "Summe"], False),
    ],
)
def test_footer_rows(row: list[object], footer: bool) -> None:
    assert is_footer(row, key_column=0, name_column=1) is footer


# -- (a) German Excel CSV ------------------------------------------------------------------


def test_german_excel_csv_into_an_empty_project(tmp_path: Path, empty_project: Project) -> None:
    k1, k2, k3, keyless = fx.german_services()
    plan, report = do_import(empty_project, fx.german_excel_csv(tmp_path))
    assert plan.description == "CSV, Zeichensatz Windows-1252, Trennzeichen Semikolon"
    assert plan.layout is not None and plan.layout.header_index == 2  # below title + blank line
    assert plan.data_rows == 6  # records, not lines: the remark on lines 5-6 is one
    assert plan.mapping_by_header() == {
        "Leistungsschlüssel": "key",
        "Leistungsbezeichnung": "name",
        "Zuständiges Amt": "office",
        "Bemerkung": "remark",
    }
    assert report.committed
    assert counts(report) == (5, 0, 0, 2, 1)
    # the key Excel turned into 9,90E+13 on line 10 (the remark on 5-6 spans two lines)
    [error] = report.errors
    assert (error.row, error.column, error.value) == (10, "Leistungsschlüssel", "9,90E+13")
    assert "Exponentialschreibweise" in error.message
    assert problems(report, NOTE) == [
        (8, "Leistungsschlüssel", "nicht im LeiKa"),
        (9, "Leistungsschlüssel", "nicht im LeiKa"),
    ]
    assert report.offices_created == [
        "Bürgerbüro",
        "Ordnungsamt",
        "Steueramt",
        "Straßenverkehrsamt",
    ]

    found = services(empty_project)
    assert set(found) == {
        k1[fx.KEY],
        k2[fx.KEY],
        k3[fx.KEY],
        fx.clean_name(keyless),
        fx.NEW_KEYLESS_NAME,
    }
    assert found[k1[fx.KEY]]["name"] == fx.clean_name(k1)
    assert any(ch in found[k1[fx.KEY]]["name"] for ch in "äöüß")
    assert found[k1[fx.KEY]]["office"] == "Straßenverkehrsamt"
    assert found[k1[fx.KEY]]["assignment_source"] == "Import"
    assert found[k2[fx.KEY]]["remark"] == "Rückfrage beim Kreis Termin im März"
    assert found[k3[fx.KEY]]["remark"] == fx.REMARK_WITH_SEPARATOR
    new = found[fx.NEW_KEYLESS_NAME]
    assert (new["key"], new["key_raw"], new["key_problem"]) == (None, "nicht im LeiKa", "fehlt")
    assert new["office"] == "Steueramt"
    assert [p.row for p in plan.checked.records] == [4, 5, 7, 8, 9]


def test_german_excel_csv_updates_the_catalogue(tmp_path: Path, project: Project) -> None:
    _plan, report = do_import(project, fx.german_excel_csv(tmp_path))
    assert report.committed
    # four known services get their office (two a remark), one is new
    assert counts(report) == (1, 4, 0, 2, 1)
    assert project_facts(project)["services_total"] == 5248


# -- (b) UTF-8 with BOM -----------------------------------------------------------------------


def test_utf8_bom_csv(tmp_path: Path, empty_project: Project, project: Project) -> None:
    path = fx.utf8_bom_csv(tmp_path)
    plan, report = do_import(empty_project, path)
    assert plan.description == "CSV, Zeichensatz UTF-8 mit BOM, Trennzeichen Komma"
    assert list(plan.mapping_by_header()) == [
        "Leistungsschlüssel",  # the BOM is not part of the first header
        "Leistungsbezeichnung",
        "Typ",
        "SDG 1",
        "SDG 2",
        "Bemerkung",
    ]
    assert counts(report) == (3, 0, 0, 0, 0) and report.errors == []
    found = services(empty_project)
    for row, remark in zip(fx.utf8_services(), fx.UTF8_REMARKS, strict=True):
        service = found[row[fx.KEY]]
        assert service["name"] == fx.clean_name(row) and "," in service["name"]
        assert service["remark"] == remark
        assert (service["typ"], service["sdg1"], service["sdg2"]) == (
            row["Typ"],
            fx.sdg(row["SDG 1"]),
            fx.sdg(row["SDG 2"]),
        )
    # the same rows in the catalogue: two get a remark, one is as it was
    _plan, report = do_import(project, path)
    assert counts(report) == (0, 2, 1, 0, 0)


# -- (c) tab and "|" ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("separator", "description"),
    [
        ("\t", "CSV, Zeichensatz UTF-8, Trennzeichen Tabulator"),
        ("|", "CSV, Zeichensatz Windows-1252, Trennzeichen senkrechter Strich"),
    ],
)
def test_tab_and_pipe_separated(
    tmp_path: Path, empty_project: Project, separator: str, description: str
) -> None:
    plan, report = do_import(empty_project, fx.separated_text(tmp_path, separator))
    assert plan.description == description
    assert counts(report) == (5, 0, 0, 1, 0)
    assert report.offices_created == [fx.SEPARATED_OFFICE]
    found = services(empty_project)
    assert {s["office"] for s in found.values()} == {fx.SEPARATED_OFFICE}
    for row in fx.separated_services():
        ident = row[fx.KEY] if fx.has_key(row) else fx.clean_name(row)
        assert (found[ident]["name"], found[ident]["typ"]) == (fx.clean_name(row), row["Typ"])


# -- (d) .xls ---------------------------------------------------------------------------------


def test_old_excel_xls(tmp_path: Path, empty_project: Project) -> None:
    k1, k2, keyless = fx.xls_services()
    plan, report = do_import(empty_project, fx.old_excel_xls(tmp_path))
    assert plan.sheet_names == ["Leistungen", "Notizen"] and plan.sheet_name == "Leistungen"
    assert plan.layout is not None and plan.layout.header_index == 2
    assert "Stand" not in plan.mapping_by_header()  # the date column is not imported
    assert counts(report) == (3, 0, 0, 1, 1)
    [error] = report.errors
    assert (error.row, error.column, error.value) == (
        6,
        "Leistungsschlüssel",
        "99012000000000 (als Zahl)",
    )
    assert "Ziffern verloren" in error.message
    found = services(empty_project)
    assert found[k1[fx.KEY]]["key_raw"] == k1[fx.KEY]  # stored as a number, exact as text
    assert found[k2[fx.KEY]]["office"] == "Ordnungsamt"
    assert found[fx.clean_name(keyless)]["office"] == "Bauamt"
    assert offices(empty_project) == ["Bauamt", "Ordnungsamt"]
    assert found[k1[fx.KEY]]["sdg1"] == fx.sdg(k1["SDG 1"])


# -- (e) .ods ---------------------------------------------------------------------------------


def test_libreoffice_ods(tmp_path: Path, empty_project: Project) -> None:
    k1, k2, keyless = fx.ods_services()
    plan, report = do_import(empty_project, fx.libreoffice_ods(tmp_path))
    assert plan.description == "ODS-Arbeitsmappe, 1 Tabellenblatt"
    assert plan.layout is not None and plan.layout.header_index == 1
    assert counts(report) == (3, 0, 0, 1, 0)
    found = services(empty_project)
    assert found[k1[fx.KEY]]["key_raw"] == k1[fx.KEY]  # a float cell, exact as text
    assert found[k1[fx.KEY]]["remark"] == "Erste Zeile zweite Zeile"
    assert [found[i]["relevance"] for i in (k1[fx.KEY], k2[fx.KEY], fx.clean_name(keyless))] == [
        "relevant",
        "nicht relevant",
        "prüfen",
    ]
    assert links(empty_project) == {k1[fx.KEY]: [k1["OZG-ID"]], k2[fx.KEY]: [k2["OZG-ID"]]}


# -- (f) .xlsx with title rows, mangled keys, duplicates, footer --------------------------------


def test_excel_xlsx_into_an_empty_project(tmp_path: Path, empty_project: Project) -> None:
    k1, k2, k3, keyless = fx.xlsx_services()
    before = dump(empty_project)
    plan, report = do_import(empty_project, fx.excel_xlsx(tmp_path))
    assert plan.sheet_names == ["Hinweise", "Leistungen"]
    assert plan.sheet_name == "Leistungen"  # the first sheet has no header row
    assert plan.layout is not None and plan.layout.header_index == 3  # row 4
    assert plan.data_rows == 8  # rows 5-14 without the two blank ones (the footer counts)
    assert list(plan.mapping_by_header().values()) == [
        "key",
        "name",
        "ozg_id",
        "ozg_name",
        "lebenslage",
        "sdg1",
        "office",
        "relevance",
    ]
    assert report.committed and dump(empty_project) != before
    assert counts(report) == (4, 0, 0, 1, 2)
    assert [(p.row, p.column, p.value) for p in report.errors] == [
        (7, "LeiKa-ID", "9,90E+13"),
        (8, "LeiKa-ID", "99012000000000 (als Zahl)"),
    ]
    assert "Exponentialschreibweise" in report.errors[0].message
    assert "als Zahl gespeichert" in report.errors[1].message
    assert problems(report, WARNING) == [(11, "LeiKa-ID", "99012001000000 (als Zahl)")]
    assert "Zeile 5" in report.warnings[0].message
    assert problems(report, NOTE) == [(12, "LeiKa-ID", "nicht im LeiKa")]
    # blank rows 9 and 13 and the footer "Summe" in row 14 are neither services nor problems
    assert all(p.row not in (9, 13, 14) for p in report.errors + report.warnings)

    found = services(empty_project)
    assert set(found) == {fx.XLSX_KEY, k2[fx.KEY], k3[fx.KEY], fx.clean_name(keyless)}
    assert found[fx.XLSX_KEY]["key_raw"] == "99012001000000"
    assert found[k2[fx.KEY]]["key_raw"] == k2[fx.KEY]
    assert found[fx.XLSX_KEY]["name"] == "Abbruchgenehmigung"
    assert found[fx.XLSX_KEY]["sdg1"] == 1
    assert {k: s["office"] for k, s in found.items()} == {
        fx.XLSX_KEY: "Bauamt",
        k2[fx.KEY]: "Ordnungsamt",
        k3[fx.KEY]: "Bauamt",
        fx.clean_name(keyless): "Bürgeramt",
    }
    assert offices(empty_project) == ["Bauamt", "Bürgeramt", "Ordnungsamt"]  # not "Gewerbeamt"
    assert {k: s["relevance"] for k, s in found.items()} == {
        fx.XLSX_KEY: "relevant",
        k2[fx.KEY]: "nicht relevant",
        k3[fx.KEY]: "prüfen",
        fx.clean_name(keyless): "nicht relevant",
    }
    assert found[fx.XLSX_KEY]["relevance_reason"] == "aus der Liste „Leistungen Musterhausen.xlsx“"
    assert links(empty_project) == {
        fx.XLSX_KEY: [k1["OZG-ID"]],
        k2[fx.KEY]: [k2["OZG-ID"]],
        k3[fx.KEY]: [k3["OZG-ID"]],
    }
    assert query(
        empty_project,
        "SELECT o.name, l.name FROM ozg_service o JOIN lebenslage l ON l.id = o.lebenslage_id "
        "WHERE o.ozg_id = ?",
        k1["OZG-ID"],
    ) == [(k1["OZG-Leistung"], k1["Lebenslage"])]
    facts = project_facts(empty_project)
    assert (
        facts["services_relevant"],
        facts["services_not_relevant"],
        facts["services_undecided"],
    ) == (1, 2, 1)


@pytest.mark.file_only  # compares with the file's own storage
def test_bulk_inserted_values_are_stored_like_the_orm_stores_them(
    tmp_path: Path, empty_project: Project
) -> None:
    """Services, links and sources are inserted straight through the driver (speed);
    dates must be the same text as the ORM writes (e.g. for offices), flags 0/1."""
    do_import(empty_project, fx.excel_xlsx(tmp_path))
    [(office_at,)] = query(empty_project, "SELECT created_at FROM office LIMIT 1")
    rows = query(
        empty_project,
        "SELECT created_at, updated_at, relevance_at, typeof(sdg1), sdg1 FROM service",
    )
    assert {(c, u, r) for c, u, r, _t, _s in rows} == {(office_at, office_at, office_at)}
    assert {(t, s) for *_dates, t, s in rows} == {("integer", 0), ("integer", 1)}
    assert query(empty_project, "SELECT DISTINCT typeof(missing), missing FROM service_source") == [
        ("integer", 0)
    ]
    with empty_project.session(rollback=True) as session:  # and the ORM reads them back
        from sqlalchemy import select

        from ozgdesk.store.models import Service

        service = session.execute(select(Service).where(Service.key == fx.XLSX_KEY)).scalar_one()
        assert service.sdg1 is True and service.created_at.year >= 2026


@pytest.mark.file_only  # compares with the file's own storage
def test_insert_many_fills_defaults_like_the_orm(empty_project: Project) -> None:
    from datetime import UTC, datetime

    from ozgdesk.store.bulk_insert import insert_many
    from ozgdesk.store.models import Service

    now = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    with empty_project.session() as session:
        insert_many(
            session, Service.__table__, [{"name": "A", "created_at": now, "updated_at": now}]
        )
        session.add(Service(name="B", created_at=now, updated_at=now))
    rows = query(
        empty_project,
        "SELECT key, key_raw, typ, sdg1, relevance, created_at, relevance_at FROM service ORDER BY name",
    )
    assert rows[0] == rows[1] == (None, "", "", 0, "", "2026-11-22 09:30:00.000000", None)


def test_excel_xlsx_into_the_catalogue(tmp_path: Path, project: Project) -> None:
    _plan, report = do_import(project, fx.excel_xlsx(tmp_path))
    assert counts(report) == (0, 4, 0, 1, 2)  # office and relevance for four known services
    assert project_facts(project)["services_total"] == 5247


def test_sheet_choice(tmp_path: Path, empty_project: Project) -> None:
    path = fx.excel_xlsx(tmp_path)
    plan = analyse(path, sheet="Leistungen", project=empty_project)
    assert plan.ok and plan.sheet_name == "Leistungen" and len(plan.checked.records) == 5
    hints = analyse(path, sheet="Hinweise", project=empty_project)
    assert not hints.ok and "„Hinweise“ wurde keine Kopfzeile gefunden" in hints.file_error
    missing = analyse(path, sheet="Tabelle9", project=empty_project)
    assert missing.file_error == (
        "Das Tabellenblatt „Tabelle9“ gibt es nicht (vorhanden: „Hinweise“, „Leistungen“)."
    )


# -- (g) the catalogue sample in every format ----------------------------------------------------

SAMPLE_FIELDS = ("key_raw", "name", "typ", "legal_basis", "law", "law_short", "sdg1", "sdg2")


@pytest.mark.parametrize("kind", fx.SAMPLE_FORMATS)
def test_catalogue_sample_in_every_format(
    tmp_path: Path, kind: str, empty_project: Project, project: Project
) -> None:
    path = fx.catalogue_sample(tmp_path, kind)
    _plan, report = do_import(empty_project, path)
    assert counts(report) == (50, 0, 0, 3, 0) and report.errors == []
    # exactly what the built-in catalogue has for these services, links included
    imported, builtin = services(empty_project), services(project)
    assert len(imported) == 50
    for ident, service in imported.items():
        assert {f: service[f] for f in SAMPLE_FIELDS} == {
            f: builtin[ident][f] for f in SAMPLE_FIELDS
        }
    builtin_links = links(project)
    assert links(empty_project) == {i: builtin_links[i] for i in imported if i in builtin_links}
    # and into the catalogue itself: nothing to change
    _plan, report = do_import(project, path)
    assert counts(report) == (0, 0, 50, 3, 0)


# -- (h) files that are rejected -------------------------------------------------------------


def _binary_csv(directory: Path) -> Path:
    path = directory / "Bild.csv"
    path.write_bytes(fx.png_as_xlsx(directory).read_bytes())
    return path


def _pdf(directory: Path) -> Path:
    path = directory / "Liste.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    return path


def _open_quote(directory: Path) -> Path:
    """A stray quote that would swallow the rest of the file into one name."""
    k1, k2, k3 = fx.umlaut_rows(3)
    rows = [
        "Leistungsschlüssel;Leistungsbezeichnung;Amt",
        f'{k1[fx.KEY]};"{k1[fx.NAME]};Bauamt',
        f"{k2[fx.KEY]};{k2[fx.NAME]};Bauamt",
        f"{k3[fx.KEY]};{k3[fx.NAME]};Bauamt",
    ]
    path = directory / "anfuehrung.csv"
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    return path


def _all_rows_broken(directory: Path) -> Path:
    rows = [["Leistungsschlüssel", "Leistungsbezeichnung"], ["9,90E+13", ""], ["9,9E+13", None]]
    return fx.write_csv(directory / "kaputt.csv", rows, separator=";")


BAD_FILES = {
    "empty-xlsx": (lambda d: fx.empty_file(d), "Die Datei ist leer."),
    "empty-csv": (lambda d: fx.empty_file(d, "leer.csv"), "Die Datei ist leer."),
    "png-as-xlsx": (fx.png_as_xlsx, "keine lesbare Tabelle oder beschädigt"),
    "truncated-xlsx": (fx.truncated_xlsx, "unvollständig heruntergeladen"),
    "header-only-csv": (lambda d: fx.header_only(d, "csv"), "nur die Kopfzeile"),
    "header-only-xlsx": (lambda d: fx.header_only(d, "xlsx"), "nur die Kopfzeile"),
    "unknown-column-csv": (fx.unrecognisable_column, "keine Kopfzeile gefunden"),
    "unknown-column-xlsx": (
        lambda d: fx.unrecognisable_column(d, "xlsx"),
        "keine Kopfzeile gefunden",
    ),
    "password-xls": (fx.password_xls, "mit einem Kennwort geschützt"),
    "garbage-xls": (fx.garbage_xls, "keine lesbare Tabelle oder beschädigt"),
    "binary-csv": (_binary_csv, "Binärdaten"),
    "pdf": (_pdf, "Endung „.pdf“"),
    "missing": (lambda d: d / "gibt-es-nicht.xlsx", "Die Datei gibt es nicht"),
    "open-quote-csv": (_open_quote, "In Zeile 2 der CSV-Datei wird ein Anführungszeichen"),
    "all-rows-broken": (_all_rows_broken, "Zeilen der Datei kann übernommen werden"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_files_are_rejected_and_change_nothing(
    tmp_path: Path, project: Project, kind: str
) -> None:
    make, message = BAD_FILES[kind]
    path = make(tmp_path)
    before_bytes, before = dbstate.fingerprint(project), dump(project)
    for options in ({}, {"strict": True}, {"dry_run": True}):
        plan, report = do_import(project, path, **options)
        assert not report.committed
        assert message in report.reason or (options.get("strict") and "--strict" in report.reason)
        assert report.added == report.updated == 0
        assert report.backup == ""  # refused before the backup
    assert dbstate.fingerprint(project) == before_bytes
    assert dump(project) == before
    if kind != "all-rows-broken":
        assert not plan.ok and plan.errors[0].message == plan.file_error


# -- re-import, merge, strict, dry run ----------------------------------------------------------


@pytest.mark.parametrize("make", [fx.excel_xlsx, fx.german_excel_csv])
def test_reimport_is_idempotent(tmp_path: Path, project: Project, make) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    _plan, first = do_import(project, path)
    assert first.committed and first.added + first.updated > 0
    after_first = dump(project)
    _plan, second = do_import(project, path)
    assert second.committed
    assert (second.added, second.updated) == (0, 0)
    assert second.unchanged == first.added + first.updated + first.unchanged
    assert dump(project) == after_first


def _list(directory: Path, name: str, rows: list[dict[str, str]], renamed: str = "") -> Path:
    table: list[list[str]] = [["Leistungsschlüssel", "Leistungsbezeichnung", "Typ"]]
    for i, row in enumerate(rows):
        table.append([row[fx.KEY], renamed if (renamed and i == 0) else row[fx.NAME], row["Typ"]])
    return fx.write_csv(directory / name, table, separator=";", encoding="cp1252")


def test_newer_list_updates_adds_and_marks_missing(tmp_path: Path, empty_project: Project) -> None:
    a, b, c, d = fx.umlaut_rows(4, start=20)
    n = fx.keyless_rows(1, start=5)[0]
    source = "Liste Fachbereich 3"
    _plan, first = do_import(
        empty_project, _list(tmp_path, "v1.csv", [a, b, c, n]), source_label=source
    )
    assert counts(first) == (4, 0, 0, 1, 0)
    b_id = query(empty_project, "SELECT id FROM service WHERE key = ?", b[fx.KEY])[0][0]
    relevance.decide(empty_project, [b_id], relevance.RELEVANT, "Gemeinde zuständig")

    renamed = fx.clean_name(a) + " (neu)"
    v2 = _list(tmp_path, "v2.csv", [a, c, d], renamed=renamed)
    _plan, second = do_import(empty_project, v2, source_label=source)
    assert second.committed
    assert counts(second) == (1, 1, 1, 0, 0)  # d new, a renamed, c as it was
    assert any("anderer Name" in p.message for p in second.warnings)
    assert sorted(second.missing_from_file) == sorted(
        [(b[fx.KEY], fx.clean_name(b)), ("", fx.clean_name(n))]
    )
    found = services(empty_project)
    assert len(found) == 5  # nothing deleted
    assert found[a[fx.KEY]]["name"] == renamed
    assert (found[b[fx.KEY]]["relevance"], found[b[fx.KEY]]["relevance_reason"]) == (
        "relevant",
        "Gemeinde zuständig",
    )
    missing = query(
        empty_project,
        "SELECT coalesce(s.key, s.name) FROM service_source ss JOIN service s ON s.id = ss.service_id "
        "JOIN import_source i ON i.id = ss.source_id WHERE i.label = ? AND ss.missing ORDER BY 1",
        source,
    )
    assert missing == sorted([(b[fx.KEY],), (fx.clean_name(n),)])

    # the same file under another name is another list: nothing is missing there
    _plan, other = do_import(empty_project, v2, source_label="Andere Liste")
    assert other.missing_from_file == [] and other.added == 0

    # the first version again: b and n are back
    _plan, third = do_import(
        empty_project, _list(tmp_path, "v1.csv", [a, b, c, n]), source_label=source
    )
    assert third.missing_from_file == [(d[fx.KEY], fx.clean_name(d))]
    assert query(empty_project, "SELECT count(*) FROM service_source WHERE missing") == [(1,)]


def test_rows_with_errors_do_not_mark_services_missing(
    tmp_path: Path, empty_project: Project
) -> None:
    a, b = fx.umlaut_rows(2, start=30)
    source = "Liste"
    do_import(empty_project, _list(tmp_path, "v1.csv", [a, b]), source_label=source)
    broken = [
        ["Leistungsschlüssel", "Leistungsbezeichnung"],
        [a[fx.KEY], a[fx.NAME]],
        ["9,90E+13", b[fx.NAME]],
    ]
    path = fx.write_csv(tmp_path / "v2.csv", broken, separator=";")
    _plan, report = do_import(empty_project, path, source_label=source)
    assert report.committed and report.skipped == 1
    assert report.missing_from_file == []
    assert any("nicht als fehlend markiert" in p.message for p in report.warnings)
    assert query(empty_project, "SELECT count(*) FROM service_source WHERE missing") == [(0,)]


def test_newer_catalogue_list_marks_but_keeps_the_rest(tmp_path: Path, project: Project) -> None:
    """The built-in catalogue is a source too: a 50-row "newer" list reports the others."""
    decided = query(project, "SELECT id FROM service WHERE key IS NOT NULL ORDER BY id LIMIT 3")
    relevance.decide(project, [r[0] for r in decided], relevance.NOT_RELEVANT, "Bundesaufgabe")
    path = fx.catalogue_sample(tmp_path, "csv")
    _plan, report = do_import(project, path, source_label="Katalog NRW")
    assert counts(report) == (0, 0, 50, 3, 0)
    assert len(report.missing_from_file) == 5247 - 50
    assert project_facts(project)["services_total"] == 5247
    assert project_facts(project)["services_not_relevant"] == 3


def test_unknown_key_without_name_is_skipped_without_side_effects(
    tmp_path: Path, empty_project: Project
) -> None:
    known = fx.umlaut_rows(1, start=99)[0]
    rows = [
        ["Leistungsschlüssel", "Leistungsbezeichnung", "OZG-ID", "Amt"],
        [known[fx.KEY], known[fx.NAME], known["OZG-ID"], "Bauamt"],
        ["99999999999999", "", "99999", "Sonderamt"],
    ]
    path = fx.write_csv(tmp_path / "ohne-name.csv", rows, separator=";")
    _plan, report = do_import(empty_project, path)
    assert counts(report) == (1, 0, 0, 0, 1)
    assert [(p.row, p.value) for p in report.errors] == [(3, "99999999999999")]
    assert "ohne Leistungsbezeichnung" in report.errors[0].message
    assert offices(empty_project) == ["Bauamt"]  # no office, no OZG service for the skipped row
    assert query(empty_project, "SELECT ozg_id FROM ozg_service") == [(known["OZG-ID"],)]


def test_strict_rejects_any_row_error(tmp_path: Path, project: Project) -> None:
    before_bytes = dbstate.fingerprint(project)
    plan, report = do_import(project, fx.excel_xlsx(tmp_path), strict=True)
    assert plan.ok and not report.committed
    assert "--strict" in report.reason
    assert len(report.errors) == 2
    assert dbstate.fingerprint(project) == before_bytes
    # a clean file passes with --strict
    _plan, clean = do_import(project, fx.catalogue_sample(tmp_path, "xlsx"), strict=True)
    assert clean.committed


def test_dry_run_reports_but_writes_nothing(tmp_path: Path, empty_project: Project) -> None:
    path = fx.excel_xlsx(tmp_path)
    before_bytes, before = dbstate.fingerprint(empty_project), dump(empty_project)
    _plan, dry = do_import(empty_project, path, dry_run=True)
    assert not dry.committed and dry.reason == "" and dry.backup == ""
    assert dbstate.fingerprint(empty_project) == before_bytes and dump(empty_project) == before
    _plan, real = do_import(empty_project, path)
    assert counts(dry) == counts(real) == (4, 0, 0, 1, 2)
    assert dry.offices_created == real.offices_created


# -- column mapping: corrections and remembering ------------------------------------------------


def _numbered(directory: Path, name: str, rows: list[dict[str, str]], header: list[str]) -> Path:
    table: list[list[str]] = [header]
    table += [[r[fx.KEY], r[fx.NAME], "Bauamt"] for r in rows]
    return fx.write_xlsx(directory / name, {"Liste": table})


def test_map_corrects_a_column_and_is_remembered(tmp_path: Path, empty_project: Project) -> None:
    header = ["Nr.", "Bezeichnung", "Fachbereich"]
    first_rows, second_rows = fx.umlaut_rows(3, start=40), fx.umlaut_rows(2, start=50)
    first = _numbered(tmp_path, "erste.xlsx", first_rows, header)
    automatic = analyse(first, project=empty_project)
    # "Nr." names nothing, but its cells are keys
    assert automatic.mapping_by_header() == {
        "Nr.": "key",
        "Bezeichnung": "name",
        "Fachbereich": "office",
    }
    basis = {c["column"]: c["basis"] for c in automatic.columns()}
    assert basis == {"Nr.": "content", "Bezeichnung": "header+content", "Fachbereich": "header"}

    plan, report = do_import(empty_project, first, overrides={"Fachbereich": ""})
    assert plan.mapping_by_header() == {"Nr.": "key", "Bezeichnung": "name"}
    assert counts(report) == (3, 0, 0, 0, 0) and report.offices_created == []
    assert set(services(empty_project)) == {r[fx.KEY] for r in first_rows}

    second = _numbered(tmp_path, "zweite.xlsx", second_rows, header)
    plan, report = do_import(empty_project, second)
    assert plan.layout is not None and plan.layout.remembered
    assert plan.mapping_by_header() == {"Nr.": "key", "Bezeichnung": "name"}
    assert {c["basis"] for c in plan.columns()} == {"remembered"}
    assert report.added == 2 and report.flagged == 0 and report.offices_created == []


def test_map_makes_unknown_headers_importable_and_is_remembered(
    tmp_path: Path, empty_project: Project
) -> None:
    header = ["Code", "Text", "Stelle"]
    rows = [[r[fx.NAME][:6], r[fx.NAME], "Bauamt"] for r in fx.umlaut_rows(2, start=60)]
    path = fx.write_xlsx(tmp_path / "fremd.xlsx", {"Liste": [header, *rows]})
    automatic = analyse(path, project=empty_project)  # names by their length, office by name
    assert automatic.mapping_by_header() == {"Text": "name", "Stelle": "office"}
    overrides = {"Code": "remark", "Text": "Leistungsbezeichnung", "Stelle": ""}
    _plan, report = do_import(empty_project, path, overrides=overrides)
    assert counts(report) == (2, 0, 0, 0, 0) and report.offices_created == []

    again_rows = [[r[fx.NAME][:6], r[fx.NAME], "Bauamt"] for r in fx.umlaut_rows(2, start=70)]
    again = fx.write_xlsx(tmp_path / "fremd2.xlsx", {"Liste": [header, *again_rows]})
    plan = analyse(again, project=empty_project)
    assert plan.ok and plan.layout is not None and plan.layout.remembered
    assert plan.mapping_by_header() == {"Code": "remark", "Text": "name"}


def test_map_problems_are_named(tmp_path: Path, empty_project: Project) -> None:
    path = fx.excel_xlsx(tmp_path)
    plan = analyse(path, overrides={"Gibtsnicht": "key"})
    assert plan.file_error == "Die Spalte „Gibtsnicht“ gibt es in der Kopfzeile nicht."
    plan = analyse(path, overrides={"Amt": "Quatsch"})
    assert plan.file_error.startswith("Unbekanntes Feld „Quatsch“ für Spalte „Amt“")
    # an empty field ignores the column; a column letter works too
    plan = analyse(path, overrides={"Amt": "", "H": ""})
    assert "office" not in plan.mapped_fields() and "relevance" not in plan.mapped_fields()
    _plan, report = do_import(empty_project, path, overrides={"Amt": ""})
    assert report.committed and report.offices_created == []


# -- the command line ------------------------------------------------------------------------


def ozgdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_cli_import_json(tmp_path: Path, catalogue_path: Path) -> None:
    path = fx.excel_xlsx(tmp_path)
    before = dump(catalogue_path)
    dry = ozgdesk("import", str(path), "--project", str(catalogue_path), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["committed"] is False
    assert dump(catalogue_path) == before

    strict = ozgdesk("import", str(path), "--project", str(catalogue_path), "--strict", "--json")
    assert strict.returncode == 1
    assert json.loads(strict.stdout)["committed"] is False
    assert dump(catalogue_path) == before

    result = ozgdesk("import", str(path), "--project", str(catalogue_path), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {
        k: report[k]
        for k in (
            "committed",
            "added",
            "updated",
            "unchanged",
            "flagged",
            "skipped",
            "missing_from_file",
        )
    } == {
        "committed": True,
        "added": 0,
        "updated": 4,
        "unchanged": 0,
        "flagged": 1,
        "skipped": 2,
        "missing_from_file": 0,
    }
    assert [(e["row"], e["column"], e["value"]) for e in report["errors"]] == [
        (7, "LeiKa-ID", "9,90E+13"),
        (8, "LeiKa-ID", "99012000000000 (als Zahl)"),
    ]
    assert all(set(w) >= {"row", "column", "value", "message"} for w in report["warnings"])

    info = ozgdesk("info", "--project", str(catalogue_path), "--json")
    facts = json.loads(info.stdout)
    assert (
        facts["services_relevant"],
        facts["services_not_relevant"],
        facts["services_undecided"],
    ) == (1, 2, 5247 - 3)


def test_cli_import_refusals(tmp_path: Path, catalogue_path: Path) -> None:
    before = catalogue_path.read_bytes()
    bad = ozgdesk("import", str(fx.png_as_xlsx(tmp_path)), "--project", str(catalogue_path))
    assert bad.returncode == 1
    assert "Nichts übernommen" in bad.stderr and "keine lesbare Tabelle" in bad.stderr
    usage = ozgdesk(
        "import", str(tmp_path / "x.csv"), "--project", str(catalogue_path), "--map", "Nr."
    )
    assert usage.returncode == 2 and "SPALTE=FELD" in usage.stderr
    assert catalogue_path.read_bytes() == before


def test_cli_map_is_remembered(tmp_path: Path, catalogue_path: Path) -> None:
    header = ["Kennziffer", "Titel der Leistung", "Stelle"]
    first = _numbered(tmp_path, "a.xlsx", fx.umlaut_rows(2, start=80), header)
    second = _numbered(tmp_path, "b.xlsx", fx.umlaut_rows(2, start=90), header)
    args = ["--project", str(catalogue_path), "--json"]
    mapped = ozgdesk("import", str(first), *args, "--map", "Kennziffer=key", "--map", "Stelle=")
    assert mapped.returncode == 0, mapped.stdout + mapped.stderr
    assert json.loads(mapped.stdout)["unchanged"] == 2
    again = ozgdesk("import", str(second), *args)
    assert again.returncode == 0, again.stdout
    assert json.loads(again.stdout)["unchanged"] == 2
