"""Page reads at 50,000 services: a project on a PostgreSQL server against the same project
as a local file.

Builds the demo municipality scaled to ``--services`` (as bench/pages_bench.py does), uploads
it into a database of a throw-away PostgreSQL server (tests/pg_server.py: initdb in a
temporary folder, a private socket, as a non-root user), then times the data each page reads
(what the pages' loader threads compute), with every cached result dropped before each read:

    start (dashboard.step_summaries), step 1 (overview.catalogue_table, relevance.suggestions,
    overview.search_texts), step 2 (overview.relevant_table), step 4
    (delivery.effective_rows), step 5 (roadmap.plan_rows), sidebar (steps.step_states)

Each read ``--rounds`` times per backend; the median counts. Printed: one line per read with
``file_ms``, ``server_ms`` and ``ratio``, then ``total_file_ms=… total_server_ms=…
ratio=…``. Target (issue "Shared server mode"): ratio ≤ 2.

    python bench/server_bench.py [--services 50000] [--rounds 5]
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
sys.path.insert(0, str(ROOT / "bench"))
TARGET = 2.0


def _reads():  # type: ignore[no-untyped-def]
    from ozgdesk.workflow import dashboard, delivery, overview, relevance, roadmap
    from ozgdesk.workflow.steps import step_states

    return {
        "start": dashboard.step_summaries,
        "step1_catalogue": overview.catalogue_table,
        "step1_suggestions": relevance.suggestions,
        "step1_search": overview.search_texts,
        "step2_relevant": overview.relevant_table,
        "step4_delivery": delivery.effective_rows,
        "step5_plan": roadmap.plan_rows,
        "sidebar": step_states,
    }


def _time(project, read, rounds: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(rounds):
        project.forget_results()
        t0 = time.perf_counter()
        read(project)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from pages_bench import build

    from ozgdesk.store import server_copy
    from ozgdesk.store.project import Project
    from ozgdesk.store.server import ServerProject
    from tests import pg_server

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OZGDESK_DATA_DIR"] = str(Path(tmp) / "data")
        path = Path(tmp) / "Gross.ozgdesk"
        t0 = time.perf_counter()
        total = build(path, args.services, 8)
        print(f"services={total} build_s={time.perf_counter() - t0:.1f}", flush=True)
        server = pg_server.start()
        try:
            pg_server.admin_execute(server, "CREATE DATABASE ozg_bench")
            url = server.url("ozg_bench")
            t0 = time.perf_counter()
            server_copy.upload(path, url)
            print(f"upload_s={time.perf_counter() - t0:.1f}", flush=True)
            totals = {"file": 0.0, "server": 0.0}
            with (
                Project.open(path, read_only=True) as local,
                ServerProject.open(url, read_only=True) as remote,
            ):
                for name, read in _reads().items():
                    file_ms = _time(local, read, args.rounds)
                    server_ms = _time(remote, read, args.rounds)
                    totals["file"] += file_ms
                    totals["server"] += server_ms
                    print(
                        f"read={name} file_ms={file_ms:.0f} server_ms={server_ms:.0f} "
                        f"ratio={server_ms / file_ms:.2f}",
                        flush=True,
                    )
            ratio = totals["server"] / totals["file"]
            print(
                f"total_file_ms={totals['file']:.0f} total_server_ms={totals['server']:.0f} "
                f"ratio={ratio:.2f} target<={TARGET}"
            )
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
