"""Backup, verification and restore times for a project with 50,000 services.

Builds the project once (not timed): the built-in catalogue's 5,247 records repeated
with new keys and name suffixes up to ``--services`` records (OZG links included),
merged with ``catalogue.merge_services`` in one transaction, then relevance decisions
for 60 % of the services (relevant / nicht relevant / prüfen). Then, medians over
``--runs``:

- backup_s: ``Project.backup`` (backup API into the user data folder, ``quick_check`` of
  the copy, atomic rename, rotation);
- verify_s: ``backups.verify`` of that backup (``quick_check``), and inspect_s:
  ``backups.inspect`` (counts and ``quick_check``, as the Sicherungen list shows them);
- restore_s: ``Project.restore`` of the backup into the open project (which makes a
  safety backup of the current state first, so it is about two copies).

    python bench/backup_bench.py [--services 50000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def build(path: Path, count: int) -> None:
    from ozgdesk import paths
    from ozgdesk.formats import reference_csv
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import relevance
    from ozgdesk.workflow.catalogue import merge_services
    from ozgdesk.workflow.projects import create_project

    source = reference_csv.read_catalogue(paths.resource("catalogue", "leistungskatalog-nrw.csv"))
    records = []
    for i in range(count):
        record = source[i % len(source)]
        round_ = i // len(source)
        key = f"99{i // 999 + 1:03d}{i % 999 + 1:03d}{(i * 7) % 1000:03d}000"
        name = record.name if round_ == 0 else f"{record.name} ({round_ + 1})"
        records.append(replace(record, key_raw=key, name=name, ozg=list(record.ozg)))
    create_project(path, "Großstadt", with_catalogue=False).close()
    with Project.open(path) as project:
        with project.session() as session:
            result = merge_services(session, records, origin="Benchmark")
        assert result.added == count, result
        with project.reading() as conn:
            ids = [i for (i,) in conn.execute("SELECT id FROM service ORDER BY id")]
        fifth = len(ids) // 5
        relevance.decide(project, ids[:fifth], relevance.RELEVANT, "Typ 5")
        relevance.decide(project, ids[fifth : 2 * fifth], relevance.NOT_RELEVANT, "Bund")
        relevance.decide(project, ids[2 * fifth : 3 * fifth], relevance.CHECK, "mit Kreis klären")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["OZGDESK_DATA_DIR"] = str(folder / "data")
        os.environ["OZGDESK_LOG_DIR"] = str(folder / "log")
        from ozgdesk.store import backups
        from ozgdesk.store.project import Project

        path = folder / "Grossstadt.ozgdesk"
        started = time.perf_counter()
        build(path, args.services)
        print(f"build_s={time.perf_counter() - started:.1f} (not part of the figures)")
        size_mb = path.stat().st_size / 1e6

        timings: dict[str, list[float]] = {"backup": [], "verify": [], "inspect": [], "restore": []}
        with Project.open(path) as project:
            for _ in range(args.runs):
                started = time.perf_counter()
                saved = project.backup("bench")
                timings["backup"].append(time.perf_counter() - started)
                started = time.perf_counter()
                assert backups.verify(saved) == ""
                timings["verify"].append(time.perf_counter() - started)
                started = time.perf_counter()
                info = backups.inspect(saved)
                timings["inspect"].append(time.perf_counter() - started)
                assert info.ok and info.counts["services"] == args.services, info
                started = time.perf_counter()
                project.restore(saved)
                timings["restore"].append(time.perf_counter() - started)
            with project.reading() as conn:
                assert conn.execute("SELECT count(*) FROM service").fetchone()[0] == args.services
        median = {k: statistics.median(v) for k, v in timings.items()}
        print(
            f"services={args.services} size_mb={size_mb:.1f} backup_s={median['backup']:.2f} "
            f"verify_s={median['verify']:.2f} inspect_s={median['inspect']:.2f} "
            f"restore_s={median['restore']:.2f} (median of {args.runs})"
        )


if __name__ == "__main__":
    main()
