"""Hostile files: time and peak memory of a whole `ozgdesk import` process for each kind.

Makes every file of tests/fixtures/hostile.py (a cell at XFD1048576 or CV1048576, a zip
bomb of identical rows inflating to 1.1 GB, zip parts that understate or overstate
their size, 100 billion declared shared strings, an .ods row of 95 cells repeated
1,048,000 times, an .xls whose DIMENSIONS claim 2 billion rows, CSV files with a line
of 2 million separators, a million rows, 5,000 columns, a late NUL), then runs
``ozgdesk import FILE --project P`` in a fresh process for each, against a fresh copy
of a project with the built-in catalogue, and reads the child's peak resident memory
(``ru_maxrss`` from ``os.wait4``) and wall time. For comparison the same for a valid
50,000-row .xlsx list. The child runs with a 4 GB address-space limit so that a
regression cannot take the machine down.

Target (issue 13): every hostile kind ends within 10 s and 500 MB, refused or imported.

    python bench/hostile_bench.py
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.fixtures import hostile  # noqa: E402

LIMIT_SECONDS = 10.0
LIMIT_MB = 500.0
ADDRESS_SPACE = 4 * 1024**3


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run(command: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    """Exit code, seconds, peak MB and the last line of stderr of one child."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        preexec_fn=_limited,
    )
    assert child.stderr is not None
    error = child.stderr.read().decode("utf-8", errors="replace")
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    lines = [line for line in error.strip().splitlines() if line.strip()]
    return child.returncode, seconds, peak_mb, lines[-1] if lines else ""


READ_ONLY = (
    "import sys; from ozgdesk.formats import spreadsheet; "
    "book = spreadsheet.read(sys.argv[1]); print(len(book.sheets[0].rows))"
)


def _at_the_limits(folder: Path) -> Path:
    """A sheet exactly at the cell limit: 100,000 rows × 20 columns (2,000,000 cells), every
    cell a different text (so column A holds no valid key: a problem on every row): the
    most a file can make ozgdesk hold."""
    from ozgdesk.formats import limits

    columns = 20
    letters = [chr(65 + c) for c in range(columns)]

    def rows():  # type: ignore[no-untyped-def]
        yield (
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Leistungsschlüssel</t></is></c>'
            + "".join(
                f'<c r="{c}1" t="inlineStr"><is><t>Spalte {c}</t></is></c>' for c in letters[1:]
            )
            + "</row>"
        )
        for r in range(2, limits.MAX_CELLS // columns + 1):
            cells = "".join(
                f'<c r="{c}{r}" t="inlineStr"><is><t>Leistung {r}-{c}</t></is></c>' for c in letters
            )
            yield f'<row r="{r}">{cells}</row>'

    return hostile.write_xlsx(folder / "Grenzfall-100000x20.xlsx", rows())


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="ozgdesk-hostile-"))
    env = os.environ.copy()
    env["OZGDESK_DATA_DIR"] = str(folder / "daten")
    env["OZGDESK_LOG_DIR"] = str(folder / "log")
    try:
        template = folder / "Vorlage.ozgdesk"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ozgdesk",
                "new",
                "--project",
                str(template),
                "--municipality",
                "Ahaus",
            ],
            check=True,
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        files = folder / "dateien"
        files.mkdir()
        cases: list[tuple[str, Path]] = []
        for name, make in hostile.HOSTILE.items():
            started = time.perf_counter()
            path = make(files)
            print(
                f"made {name}: {path.stat().st_size:,} bytes in {time.perf_counter() - started:.1f} s",
                flush=True,
            )
            cases.append((name, path))
        edge = _at_the_limits(files)
        cases.append(("Grenzfall: 100.000 × 20 verschiedene Texte (xlsx)", edge))
        import import_bench

        valid, _csv = import_bench.write_files(files, 50_000)
        cases.append(("zum Vergleich: gültige Liste, 50.000 Zeilen (xlsx)", valid))
        print()
        print("| kind | file | result | time | peak memory |")
        print("| --- | --- | --- | --- | --- |")
        failures = []
        for name, path in cases:
            project = folder / "Projekt.ozgdesk"
            shutil.copyfile(template, project)
            code, seconds, peak, last = run(
                [sys.executable, "-m", "ozgdesk", "import", str(path), "--project", str(project)],
                env,
            )
            result = {0: "imported", 1: "refused"}.get(code, f"CRASH (exit {code})")
            size = path.stat().st_size
            shown = f"{size / 1024:,.1f} KB" if size < 1024**2 else f"{size / 1024**2:,.1f} MB"
            print(f"| {name} | {shown} | {result} | {seconds:.2f} s | {peak:.0f} MB |", flush=True)
            if code not in (0, 1) or seconds > LIMIT_SECONDS or peak > LIMIT_MB:
                failures.append((name, code, seconds, peak, last))
            project.unlink()
            for leftover in folder.glob("Projekt.ozgdesk*"):
                leftover.unlink()
        code, seconds, peak, last = run([sys.executable, "-c", READ_ONLY, str(edge)], env)
        print(
            f"| Grenzfall: {edge.name}, nur gelesen (spreadsheet.read) | "
            f"{edge.stat().st_size / 1024**2:,.1f} MB | exit {code} | {seconds:.2f} s | {peak:.0f} MB |"
        )
        print()
        if failures:
            print(f"MISSED target (≤ {LIMIT_SECONDS:.0f} s, ≤ {LIMIT_MB:.0f} MB, no crash):")
            for failure in failures:
                print("  ", failure)
        else:
            print(
                f"target met: every kind ended within {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
