"""Property tests: whatever a spreadsheet holds, the import never crashes.

Random cells (text including unicode and huge strings, numbers including
nan/inf, booleans, dates, formulas, None) in ragged rows are written to .xlsx
and to CSV in several encodings, and damaged workbooks are fed in as bytes.
Properties: ``analyse`` and ``run_import`` never raise; every rejection says
why; a rejected import leaves the project file byte for byte as it was; a
committed one never removes a service.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from ozgdesk.store.project import Project
from ozgdesk.workflow.importing import analyse, run_import
from tests import dbstate
from tests.conftest import copy_project
from tests.fixtures import spreadsheets as fx

SOURCE = "Fuzzliste"
# OZGDESK_FUZZ_EXAMPLES=5000 for a longer hunt; the default keeps the suite fast
FUZZ = settings(
    max_examples=int(os.environ.get("OZGDESK_FUZZ_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

_counter = itertools.count()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, _isolated_user_dirs) -> Path:
    """A small project: the 50-row sample imported as the list the fuzzed files claim to be."""
    from ozgdesk.workflow.projects import create_project

    base = tmp_path_factory.mktemp("fuzz-template")
    with create_project(base / "Vorlage.ozgdesk", "Fuzzhausen", with_catalogue=False) as project:
        plan = analyse(fx.catalogue_sample(base, "csv"), project=project, source_label=SOURCE)
        assert run_import(project, plan).committed
    return base / "Vorlage.ozgdesk"


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _fresh(template: Path, workdir: Path) -> tuple[Path, Path]:
    """A new folder with a copy of the template project."""
    folder = workdir / f"case{next(_counter)}"
    folder.mkdir()
    return folder, copy_project(template, folder / "Projekt.ozgdesk")


def _dump(where: Any) -> str:
    return dbstate.dump(where)


def check_import(project_path: Path, file: Path, strict: bool = False) -> str:
    """The properties every import must have, whatever the file."""
    before_bytes, before = project_path.read_bytes(), _dump(project_path)
    services_before = before.count('INSERT INTO "service" ')
    with Project.open(project_path) as project:
        plan = analyse(file, project=project, source_label=SOURCE)
        if not plan.ok:
            assert plan.file_error.strip()
            assert plan.errors and plan.errors[0].message == plan.file_error
        for problem in plan.errors + plan.warnings:
            assert problem.message.strip() and problem.row >= 0
        report = run_import(project, plan, strict=strict)
    if report.committed:
        assert report.reason == ""
        after = _dump(project_path)
        assert after.count('INSERT INTO "service" ') == services_before + report.added
        return "übernommen"
    assert report.reason.strip()
    assert project_path.read_bytes() == before_bytes
    assert _dump(project_path) == before
    return "abgelehnt: Datei" if not plan.ok else "abgelehnt: Zeilen"


# -- cell strategies ----------------------------------------------------------------------

HEADERS = [
    "Leistungsschlüssel",
    "LeiKa-ID",
    "Leistungsbezeichnung",
    "Bezeichnung",
    "Typ",
    "SDG 1",
    "SDG1-Relevanz",
    "OZG-ID",
    "OZG-Leistung(en)",
    "Lage",
    "Themenfeld",
    "Amt",
    "Relevanz",
    "Bemerkung",
    "Ansprechpartner",
]
SPECIAL = [
    "=SUM(A1)",
    "=1/0",
    '=HYPERLINK("http://x";"y")',
    "9,90E+13",
    "9.9012E13",
    "99012001000000",
    "99 012 001 000 000",
    "99012001000000.0",
    "nicht im LeiKa",
    "Summe",
    "Gesamt: 12",
    "ja",
    "nein",
    "x",
    "prüfen",
    "10513",
    "Bauamt",
    "Müllabfuhr; Straße",
    "Zeile 1\nZeile 2",
    '"quoted"',
    "",
    "   ",
    "٩٩٠١٢٠٠١٠٠٠٠٠٠",  # Arabic-Indic digits
]
KEYS = [int(r[fx.KEY]) for r in fx.sample_rows(10) if fx.has_key(r)]


def _legal_xlsx_text(text: str) -> str:
    """openpyxl refuses control characters and cells over 32,767 characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", text)[:32767]


