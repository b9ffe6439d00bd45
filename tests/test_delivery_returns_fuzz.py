"""Property tests: whatever an office writes into its form, the re-import never crashes.

A valid form is exported once from a small project; each example writes random
cell contents (text including unicode and huge strings, numbers, dates, times,
booleans, formulas, None) into its cells – mostly the editable ones, sometimes
the locked id/key/name cells, the headers or the hidden metadata – or damages
the file's bytes. Properties: ``review`` and ``apply`` never raise; every
rejection says why; a review never writes; an import that commits nothing leaves
the project file exactly as it was; after a committed import the same return
yields no further changes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ozgdesk.store.project import Project
from ozgdesk.workflow import assignment, delivery, delivery_returns, offices, relevance
from ozgdesk.workflow.importing import analyse, run_import
from ozgdesk.workflow.offices import Office
from tests import dbstate
from tests.conftest import copy_project
from tests.fixtures import spreadsheets as fx

EXAMPLES = int(os.environ.get("OZGDESK_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(FUZZ, max_examples=EXAMPLES or 60)

_counter = itertools.count()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, _isolated_user_dirs) -> tuple[Path, Path]:
    """A small project (the 50-row sample, 8 services relevant for one office, some data
    entered) and the form exported from it."""
    from ozgdesk.workflow.projects import create_project

    base = tmp_path_factory.mktemp("returns-fuzz")
    with create_project(base / "Vorlage.ozgdesk", "Fuzzhausen", with_catalogue=False) as project:
        plan = analyse(fx.catalogue_sample(base, "csv"), project=project)
        assert run_import(project, plan).committed
        from ozgdesk.workflow import overview

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
        delivery.edit_services(
            project, ids[:3], page_url="https://www.fuzzhausen.de/a", status=delivery.REQUESTED
        )
        delivery.edit_services(
            project, ids[3:4], persons=[delivery.Person(None, "Hans", "Beispiel")]
        )
        (form,) = delivery_returns.export_forms(project, base / "Formulare")
    return base / "Vorlage.ozgdesk", form


def _cells(form: Path) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """(editable cells, other interesting cells) of the form as (sheet, row, column)."""
    wb = openpyxl.load_workbook(form)
    editable, other = [], []
    for name in ("Ansprechstelle", "Leistungen"):
        ws = wb[name]
        for row in ws.iter_rows():
            for cell in row:
                if not cell.protection.locked:
                    editable.append((name, cell.row, cell.column))
                elif name == "Leistungen" and cell.row >= 2 and cell.column <= 3:
                    other.append((name, cell.row, cell.column))  # id, key, name, headers
                elif name == "Ansprechstelle" and cell.column == 1 and cell.value:
                    other.append((name, cell.row, cell.column))  # row labels
    meta = wb["ozgdesk"]
    other += [("ozgdesk", c.row, c.column) for row in meta.iter_rows() for c in row][:400]
    return editable, other


_SAMPLES = [
    "=1+1",
    "=A1&B1",
    '=HYPERLINK("https://x.de")',
    "geliefert",
    "GELIEFERT ",
    "im Redaktionssystem eingetragen",
    "fertig",
    "https://www.fuzzhausen.de/neu",
    "www.fuzzhausen.de",
    "buergerbuero@fuzzhausen.de",
    "a@b",
    "48683",
    "4868",
    "02561 72-0",
    "+49 0251 1",
    "99012001000000",
    "  Leer  zeichen  ",
    "Zeile 1\nZeile 2\r\nZeile 3",
    "Ansprechperson 1",
    "LeiKa-Schlüssel",
    "",
]

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60).map(
    lambda t: ILLEGAL_CHARACTERS_RE.sub("", t)
)
_values = st.one_of(
    st.none(),
    _text,
    st.sampled_from(_SAMPLES),
    st.sampled_from(delivery.STATUSES),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.times(),
    st.integers(min_value=301, max_value=40_000).map(lambda n: "ß" * n),
)


def _fresh(template: Path, form: Path, tmp: Path) -> tuple[Path, Path]:
    folder = tmp / f"case{next(_counter)}"
    folder.mkdir()
    target = folder / form.name
    target.write_bytes(form.read_bytes())
    return copy_project(template, folder / "Projekt.ozgdesk"), target


def _dump(where: Any) -> str:
    return dbstate.dump(where)


def _event(name: str) -> None:
    with contextlib.suppress(InvalidArgument):  # called outside a hypothesis test
        event(name)


def check_return(project_path: Path, file: Path) -> None:
    """The properties every re-import must have, whatever the file."""
    before = _dump(project_path)
    with Project.open(project_path) as project:
        result = delivery_returns.review(project, [file])
        assert _dump(project_path) == before, "a review must not write"
        for problem in result.errors:
            assert problem.message.strip() and problem.file == file.name
            assert problem.file_level or problem.sheet
        for unknown in result.unknown:
            assert unknown.reason.strip() and unknown.row > 0
        for change in result.changes + result.conflicts:
            assert change.id and change.label and change.old != change.new
            assert delivery_returns.value_problem(change.field, change.new) == ""
            assert change.conflict == (change in result.conflicts)
        if result.file_errors:
            _event("file rejected")
            assert not result.changes and not result.conflicts
        accepted = delivery_returns.accept_ids(result, conflicts=True)
        applied = delivery_returns.apply(project, result, accepted)
        if not applied.committed:
            _event("nothing committed")
            assert applied.reason.strip()
            assert applied.backup is None
            assert _dump(project_path) == before
            return
        _event("committed")
        assert applied.backup is not None and applied.backup.exists()
        assert applied.applied and not applied.skipped
        again = delivery_returns.review(project, [file])
        assert again.changes == [] and again.conflicts == []
        # undo brings back every value (timestamps aside)
        delivery_returns.undo(project, applied)
        restored = delivery_returns.review(project, [file])
        assert (restored.changes, restored.conflicts) == (result.changes, result.conflicts)


@pytest.fixture(scope="module")
def cells(template: tuple[Path, Path]) -> tuple[list, list]:  # type: ignore[type-arg]
    return _cells(template[1])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("returns-fuzz-cases")


@FUZZ
@given(data=st.data())
def test_random_cells_never_crash_the_reimport(template, cells, workdir, data) -> None:  # type: ignore[no-untyped-def]
    editable, other = cells
    project_path, form = _fresh(*template, workdir)
    wanted = data.draw(
        st.lists(
            st.tuples(
                st.one_of(
                    st.sampled_from(editable), st.sampled_from(editable), st.sampled_from(other)
                ),
                _values,
            ),
            min_size=1,
            max_size=10,
        )
    )
    wb = openpyxl.load_workbook(form)
    for (sheet, row, column), value in wanted:
        wb[sheet].cell(row, column).value = value
    if data.draw(st.booleans()):
        wb["Leistungen"].delete_rows(data.draw(st.integers(3, 12)))
    wb.save(form)
    check_return(project_path, form)


@FEW
@given(data=st.data())
def test_damaged_files_are_rejected_with_a_message(template, workdir, data) -> None:  # type: ignore[no-untyped-def]
    project_path, form = _fresh(*template, workdir)
    content = bytearray(form.read_bytes())
    kind = data.draw(st.sampled_from(["truncate", "flip", "garbage"]))
    if kind == "truncate":
        content = content[: data.draw(st.integers(0, len(content) - 1))]
    elif kind == "flip":
        for _ in range(data.draw(st.integers(1, 20))):
            position = data.draw(st.integers(0, len(content) - 1))
            content[position] = data.draw(st.integers(0, 255))
    else:
        content = bytearray(data.draw(st.binary(max_size=2000)))
    form.write_bytes(bytes(content))
    event(kind)
    check_return(project_path, form)


def test_an_unchanged_form_changes_nothing(template, workdir) -> None:  # type: ignore[no-untyped-def]
    project_path, form = _fresh(*template, workdir)
    with Project.open(project_path) as project:
        result = delivery_returns.review(project, [form])
    assert result.changes == result.conflicts == result.errors == result.unknown == []
    assert result.vanished == []
    check_return(project_path, form)
