"""Fuzzing in volume: a seeded generator writes hundreds of plausible but messy lists and
returned forms per run, cheaply, to go with the hypothesis tests.

The hypothesis tests (test_import_fuzz, test_delivery_returns_fuzz) shrink failures to
a minimal example but mostly feed in noise that is refused at file level. The lists
here get further: real headers under their synonyms in random order and case, rows from
the NRW catalogue with broken, shortened, float and blank keys, mangled names, odd SDG
and relevance values, offices, duplicates, blank, title and total rows, extra columns –
as CSV (three encodings, four separators), .xlsx, .xls and .ods. The forms are exported
step 4 forms with random values written into their cells.

Properties, as in the hypothesis tests: reading and checking never raise; a refusal
says why; a dry run and a review never write (the file's change counter stays); every
20th list is really imported into a fresh copy of the project and never removes a
service; every 8th form is really applied to a fresh copy. The number of files is
printed (``pytest -s``) and counted in bench/README.md ("Datensicherheit").
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell

from ozgdesk.store.project import Project
from ozgdesk.workflow import assignment, delivery, delivery_returns, offices, overview, relevance
from ozgdesk.workflow.importing import analyse, run_import
from ozgdesk.workflow.offices import Office
from tests import dbstate
from tests.conftest import copy_project
from tests.fixtures import spreadsheets as fx

LISTS = 420
FORMS = 100
SEED = 4711
SOURCE = "Kreisliste"

HEADERS = {
    "key": ["Leistungsschlüssel", "LeiKa-ID", "LeiKa", "Schlüssel", "LEISTUNGSSCHLÜSSEL"],
    "name": ["Leistungsbezeichnung", "Bezeichnung", "Leistung", "Name", "leistungsname"],
    "typ": ["Typ", "LeiKa-Typ"],
    "ozg_id": ["OZG-ID", "OZG Nr."],
    "ozg_name": ["OZG-Leistung", "OZG-Leistungen"],
    "lebenslage": ["Lebenslage", "Lage"],
    "themenfeld": ["Themenfeld", "Thema"],
    "sdg1": ["SDG 1", "SDG1-Relevanz"],
    "office": ["Amt", "Zuständiges Amt", "Zuständigkeit"],
    "relevance": ["Relevanz", "relevant?"],
    "remark": ["Bemerkung", "Bemerkungen"],
    "extra": ["Spalte 17", "", "Bearbeiter", "Stand"],
}
CATALOGUE_FIELD = {
    "key": fx.KEY,
    "name": fx.NAME,
    "typ": "Typ",
    "ozg_id": "OZG-ID",
    "ozg_name": "OZG-Leistung",
    "lebenslage": "Lebenslage",
    "themenfeld": "Themenfeld",
    "sdg1": "SDG 1",
}
ODD = ["", "  ", "–", "k.A.", "=SUMME(A1:A9)", "#NV", "ß" * 300, "Zeile 1\nZeile 2", '"x"', ";"]


def _key(rng: random.Random, key: str) -> object:
    roll = rng.random()
    if roll < 0.6 or not key.isdigit():
        return key
    return rng.choice(
        [
            int(key),  # a number: Excel shows 9,90E+13
            float(key),
            f"{int(key):.2E}".replace(".", ","),  # shortened by Excel
            key[:-1],
            f"{key[:2]} {key[2:5]} {key[5:8]} {key[8:]}",
            key[:5] + "000000000",
            "nicht im LeiKa",
            "",
        ]
    )


def _value(rng: random.Random, field: str, row: dict[str, str]) -> object:
    if rng.random() < 0.08:
        return rng.choice(ODD)
    if field == "key":
        return _key(rng, row[fx.KEY])
    if field == "name":
        name = row[fx.NAME]
        return rng.choice([name, name, f"  {name.upper()} ", name.replace(" ", "\u00a0"), ""])
    if field == "sdg1":
        return rng.choice(["ja", "nein", "", "x", "Ja", True, 1, 0])
    if field == "office":
        return rng.choice(["Bauamt", "Ordnungsamt", "Bürgerbüro", "FB 3 – Soziales", ""])
    if field == "relevance":
        return rng.choice(["relevant", "nicht relevant", "prüfen", "ja", "nein", "?", ""])
    if field == "remark":
        return rng.choice(["", "mit Kreis klären", "Gebühren; siehe Satzung", "Termin\nMärz"])
    if field == "extra":
        return rng.choice(["", "alt", 42, dt.date(2026, 11, 1)])
    return row[CATALOGUE_FIELD[field]]


def make_table(rng: random.Random, rows: list[dict[str, str]]) -> list[list[object]]:
    fields = [rng.choice([["key", "name"], ["key"], ["name"], ["name", "key"]])]
    others = [f for f in HEADERS if f not in ("key", "name")]
    columns = fields[0] + rng.sample(others, rng.randint(0, len(others)))
    rng.shuffle(columns)
    header = [rng.choice(HEADERS[f]) for f in columns]
    table: list[list[object]] = []
    for _ in range(rng.choice([0, 0, 1, 2])):
        table.append([rng.choice(["Leistungsliste Gemeinde Musterhausen", "Stand: 11/2026", ""])])
    table.append(header)
    for _ in range(rng.randint(0, 60)):
        if rng.random() < 0.05:
            table.append([])
            continue
        row = rng.choice(rows)
        values = [_value(rng, f, row) for f in columns]
        table.append(values)
        if rng.random() < 0.05:
            table.append(list(values))  # duplicate
    if rng.random() < 0.2:
        table.append(["Summe", len(table)])
    return table


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


def write_table(rng: random.Random, folder: Path, n: int, table: list[list[object]]) -> Path:
    kind = rng.choice(["csv", "csv", "xlsx", "xls", "ods"])
    if kind == "csv":
        path = folder / f"liste{n}.{rng.choice(['csv', 'txt'])}"
        encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252"])
        separator = rng.choice([";", ",", "\t", "|"])
        with path.open("w", encoding=encoding, errors="replace", newline="") as fh:
            csv.writer(fh, delimiter=separator, lineterminator="\r\n").writerows(
                [[_text(v) for v in row] for row in table]
            )
        return path
    if kind == "xlsx":
        clean = [
            [ILLEGAL_CHARACTERS_RE.sub("", v)[:32767] if isinstance(v, str) else v for v in row]
            for row in table
        ]
        return fx.write_xlsx(folder / f"liste{n}.xlsx", {"Leistungen": clean})
    if kind == "xls":
        clean = [[v[:32767] if isinstance(v, str) else v for v in row] for row in table]
        return fx.write_xls(folder / f"liste{n}.xls", {"Leistungen": clean})
    return fx.write_ods(folder / f"liste{n}.ods", {"Leistungen": table})


def change_counter(path: Path) -> bytes:
    """SQLite's file change counter (header bytes 24–27): it moves with every commit."""
    with path.open("rb") as fh:
        return fh.read(28)[24:28]


