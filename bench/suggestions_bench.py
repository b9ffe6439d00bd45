"""Relevance suggestions from the built-in classification (who executes each service in NRW):
how many services get a decided suggestion per kind of municipality, and how long the
suggestions for the whole catalogue take.

Creates a project with the built-in catalogue for one real municipality of each kind, then
for each: the share of services whose suggestion is "relevant" or "nicht relevant" (not
"prüfen"), whether every suggestion has a reason, and the time of ``relevance.suggestions``
(the whole step, reading kind and laws from the file, as the step 1 page asks for it; the
catalogue table itself is read before and not timed), median of ``--rounds``.

    python bench/suggestions_bench.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

# one real municipality of each kind (resources/catalogue/kommunen-nrw.csv)
EXAMPLES = {
    "gemeinde": "Alpen",
    "mittlere_stadt": "Ahaus",
    "grosse_stadt": "Paderborn",
    "kreisfreie_stadt": "Köln",
    "kreis": "Kreis Borken",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OZGDESK_DATA_DIR"] = str(Path(tmp) / "data")
        from ozgdesk.workflow import competence, overview, relevance
        from ozgdesk.workflow.municipality import SHORT_KINDS
        from ozgdesk.workflow.projects import create_project

        competence.builtin()  # the tables are read once per process
        print(
            "| kind | example | services | relevant | nicht relevant | prüfen | decided | "
            "with reason | suggestions (median) |"
        )
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for kind, name in EXAMPLES.items():
            project = create_project(Path(tmp) / f"{kind}.ozgdesk", name)
            try:
                table = overview.catalogue_table(project)
                times = []
                for _ in range(args.rounds):
                    start = time.perf_counter()
                    result = relevance.competence_suggestions(project, table.rows, table.names)
                    times.append(time.perf_counter() - start)
                counts = Counter(s.relevance for s in result.values())
                total = len(result)
                decided = total - counts[relevance.CHECK]
                with_reason = sum(1 for s in result.values() if s.reason.strip())
                print(
                    f"| {SHORT_KINDS[kind]} | {name} | {total:,} | {counts[relevance.RELEVANT]:,} "
                    f"| {counts[relevance.NOT_RELEVANT]:,} | {counts[relevance.CHECK]:,} "
                    f"| {decided / total:.1%} | {with_reason / total:.0%} "
                    f"| {statistics.median(times) * 1000:.0f} ms |"
                )
            finally:
                project.close()
        table = competence.builtin()
        print()
        print("| kind | OZG services | decided (not „prüfen“) |")
        print("| --- | ---: | ---: |")
        for kind in EXAMPLES:
            rows = list(table.ozg.values())
            decided = sum(1 for e in rows if e.executors[kind] != relevance.CHECK)
            print(f"| {SHORT_KINDS[kind]} | {len(rows)} | {decided / len(rows):.1%} |")


if __name__ == "__main__":
    main()