# Text a file can hold: any character but lone surrogates (UTF-8 and XML cannot encode them, so
# no spreadsheet or CSV file contains one; openpyxl refuses to write them).
file_chars = st.characters(exclude_categories=("Cs",))
huge_text = st.builds(lambda ch, n: ch * n, file_chars, st.integers(1_000, 40_000))
cells = st.one_of(
    st.none(),
    st.text(alphabet=file_chars, max_size=40),
    st.sampled_from(SPECIAL),
    st.sampled_from(HEADERS),
    huge_text,
    st.integers(min_value=-(2**53), max_value=2**53),
    st.sampled_from(KEYS),
    st.sampled_from([9.9012e13, 9.9e13, 99012001000000.0, 1e300, -0.0, 1.5]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
)
rows = st.lists(st.lists(cells, max_size=8), max_size=12)
header_rows = st.lists(
    st.one_of(st.sampled_from(HEADERS), st.text(alphabet=file_chars, max_size=15)), max_size=8
)


@st.composite
def tables(draw: st.DrawFn) -> list[list[Any]]:
    """Title rows, maybe a header, data rows; all ragged."""
    top = draw(st.lists(st.lists(cells, max_size=3), max_size=2))
    header = draw(st.one_of(st.just([]), header_rows.map(lambda h: [h])))
    return top + header + draw(rows)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return _legal_xlsx_text(value)
    return value


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return str(value)


# -- the properties -----------------------------------------------------------------------


@FUZZ
@given(table=tables(), sheets=st.integers(1, 2))
def test_random_xlsx_never_crashes(template: Path, workdir: Path, table, sheets) -> None:  # type: ignore[no-untyped-def]
    folder, project = _fresh(template, workdir)
    content = [[_xlsx_value(v) for v in row] for row in table]
    book = {f"Blatt{i}": content for i in range(1, sheets + 1)}
    path = fx.write_xlsx(folder / "zufall.xlsx", book)
    event(check_import(project, path))


@FUZZ
@given(
    table=tables(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    separator=st.sampled_from([";", ",", "\t", "|"]),
    suffix=st.sampled_from([".csv", ".txt"]),
    strict=st.booleans(),
)
def test_random_csv_never_crashes(  # type: ignore[no-untyped-def]
    template: Path, workdir: Path, table, encoding, separator, suffix, strict
) -> None:
    folder, project = _fresh(template, workdir)
    path = folder / f"zufall{suffix}"
    with path.open("w", encoding=encoding, errors="replace", newline="") as fh:
        for row in table:
            fh.write(
                separator.join(
                    '"' + _csv_value(v).replace('"', '""') + '"'
                    if any(ch in _csv_value(v) for ch in f'{separator}"\r\n')
                    else _csv_value(v)
                    for v in row
                )
                + "\r\n"
            )
    event(check_import(project, path, strict=strict))


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("fuzz-books")
    return {kind: fx.catalogue_sample(folder, kind).read_bytes() for kind in ("xlsx", "xls", "ods")}


@FUZZ
@given(
    kind=st.sampled_from(["xlsx", "xls", "ods"]),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=6),
)
def test_damaged_workbooks_never_crash(  # type: ignore[no-untyped-def]
    template: Path, workdir: Path, workbooks, kind, cut, flips
) -> None:
    data = bytearray(workbooks[kind])
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    if cut < 0.9:  # most cases damaged in place, some cut short
        data = data[: int(len(data) * cut)]
    folder, project = _fresh(template, workdir)
    path = folder / f"kaputt.{kind}"
    path.write_bytes(bytes(data))
    event(check_import(project, path))


@settings(max_examples=300, deadline=None)
@given(
    text=st.text() | st.sampled_from(["a  b", " a", "a ", "a\u00a0b", "a\u200bb", "a\tb", "a\nb"])
)
def test_text_fast_path_is_clean(text: str) -> None:
    """check_rows skips clean() for text that is clean already; the result must not differ."""
    from ozgdesk.textnorm import clean
    from ozgdesk.workflow.import_check import cell_text

    assert cell_text(text) == clean(text)
