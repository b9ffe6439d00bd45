"""Speed of the XZuFi 2.2 export of step 4 for 5,000 delivered services, and of reading
the file back into the review.

Builds a project without the built-in catalogue and merges 5,000 synthetic services
(new 14-digit keys), all relevant, in 20 offices; each office gets a full contact point
with one contact person; every service a page, every 10th an own phone (its own unit),
every 5th an online service (20 distinct addresses). Not timed: building the project.

Timed: ``xzufi_export.export_xzufi`` into a new file each run. The first run reads the
project (delivery rows and plans) cold, later runs find them memoized; both are printed,
the first one is what the target (≤ 2 s) is checked against. Then
``xzufi_import.review`` of that file (nothing written). Prints:

    xzufi_cold_s=<first run> xzufi_warm_s=<median of the others> review_s=<seconds>

    python bench/xzufi_bench.py [--runs 3] [--services 5000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_S = 2.0
OFFICES = 20


def build(path: Path, count: int) -> None:
    from synthetic import service_records

    from ozgdesk.workflow import catalogue, delivery, identity
    from ozgdesk.workflow import offices as office_flow
    from ozgdesk.workflow.projects import create_project

    project = create_project(path, "Benchstadt", with_catalogue=False)
    try:
        with project.session() as session:
            catalogue.merge_services(
                session,
                service_records(
                    count,
                    99_900_000_000_000,
                    office=lambda i: f"Amt {i % OFFICES + 1:02d} für Bürgerdienste",
                    relevance=lambda i: "relevant",
                ),
                origin="Bench",
                fields=catalogue.ALL_FIELDS | {"office", "relevance"},
            )
        identity.set_keys(project, ags="05554004", ars="055540004004")
        for number, office in enumerate(office_flow.offices(project), start=1):
            assert office.id is not None
            delivery.save_unit(
                project,
                office.id,
                {
                    "unit_name": office.name,
                    "street": "Rathausplatz",
                    "house_number": str(number),
                    "postcode": "48683",
                    "town": "Benchstadt",
                    "phone": f"02561 72-{number:03d}",
                    "fax": "02561 72-999",
                    "email": f"amt{number}@benchstadt.de",
                    "opening_hours": "Mo–Fr 8–12 Uhr",
                },
                [delivery.Person(None, "Jürgen", f"Bäcker {number}", "02561 72-1", "j@b.de")],
            )
        rows = delivery.effective_rows(project)
        stored = {s.service_id: s for s in delivery.stored(project, [r.service_id for r in rows])}
        changed = []
        for index, row in enumerate(rows):
            values = {"page_url": f"https://www.benchstadt.de/leistungen/{row.key}"}
            if index % 10 == 0:
                values["phone"] = f"02561 73-{index:04d}"
            if index % 5 == 0:
                values["online_url"] = f"https://portal.example.org/dienst-{index % 100}"
            changed.append(
                delivery.Stored(row.service_id, values=values, exists=True)
                if row.service_id not in stored or not stored[row.service_id].exists
                else stored[row.service_id]
            )
        delivery.save_services(project, changed)
    finally:
        project.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--services", type=int, default=5000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ozgdesk-bench-") as tmp:
        os.environ.setdefault("OZGDESK_DATA_DIR", str(Path(tmp) / "data"))
        os.environ.setdefault("OZGDESK_LOG_DIR", str(Path(tmp) / "log"))
        from ozgdesk.store.project import Project
        from ozgdesk.workflow import xzufi_export, xzufi_import

        path = Path(tmp) / "Benchstadt.ozgdesk"
        build(path, args.services)
        import lxml.etree  # noqa: F401  (imported once, as in the running app)

        times, cpu = [], []
        with Project.open(path, read_only=True) as project:
            for run in range(args.runs):
                start, start_cpu = time.perf_counter(), time.process_time()
                result = xzufi_export.export_xzufi(project, Path(tmp) / f"run{run}.xml")
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            size = (Path(tmp) / "run0.xml").stat().st_size
            start = time.perf_counter()
            review = xzufi_import.review(project, [Path(tmp) / "run0.xml"])
            review_s = time.perf_counter() - start
    warm = statistics.median(times[1:]) if len(times) > 1 else times[0]
    print(
        f"services={result.services} units={result.units} online={result.online} "
        f"responsibilities={result.responsibilities} skipped={len(result.skipped)} "
        f"file_mb={size / 1e6:.1f} review_changes={len(review.changes)}"
    )
    print("runs_s=" + ",".join(f"{t:.2f}" for t in times))
    print("cpu_s=" + ",".join(f"{t:.2f}" for t in cpu) + " (process CPU time)")
    print(f"xzufi_cold_s={times[0]:.2f} xzufi_warm_s={warm:.2f} review_s={review_s:.2f}")
    print(f"target: xzufi_cold_s <= {TARGET_S:.0f} -> {'ok' if times[0] <= TARGET_S else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
