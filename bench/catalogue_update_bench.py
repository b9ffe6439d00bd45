"""Catalogue update speed: a newer release of 5,000 services compared and applied.

The project (not timed) has the built-in NRW catalogue (5,249 services) with decisions
for 40 % of them and an office for 10 %. The release (.xlsx in the official layout,
written once, not timed) is the catalogue's keyed services minus ``--retired`` of them,
with ``--renamed`` new names, ``--relinked`` other OZG links and new services added up
to ``--services`` rows in all. Per run, on a fresh copy of the project:

- analyse_s: ``catalogue_update.analyse_update`` (read the file, recognise the columns,
  check the rows, compare with the project);
- apply_s: ``catalogue_update.apply_update`` (backup, one transaction);
- total_s: both; and cli_s: the whole ``ozgdesk update-catalogue`` process.

Target (issue 22): total ≤ 2 s.

    python bench/catalogue_update_bench.py [--runs 3] [--services 5000]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CATALOGUE_CSV = ROOT / "resources" / "catalogue" / "leistungskatalog-nrw.csv"


def release(path: Path, services: int, retired: int, renamed: int, relinked: int) -> None:
    import openpyxl

    with CATALOGUE_CSV.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = [r for r in reader if len(r[header[0]]) == 14 and r[header[0]].isdigit()]
    key, name = header[0], header[1]
    kept = rows[retired:]
    for row in kept[:renamed]:
        row[name] = f"{row[name]} (Fassung 2026)"
    for row in kept[renamed : renamed + relinked]:
        row["OZG-ID"], row["OZG-Leistung"] = "99999", "Neue OZG-Leistung"
    added = max(0, services - len(kept))
    for i in range(added):
        new = dict(kept[i % len(kept)])
        new[key] = f"99900{i // 999 + 1:03d}{i % 999 + 1:03d}000"  # 14 digits, unused group
        new[name] = f"Neue Leistung {i + 1}"
        kept.append(new)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Leistungen")
    sheet.append(header)
    for row in kept:
        sheet.append([row[h] for h in header])
    book.save(path)


def build(path: Path) -> None:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import relevance
    from ozgdesk.workflow.projects import create_project

    create_project(path, "Bench").close()
    with Project.open(path) as project:
        with project.reading() as conn:
            ids = [i for (i,) in conn.execute("SELECT id FROM service ORDER BY id")]
        fifth = len(ids) // 5
        relevance.decide(project, ids[:fifth], relevance.RELEVANT, "Typ 5")
        relevance.decide(project, ids[fifth : 2 * fifth], relevance.NOT_RELEVANT, "Bund")
        with project.session() as session:
            from sqlalchemy import text

            session.execute(
                text(
                    "INSERT INTO office (name, short_name, number, kind, created_at) "
                    "VALUES ('Bauamt', '', '', 'Amt', '2026-01-01')"
                )
            )
            session.execute(
                text(
                    "UPDATE service SET lead_office_id = (SELECT id FROM office) WHERE id % 10 = 0"
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--retired", type=int, default=150)
    parser.add_argument("--renamed", type=int, default=300)
    parser.add_argument("--relinked", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["OZGDESK_DATA_DIR"] = str(folder / "data")
        os.environ["OZGDESK_LOG_DIR"] = str(folder / "log")
        from ozgdesk.store.project import Project
        from ozgdesk.workflow.catalogue_update import analyse_update, apply_update

        file = folder / "leika-2026.xlsx"
        release(file, args.services, args.retired, args.renamed, args.relinked)
        template = folder / "vorlage.ozgdesk"
        build(template)
        times: dict[str, list[float]] = {"analyse": [], "apply": [], "total": [], "cli": []}
        counts = ""
        for run in range(args.runs):
            copy = folder / f"p{run}.ozgdesk"
            shutil.copyfile(template, copy)
            with Project.open(copy) as project:
                start = time.perf_counter()
                update = analyse_update(project, file)
                middle = time.perf_counter()
                apply_update(project, update)
                end = time.perf_counter()
            assert update.committed, update.reason
            counts = (
                f"added={len(update.added)} changed={len(update.changed)} "
                f"retired={len(update.retired)} unchanged={update.unchanged}"
            )
            times["analyse"].append(middle - start)
            times["apply"].append(end - middle)
            times["total"].append(end - start)
            cli_copy = folder / f"c{run}.ozgdesk"
            shutil.copyfile(template, cli_copy)
            start = time.perf_counter()
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "ozgdesk",
                    "update-catalogue",
                    "--project",
                    str(cli_copy),
                    str(file),
                ],
                capture_output=True,
                text=True,
                env=os.environ.copy(),
                cwd=ROOT,
            )
            times["cli"].append(time.perf_counter() - start)
            assert result.returncode == 0, result.stderr
    print(f"python={sys.version.split()[0]} runs={args.runs} rows={args.services} {counts}")
    for name, values in times.items():
        print(
            f"{name}_s={statistics.median(values):.3f} (min {min(values):.3f}, max {max(values):.3f})"
        )
    total = statistics.median(times["total"])
    print(f"target={'ok' if total <= 2.0 else 'VERFEHLT'} (total ≤ 2 s)")


if __name__ == "__main__":
    main()