def dump(where: Any) -> str:
    return dbstate.dump(where)


def service_ids(path: Path) -> set[int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {i for (i,) in conn.execute("SELECT id FROM service")}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, _isolated_user_dirs) -> Path:
    """The 50-row sample imported as the list the generated files claim to be; 8 services
    relevant for the Bauamt with contact data; the Bauamt's step 4 form beside it."""
    from ozgdesk.workflow.projects import create_project

    base = tmp_path_factory.mktemp("volume")
    with create_project(base / "Vorlage.ozgdesk", "Fuzzhausen", with_catalogue=False) as project:
        plan = analyse(fx.catalogue_sample(base, "csv"), project=project, source_label=SOURCE)
        assert run_import(project, plan).committed
        ids = [r.id for r in overview.catalogue_rows(project)][:8]
        relevance.decide(project, ids, relevance.RELEVANT)
        office = offices.save_office(project, Office(None, "Bauamt"))
        assignment.assign(project, ids, office)
        delivery.save_unit(
            project,
            office,
            {"unit_name": "Bauamt", "street": "Markt", "postcode": "48683", "town": "Fuzzhausen"},
            [delivery.Person(None, "Erika", "Muster", "02561 1", "e.muster@fuzzhausen.de")],
        )
        delivery.edit_services(project, ids[:3], page_url="https://www.fuzzhausen.de/a")
        (form,) = delivery_returns.export_forms(project, base / "Formulare")
    assert form.exists()
    return base / "Vorlage.ozgdesk"


