"""Speed of the workshop papers: `export_handouts` for 20 offices with 300 relevant
services each (6,000 services).

Builds a project without the built-in catalogue and merges 6,000 synthetic services
(names, OZG links, Lebenslagen and Themenfelder taken from the catalogue in turn, new
14-digit keys), each decided "relevant" with one of 20 offices as lead office; every
office gets an OZG contact. Then a workshop with the default agenda and all
candidates as participants. Not timed: building the project.

Timed: ``workshop_outputs.export_handouts`` into a new folder each run, i.e. agenda,
sign-in sheet, 20 handouts and the combined PDF (Alles-zum-Drucken.pdf). Prints the
median over ``--runs`` (default 3), the process CPU time of each run, the pages
written and the target (≤ 3 s):

    handouts_s=<median seconds>

    python bench/handouts_bench.py [--runs 3] [--offices 20] [--services 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_S = 3.0


def _records(offices: int, per_office: int):  # type: ignore[no-untyped-def]
    from synthetic import service_records

    return service_records(
        offices * per_office,
        99_900_000_000_000,
        office=lambda i: f"Amt {i % offices + 1:02d} für Bürgerdienste und Öffentliche Ordnung",
        relevance=lambda i: "relevant",
    )


def build(path: Path, offices: int, per_office: int) -> int:
    from ozgdesk.workflow import catalogue, workshop
    from ozgdesk.workflow import offices as office_flow
    from ozgdesk.workflow.projects import create_project

    project = create_project(path, "Benchstadt", with_catalogue=False)
    try:
        with project.session() as session:
            catalogue.merge_services(
                session,
                _records(offices, per_office),
                origin="Bench",
                fields=catalogue.ALL_FIELDS | {"office", "relevance"},
            )
        for office in office_flow.offices(project):
            assert office.id is not None
            office_flow.save_contact(
                project,
                office_flow.Contact(
                    None,
                    office.id,
                    f"Jürgen Bäcker ({office.name[:6]})",
                    "Sachgebietsleitung",
                    "j.baecker@benchstadt.de",
                    "02561 123-45",
                ),
            )
        workshop_id = workshop.save_workshop(project, workshop.proposal(today=date(2026, 11, 22)))
        workshop.add_participants(project, workshop_id, workshop.candidates(project, workshop_id))
        return workshop_id
    finally:
        project.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--offices", type=int, default=20)
    parser.add_argument("--services", type=int, default=300, help="relevant services per office")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ozgdesk-bench-") as tmp:
        os.environ.setdefault("OZGDESK_DATA_DIR", str(Path(tmp) / "data"))
        os.environ.setdefault("OZGDESK_LOG_DIR", str(Path(tmp) / "log"))
        from pypdf import PdfReader

        from ozgdesk.store.project import Project
        from ozgdesk.workflow.workshop_outputs import export_handouts

        path = Path(tmp) / "Benchstadt.ozgdesk"
        workshop_id = build(path, args.offices, args.services)
        times, cpu = [], []
        with Project.open(path, read_only=True) as project:
            for run in range(args.runs):
                out = Path(tmp) / f"run{run}"
                start, start_cpu = time.perf_counter(), time.process_time()
                written = export_handouts(project, workshop_id, out)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
        pages = {p.name: len(PdfReader(p).pages) for p in written}
    median = statistics.median(times)
    handouts = [n for n in pages if n.startswith("Handzettel-")]
    print(
        f"offices={args.offices} services_per_office={args.services} files={len(pages)} "
        f"handouts={len(handouts)} pages_total={pages['Alles-zum-Drucken.pdf']} "
        f"pages_per_handout={pages[handouts[0]] if handouts else 0}"
    )
    print("runs_s=" + ",".join(f"{t:.2f}" for t in times))
    print(
        "cpu_s="
        + ",".join(f"{t:.2f}" for t in cpu)
        + " (process CPU time: less noisy on a busy machine)"
    )
    print(f"handouts_s={median:.2f}")
    print(f"target: handouts_s <= {TARGET_S:.0f} -> {'ok' if median <= TARGET_S else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
