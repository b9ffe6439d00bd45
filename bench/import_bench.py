"""Import speed: whole `ozgdesk import` processes against a bare calamine read.

Generates a 50,000-row, 8-column .xlsx and the same rows as a German Excel CSV
(cp1252, ";"), made from the built-in catalogue (keys as text, names, Typ, OZG-ID,
OZG-Leistung, Lebenslage, Themenfeld, SDG 1; new keys and name suffixes so every
row is its own service). Then, in the same run and as fresh processes each time:

- bare_read: ``python -c "from python_calamine import CalamineWorkbook; ..."``
  reading the .xlsx into Python lists (the floor for any .xlsx import);
- import_xlsx / import_csv: ``ozgdesk import FILE --project P`` into a freshly
  created project without catalogue (``ozgdesk new --no-catalogue``; not timed);
- import_nrw: the 5,249-row NRW catalogue (leistungskatalog-nrw.xlsx) into a fresh
  project without catalogue, i.e. 5,247 services really written;
- import_nrw_again: the same file into a project that has the built-in catalogue
  (nothing to change; for comparison).

Prints medians over ``--runs`` (default 3), the CPU seconds of each process (steadier than
wall time on a shared machine) and the targets: import_xlsx / bare_read
≤ 4 (issue 22; ≤ 6 before), NRW ≤ 1 s, 50k CSV ≤ 2 s.

    python bench/import_bench.py [--runs 3] [--rows 50000]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NRW = ROOT.parent / "shared" / "data" / "leistungskatalog-nrw.xlsx"
CATALOGUE_CSV = ROOT / "resources" / "catalogue" / "leistungskatalog-nrw.csv"
HEADER = [
    "Leistungsschlüssel",
    "Leistungsbezeichnung",
    "Typ",
    "OZG-ID",
    "OZG-Leistung",
    "Lebenslage",
    "Themenfeld",
    "SDG 1",
]
BARE = (
    "import sys; from python_calamine import CalamineWorkbook; "
    "wb = CalamineWorkbook.from_path(sys.argv[1]); "
    "rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False); print(len(rows))"
)


def make_rows(count: int) -> list[list[str]]:
    with CATALOGUE_CSV.open(encoding="utf-8", newline="") as fh:
        source = list(csv.DictReader(fh))
    rows = []
    for i in range(count):
        row = source[i % len(source)]
        round_ = i // len(source)
        # grouping and object never 000 (that would be a shortened key)
        key = f"99{i // 999 + 1:03d}{i % 999 + 1:03d}{(i * 7) % 1000:03d}000"
        name = " ".join(row["Leistungsbezeichnung"].split())
        rows.append(
            [
                key,
                name if round_ == 0 else f"{name} ({round_ + 1})",
                row["Typ"],
                row["OZG-ID"],
                row["OZG-Leistung"],
                row["Lebenslage"],
                row["Themenfeld"],
                row["SDG 1"],
            ]
        )
    assert len({r[0] for r in rows}) == count, "keys must be unique"
    return rows


def write_files(folder: Path, count: int) -> tuple[Path, Path]:
    import openpyxl

    rows = make_rows(count)
    xlsx = folder / f"leistungen-{count}.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Leistungen")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(xlsx)
    csv_path = folder / f"leistungen-{count}.csv"
    with csv_path.open("w", encoding="cp1252", errors="replace", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
    return xlsx, csv_path


CPU: dict[str, list[float]] = {}  # CPU seconds (user + system) of the timed processes


def timed(command: list[str], env: dict[str, str], label: str = "") -> float:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    stdout, stderr = process.communicate(timeout=600)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{command} → {process.returncode}\n{stdout}\n{stderr}")
    if label:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        total = usage.ru_utime + usage.ru_stime
        CPU.setdefault(label, []).append(total - CPU.setdefault("_last", [0.0])[-1])
    CPU["_last"] = [
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime
    ]
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    ozgdesk = [sys.executable, "-m", "ozgdesk"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = os.environ.copy()
        env["OZGDESK_DATA_DIR"] = str(folder / "data")
        env["OZGDESK_LOG_DIR"] = str(folder / "log")
        xlsx, csv_path = write_files(folder, args.rows)
        counter = 0

        def fresh(catalogue: bool = False) -> Path:
            nonlocal counter
            counter += 1
            project = folder / f"p{counter}.ozgdesk"
            command = [*ozgdesk, "new", "--project", str(project), "--municipality", "Bench"]
            timed(command + ([] if catalogue else ["--no-catalogue"]), env)  # not counted
            return project

        def run_import(file: Path, label: str, catalogue: bool = False) -> float:
            project = fresh(catalogue)
            return timed([*ozgdesk, "import", str(file), "--project", str(project)], env, label)

        times: dict[str, list[float]] = {
            k: []
            for k in ("bare_read", "import_xlsx", "import_csv", "import_nrw", "import_nrw_again")
        }
        for _ in range(args.runs):  # interleaved, so drifts of the machine hit all alike
            bare = timed([sys.executable, "-c", BARE, str(xlsx)], env, "bare_read")
            times["bare_read"].append(bare)
            times["import_xlsx"].append(run_import(xlsx, "import_xlsx"))
            times["import_csv"].append(run_import(csv_path, "import_csv"))
            times["import_nrw"].append(run_import(NRW, "import_nrw"))
            times["import_nrw_again"].append(run_import(NRW, "import_nrw_again", catalogue=True))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"python={sys.version.split()[0]} runs={args.runs} rows={args.rows}")
    for name, values in times.items():
        print(f"{name}_s={med[name]:.3f} (min {min(values):.3f}, max {max(values):.3f})")
    cpu = {k: statistics.median(v) for k, v in CPU.items() if not k.startswith("_")}
    print("cpu_s: " + ", ".join(f"{k}={v:.3f}" for k, v in cpu.items()))
    ratio = med["import_xlsx"] / med["bare_read"]
    print(f"import_xlsx_ratio={ratio:.2f} (target ≤ 4, issue 22; before: ≤ 6)")
    print(f"import_xlsx_cpu_ratio={cpu['import_xlsx'] / cpu['bare_read']:.2f} (CPU seconds)")
    print(f"nrw_target={'ok' if med['import_nrw'] <= 1.0 else 'VERFEHLT'} (≤ 1 s)")
    print(f"csv_target={'ok' if med['import_csv'] <= 2.0 else 'VERFEHLT'} (≤ 2 s)")


if __name__ == "__main__":
    main()
