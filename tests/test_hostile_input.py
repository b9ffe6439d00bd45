"""Hostile input never takes ozgdesk down: tiny files that claim huge sheets, zip bombs,
odd text files, killed creations, damaged projects, odd lock files.

Every hostile file is made here (tests/fixtures/hostile.py), fed through the real
command line (``ozgdesk import`` in a subprocess, with an address-space limit so that
a regression fails instead of eating the machine) and through the workflow import;
each must end with exit code 1, a German message naming the file and the limit, the
project byte for byte unchanged and no lock file left.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ozgdesk.formats import csv_safety, limits, spreadsheet, workbook_probe
from ozgdesk.store import backups
from ozgdesk.store.lock import lock_path_for
from ozgdesk.store.project import Project
from ozgdesk.wording import number
from ozgdesk.workflow.importing import analyse, run_import
from tests import dbstate
from tests.fixtures import hostile

ROOT = Path(__file__).resolve().parents[1]
MEMORY_LIMIT = 3 * 1024**3  # address space of a CLI child: far above what it needs


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def ozgdesk(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=timeout,
        preexec_fn=_limited,
        cwd=ROOT,
    )


def dump(where: Any) -> str:
    return dbstate.dump(where)


# kind → (maker, words the message must contain)
REFUSED: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "xlsx-XFD1048576": (hostile.far_cell_xlsx, ("XFD1048576", number(limits.MAX_ROWS))),
    "xlsx-CV1048576": (
        lambda folder: hostile.far_cell_xlsx(folder, "CV1048576"),
        ("CV1048576", number(limits.MAX_ROWS)),
    ),
    "xlsx-IW1": (
        lambda folder: hostile.far_cell_xlsx(folder, "IW1"),
        ("Spalte IW", f"{limits.MAX_COLUMNS} Spalten"),
    ),
    "xlsx-area": (
        lambda folder: hostile.far_cell_xlsx(folder, "CV150000"),
        (number(limits.MAX_CELLS), "Zellen"),
    ),
    "xlsx-zip-ratio": (
        lambda folder: hostile.bomb_xlsx(folder, size=40_000_000),
        ("Zip-Bomben", f"{limits.MAX_RATIO}-Fache"),
    ),
    "xlsx-zip-declared": (hostile.declared_huge_xlsx, ("Entpacken", "3.815 MB")),
    "xlsx-zip-understated": (hostile.understated_bomb_xlsx, ("beschädigt",)),
    "xlsx-strings-size": (
        hostile.big_strings_xlsx,
        ("Tabelle der Texte", limits.megabytes(limits.MAX_STRINGS_BYTES)),
    ),
    "xlsx-strings": (hostile.many_strings_xlsx, ("100.000.000.000", number(limits.MAX_CELLS))),
    "ods-repeated": (hostile.repeated_rows_ods, ("1.048.000", number(limits.MAX_ROWS))),
    "xls-dimensions": (hostile.huge_dimensions_xls, ("Größenangabe", number(limits.MAX_ROWS))),
    "csv-long-line": (hostile.long_line_csv, ("Zeile 2", number(limits.MAX_LINE_CHARS))),
    "csv-rows": (hostile.many_rows_csv, (number(limits.MAX_ROWS), "Zeilen")),
    "csv-wide": (hostile.wide_csv, ("Zeile 2", f"{limits.MAX_COLUMNS} Spalten")),
    "csv-late-nul": (hostile.late_nul_csv, ("Zeile 401", "Nullzeichen")),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_cli_refuses_hostile_file(kind: str, catalogue_path: Path, tmp_path: Path) -> None:
    maker, words = REFUSED[kind]
    folder = tmp_path / "dateien"
    folder.mkdir()
    path = maker(folder)
    before = dump(catalogue_path)
    backups_before = backups.files(backups.folder_for(catalogue_path))
    done = ozgdesk("import", str(path), "--project", str(catalogue_path))
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    output = done.stdout + done.stderr
    assert f"Datei: {path.name}" in done.stdout
    assert "Nichts übernommen" in done.stderr
    for word in words:
        assert word in output, (word, output)
    assert dump(catalogue_path) == before
    assert not lock_path_for(catalogue_path).exists()
    assert backups.files(backups.folder_for(catalogue_path)) == backups_before
    assert sorted(p.name for p in catalogue_path.parent.iterdir()) == ["Ahaus.ozgdesk", "dateien"]


@pytest.mark.parametrize("kind", ["xlsx-XFD1048576", "ods-repeated", "csv-late-nul"])
def test_dry_run_of_unreadable_file_does_not_pretend(
    kind: str, catalogue_path: Path, tmp_path: Path
) -> None:
    path = REFUSED[kind][0](tmp_path)
    done = ozgdesk("import", str(path), "--project", str(catalogue_path), "--dry-run")
    assert done.returncode == 1
    assert "so würden" not in done.stdout
    assert "Nichts übernommen" in done.stderr


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_workflow_import_refuses_hostile_file(kind: str, project: Project, tmp_path: Path) -> None:
    maker, words = REFUSED[kind]
    path = maker(tmp_path)
    before = dump(project)
    plan = analyse(path, project=project)
    assert not plan.ok
    for word in words:
        assert word in plan.file_error, (word, plan.file_error)
    report = run_import(project, plan)
    assert not report.committed and report.reason == plan.file_error
    assert dump(project) == before


# -- what must still be read ------------------------------------------------------------


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    book = spreadsheet.read(hostile.utf16_without_bom_csv(tmp_path))
    assert book.encoding == "UTF-16"
    assert book.sheets[0].rows[1] == ["99001001000000", "Hundesteuer für Großhunde"]


def test_nul_in_a_workbook_cell_is_removed(project: Project, tmp_path: Path) -> None:
    plan = analyse(hostile.nul_cell_xlsx(tmp_path), project=project)
    assert plan.ok, plan.file_error
    assert [r.name for r in plan.checked.records] == ["Hundesteuer"]


def test_formatted_empty_cell_far_away_is_no_reason_to_refuse(tmp_path: Path) -> None:
    # Excel writes a formatted, empty cell as <c r=".." s=".."/>: calamine skips it
    rows = [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Leistung</t></is></c></row>',
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Hundesteuer</t></is></c></row>',
        '<row r="1048576"><c r="XFD1048576" s="1"/></row>',
    ]
    path = hostile.write_xlsx(tmp_path / "Formatiert.xlsx", rows)
    book = spreadsheet.read(path)
    assert book.sheets[0].rows == [["Leistung"], ["Hundesteuer"]]


def test_cells_without_references_are_counted_like_calamine(tmp_path: Path) -> None:
    rows = [
        "<row><c t='inlineStr'><is><t>Leistung</t></is></c><c t='inlineStr'><is><t>x</t></is></c></row>",
        "<row><c t='inlineStr'><is><t>Hundesteuer</t></is></c></row>",
    ]
    path = hostile.write_xlsx(tmp_path / "Ohne-Bezug.xlsx", rows)
    assert workbook_probe.measure(path).extent("Leistungen") == workbook_probe.Extent(2, 2)
    assert spreadsheet.read(path).sheets[0].rows == [["Leistung", "x"], ["Hundesteuer", None]]
    far = ['<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>']
    path = hostile.write_xlsx(tmp_path / "Ohne-Bezug-weit.xlsx", far)
    with pytest.raises(spreadsheet.SpreadsheetError) as caught:
        spreadsheet.read(path)
    assert "1.048.576" in caught.value.message


def test_limits_are_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Hostile files and limits", 1)[1].split("\n## ", 1)[0]
    for value in (limits.MAX_ROWS, limits.MAX_COLUMNS, limits.MAX_CELLS, limits.MAX_LINE_CHARS):
        assert number(value) in section
    assert limits.megabytes(limits.MAX_UNCOMPRESSED_BYTES) in section
    assert limits.megabytes(limits.MAX_TEXT_BYTES) in section
    assert limits.megabytes(limits.MAX_STRINGS_BYTES) in section
    assert f"{limits.MAX_RATIO}" in section
    for start in ("=", "+", "-", "@"):
        assert f"`{start}`" in section


# -- CSV export ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["=1+1", '+HYPERLINK("http://x")', "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"],
)
def test_csv_cells_that_would_be_formulas_are_neutralised(value: str) -> None:
    from ozgdesk.formats.delivery_list import _csv_cell

    assert csv_safety.neutralise(value) == "'" + value
    assert _csv_cell(value) == "'" + value


def test_ordinary_csv_cells_stay_as_they_are() -> None:
    for value in ("Hundesteuer", "02561 72-350", "", "Anmeldung - Abmeldung"):
        assert csv_safety.neutralise(value) == value


# -- the lock, creations, damaged projects -------------------------------------------------


def test_lock_that_is_a_directory_gives_a_german_message(catalogue_path: Path) -> None:
    lock_path_for(catalogue_path).mkdir()
    before = dump(catalogue_path)
    done = ozgdesk("info", "--project", str(catalogue_path))  # read-only: no lock needed
    assert done.returncode == 0
    done = ozgdesk("backup", "--project", str(catalogue_path))
    assert done.returncode == 1
    assert "Ordner „Ahaus.ozgdesk.lock“" in done.stderr
    assert "Errno" not in done.stderr and "Traceback" not in done.stderr
    assert dump(catalogue_path) == before


def _kill_while_building(command: list[str], folder: Path, name: str) -> None:
    """Start a creation and SIGKILL it once its temporary file exists."""
    for _attempt in range(5):
        child = subprocess.Popen(
            [sys.executable, "-m", "ozgdesk", *command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=os.environ.copy(),
            cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            if any(p.name.startswith(f".{name}.") for p in folder.iterdir()):
                time.sleep(0.1)  # inside the building
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        child.wait(timeout=60)
        if child.returncode == -signal.SIGKILL:
            return
        (folder / name).unlink(missing_ok=True)  # finished before the kill: try again
    pytest.fail("the creation always finished before it could be killed")


@pytest.mark.parametrize("command", ["demo", "new"])
def test_killed_creation_leaves_nothing_and_is_cleaned_up(command: str, tmp_path: Path) -> None:
    folder = tmp_path / "projekte"
    folder.mkdir()
    target = folder / "Gemeinde.ozgdesk"
    args = [command, "--project", str(target)]
    if command == "new":
        args += ["--municipality", "Ahaus"]
    _kill_while_building(args, folder, target.name)
    assert not target.exists()  # never half a project under the final name
    leftovers = [p.name for p in folder.iterdir()]
    assert leftovers and all(re.match(r"\.Gemeinde\.ozgdesk\..+\.neu", n) for n in leftovers)
    unrelated = folder / ".Gemeinde.ozgdesk.anderer-rechner.1.neu"
    unrelated.write_bytes(b"")  # another machine's creation: not ours to remove
    foreign = folder / ".Fremd.ozgdesk.neu"
    foreign.write_bytes(b"")  # not of our naming at all
    for leftover in list(folder.iterdir()):  # a killed creation of another name: ours too
        if leftover.name.startswith(".Gemeinde.ozgdesk.") and leftover != unrelated:
            leftover.rename(folder / leftover.name.replace(".Gemeinde.", ".Andere.", 1))
    done = ozgdesk(*args)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [target.name, unrelated.name, foreign.name]
    )
    with Project.open(target, read_only=True) as project, project.reading() as conn:
        assert conn.execute("SELECT count(*) FROM service").fetchone()[0] > 5000


def _damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page * 20 : page * 40] = b"\x5a" * (page * 20)
    path.write_bytes(bytes(data))
    return bytes(data)


def test_cli_backups_and_restore_work_for_a_damaged_project(catalogue_path: Path) -> None:
    assert ozgdesk("backup", "--project", str(catalogue_path)).returncode == 0
    damaged = _damage(catalogue_path)
    assert ozgdesk("info", "--project", str(catalogue_path)).returncode == 1
    listing = ozgdesk("backups", "--project", str(catalogue_path), "--json")
    assert listing.returncode == 0, listing.stderr
    assert "beschädigt" in listing.stderr
    (saved,) = backups.files(backups.folder_for(catalogue_path))
    assert saved.name in listing.stdout
    done = ozgdesk("restore", "--project", str(catalogue_path), "--backup", str(saved))
    assert done.returncode == 0, done.stderr
    kept = [p for p in catalogue_path.parent.iterdir() if ".beschaedigt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged and str(kept[0]) in done.stdout
    assert ozgdesk("info", "--project", str(catalogue_path)).returncode == 0
    assert not lock_path_for(catalogue_path).exists()


def test_cli_restore_of_another_municipalitys_backup_warns(
    catalogue_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "andere" / "Nebenan.ozgdesk"
    other.parent.mkdir()
    other.write_bytes(catalogue_path.read_bytes())
    conn = sqlite3.connect(other)
    with conn:
        conn.execute("UPDATE project_info SET municipality = 'Stadt Nebenan'")
    conn.close()
    done = ozgdesk("restore", "--project", str(catalogue_path), "--backup", str(other))
    assert done.returncode == 0, done.stderr
    assert "gehört zu „Stadt Nebenan“, das Projekt aber zu „Ahaus“" in done.stderr


def test_libreoffice_trailing_empty_repeats_are_no_reason_to_refuse(tmp_path: Path) -> None:
    # LibreOffice ends every row and every sheet with huge repeats of empty cells and rows
    path = hostile.repeated_rows_ods(tmp_path, rows=1, columns=2)
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode()
    content = content.replace(
        "</table:table-cell></table:table-row>",
        '</table:table-cell><table:table-cell table:number-columns-repeated="1022"/>'
        "</table:table-row>"
        '<table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>',
    )
    rebuilt = tmp_path / "LibreOffice.ods"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for info in source.infolist():
            data = content.encode() if info.filename == "content.xml" else source.read(info)
            target.writestr(info, data, zipfile.ZIP_DEFLATED if info.filename != "mimetype" else 0)
    assert workbook_probe.measure(rebuilt).extent("Leistungen") == workbook_probe.Extent(1, 2)
    assert spreadsheet.read(rebuilt).sheets[0].rows == [["Hundesteuer", "Hundesteuer"]]


_CELL_REFS = st.tuples(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    st.integers(min_value=1, max_value=9_999_999),
    st.booleans(),  # written with a leading zero
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELL_REFS, min_size=1, max_size=40), st.integers(min_value=0, max_value=4))
def test_the_quick_extent_equals_reading_every_reference(cells, split) -> None:
    # the quick pass proposes the extent from the cells at a block's ends and searches once
    # for a cell beyond it: cells out of order, wider rows in the middle, leading zeros and
    # 3-letter columns must give exactly the extent of reading every reference
    tags = [
        f'<c r="{letters}{"0" if zero else ""}{row}" t="inlineStr"><is><t>x</t></is></c>'
        for letters, row, zero in cells
    ]
    blocks = [
        b"".join(t.encode() for t in tags[:split]),
        b"".join(t.encode() for t in tags[split:]),
    ]
    quick, precise = workbook_probe._Scan(), workbook_probe._Scan()
    for block in blocks:
        if block:
            quick.quick(block)
            precise.precise(block)
    if not quick.odd:  # 8-digit rows are left to the precise pass
        assert quick.extent == precise.extent
    else:
        assert any(len(f"{'0' if zero else ''}{row}") > 7 for _l, row, zero in cells)
