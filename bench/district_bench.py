"""The district overview for 20 municipalities: time to read them all and write the PDF and
the Excel workbook.

Builds (not timed) one demo municipality (all five steps filled in) and 19 copies of it
whose decisions are varied at random (a seeded share of the relevant services set to
"nicht relevant" or "prüfen"), half of them passed in as project files and half as share
files (``.ozgvorlage``, as municipalities would send them by e-mail). Then, medians over
``--runs``:

- overview_s: ``district.overview`` (opens each project read-only, builds its share data;
  reads each share file);
- pdf_s / xlsx_s: ``district.export_district`` to PDF and to Excel (each includes the read).

    python bench/district_bench.py [--members 20] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(folder: Path, members: int) -> list[Path]:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import relevance, sharing
    from ozgdesk.workflow.demo import create_demo

    base = folder / "Muster.ozgdesk"
    create_demo(base).close()
    rng = random.Random(20261204)
    inputs: list[Path] = []
    for n in range(members):
        path = folder / f"Kommune{n + 1:02d}.ozgdesk"
        shutil.copyfile(base, path)
        with Project.open(path) as project:
            with project.session() as session:
                session.connection().exec_driver_sql(
                    "UPDATE project_info SET municipality = ?", (f"Gemeinde Kommune {n + 1:02d}",)
                )
            with project.reading() as conn:
                ids = [i for (i,) in conn.execute(
                    "SELECT id FROM service WHERE relevance = 'relevant'")]  # fmt: skip
            changed = rng.sample(ids, k=len(ids) // 5)
            half = len(changed) // 2
            relevance.decide(project, changed[:half], relevance.NOT_RELEVANT, "Kreis")
            relevance.decide(project, changed[half:], relevance.CHECK, "offen")
            if n % 2:
                inputs.append(sharing.export_share(project, folder / f"Kommune{n + 1:02d}"))
            else:
                inputs.append(path)
    return inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("OZGDESK_DATA_DIR", str(folder / "data"))
        os.environ.setdefault("OZGDESK_LOG_DIR", str(folder / "log"))
        from ozgdesk.workflow import district

        started = time.perf_counter()
        inputs = build(folder, args.members)
        print(f"built {len(inputs)} municipalities in {time.perf_counter() - started:.1f} s "
              f"({sum(p.suffix == '.ozgvorlage' for p in inputs)} as share files)")  # fmt: skip
        timings: dict[str, list[float]] = {"overview_s": [], "pdf_s": [], "xlsx_s": []}
        report = None
        for _ in range(args.runs):
            t = time.perf_counter()
            report = district.overview(inputs)
            timings["overview_s"].append(time.perf_counter() - t)
            t = time.perf_counter()
            district.export_district(inputs, folder / "Kreis.pdf")
            timings["pdf_s"].append(time.perf_counter() - t)
            t = time.perf_counter()
            district.export_district(inputs, folder / "Kreis.xlsx")
            timings["xlsx_s"].append(time.perf_counter() - t)
        assert report is not None
        from pypdf import PdfReader

        pages = len(PdfReader(folder / "Kreis.pdf").pages)
        print(
            f"members={len(report.members)} differences={len(report.differences)} "
            f"pdf_pages={pages} unreadable={len(report.unreadable)}"
        )
        print(" ".join(f"{k}={statistics.median(v):.2f}" for k, v in timings.items()))
        if os.environ.get("OZGDESK_BENCH_KEEP"):
            shutil.copy(folder / "Kreis.pdf", os.environ["OZGDESK_BENCH_KEEP"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