def test_generated_lists_never_crash_and_dry_runs_never_write(
    template: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    rows = list(fx.sample_rows(50)) + list(fx.catalogue()[3::97])
    project_path = copy_project(template, tmp_path / "Projekt.ozgdesk")
    before, counter = dump(project_path), change_counter(project_path)
    outcomes = {"abgelehnt": 0, "Probelauf": 0, "übernommen": 0}
    with Project.open(project_path) as project:
        for n in range(LISTS):
            file = write_table(rng, tmp_path, n, make_table(rng, rows))
            plan = analyse(file, project=project, source_label=SOURCE)
            for problem in plan.errors + plan.warnings:
                assert problem.message.strip() and problem.row >= 0, (file, problem)
            if not plan.ok:
                assert plan.file_error.strip()
                outcomes["abgelehnt"] += 1
                continue
            report = run_import(project, plan, dry_run=True)
            assert not report.committed and report.backup == ""
            assert report.added + report.updated + report.unchanged <= len(plan.checked.records)
            assert change_counter(project_path) == counter, file  # a dry run never writes
            outcomes["Probelauf"] += 1
            if n % 20 == 0:
                _import_into_a_copy(template, tmp_path / f"kopie{n}.ozgdesk", file)
                outcomes["übernommen"] += 1
    assert dump(project_path) == before
    assert outcomes["Probelauf"] > LISTS // 2  # most files get past the file checks
    print(f"\n{LISTS} erzeugte Listen: {outcomes}")


def _import_into_a_copy(template: Path, target: Path, file: Path) -> None:
    path = copy_project(template, target)
    ids = service_ids(path)
    with Project.open(path) as project:
        report = run_import(project, analyse(file, project=project, source_label=SOURCE))
    after = service_ids(path)
    assert ids <= after  # an import never removes a service
    if report.committed:
        assert len(after) == len(ids) + report.added
    else:
        assert report.reason.strip() and after == ids


def test_an_import_that_renames_a_known_ozg_service(template: Path, tmp_path: Path) -> None:
    """Found by the generator: a list naming a known OZG-ID with another OZG-Leistung (or
    Lebenslage) crashed the merge (``Row._replace`` does not exist)."""
    path = copy_project(template, tmp_path / "Projekt.ozgdesk")
    row = next(r for r in fx.sample_rows(50) if fx.has_key(r) and r["OZG-ID"])
    listing = fx.write_csv(
        tmp_path / "umbenannt.csv",
        [
            [fx.KEY, fx.NAME, "OZG-ID", "OZG-Leistung", "Lebenslage"],
            [row[fx.KEY], row[fx.NAME], row["OZG-ID"], "Neuer OZG-Name", "Neue Lage"],
            [row[fx.KEY], row[fx.NAME], row["OZG-ID"], "Noch ein Name", ""],
        ],
        separator=";",
    )
    with Project.open(path) as project:
        report = run_import(project, analyse(listing, project=project, source_label=SOURCE))
        assert report.committed
        with project.reading() as conn:
            name, lage = conn.execute(
                "SELECT o.name, l.name FROM ozg_service o JOIN lebenslage l "
                "ON l.id = o.lebenslage_id WHERE o.ozg_id = ?",
                (row["OZG-ID"],),
            ).fetchone()
    assert (name, lage) == ("Neuer OZG-Name", "Neue Lage")


def _form_cells(form: Path) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    book = openpyxl.load_workbook(form)
    editable, locked = [], []
    for sheet in ("Ansprechstelle", "Leistungen"):
        for row in book[sheet].iter_rows():
            for cell in row:
                if isinstance(cell, MergedCell):
                    continue
                target = editable if not cell.protection.locked else locked
                target.append((sheet, cell.row, cell.column))
    return editable, locked


FORM_VALUES = [
    None,
    "",
    "geliefert",
    "im Redaktionssystem eingetragen",
    "fertig",
    "https://www.fuzzhausen.de/neu",
    "www.fuzzhausen.de",
    "buergerbuero@fuzzhausen.de",
    "a@b",
    "48683",
    "4868",
    "02561 72-0",
    "=1+1",
    "  Leer  zeichen  ",
    "Zeile 1\nZeile 2",
    "ß" * 400,
    12345,
    3.5,
    True,
    dt.date(2026, 12, 1),
    dt.datetime(2026, 12, 1, 8, 30),
]


def test_generated_return_forms_never_crash_and_reviews_never_write(
    template: Path, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    (form,) = sorted((template.parent / "Formulare").glob("*.xlsx"))
    editable, locked = _form_cells(form)
    project_path = copy_project(template, tmp_path / "Projekt.ozgdesk")
    before, counter = dump(project_path), change_counter(project_path)
    book = openpyxl.load_workbook(form)
    outcomes = {"abgelehnt": 0, "ohne Änderung": 0, "mit Änderungen": 0, "übernommen": 0}
    with Project.open(project_path) as project:
        for n in range(FORMS):
            cells = [rng.choice(editable if rng.random() < 0.85 else locked) for _ in range(8)]
            saved = {c: book[c[0]].cell(c[1], c[2]).value for c in cells}
            for sheet, row, column in cells:
                book[sheet].cell(row, column).value = rng.choice(FORM_VALUES)
            returned = tmp_path / f"Rücklauf {n}.xlsx"
            book.save(returned)
            for (sheet, row, column), value in reversed(list(saved.items())):
                book[sheet].cell(row, column).value = value
            result = delivery_returns.review(project, [returned])
            assert change_counter(project_path) == counter  # a review never writes
            for problem in result.errors:
                assert problem.message.strip() and problem.file == returned.name
            for change in result.changes + result.conflicts:
                assert change.old != change.new
                assert delivery_returns.value_problem(change.field, change.new) == ""
            if result.file_errors:
                outcomes["abgelehnt"] += 1
            elif result.changes or result.conflicts:
                outcomes["mit Änderungen"] += 1
                if n % 8 == 0:
                    _apply_to_a_copy(template, tmp_path / f"kopie{n}.ozgdesk", returned)
                    outcomes["übernommen"] += 1
            else:
                outcomes["ohne Änderung"] += 1
    assert dump(project_path) == before
    assert outcomes["mit Änderungen"] > FORMS // 4
    print(f"\n{FORMS} erzeugte Rückläufe: {outcomes}")


def _apply_to_a_copy(template: Path, target: Path, returned: Path) -> None:
    path = copy_project(template, target)
    with Project.open(path) as project:
        result = delivery_returns.review(project, [returned])
        applied = delivery_returns.apply(
            project, result, delivery_returns.accept_ids(result, conflicts=True)
        )
        assert applied.committed and applied.applied
        again = delivery_returns.review(project, [returned])
        assert again.changes == [] and again.conflicts == []
