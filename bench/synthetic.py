"""Synthetic services for the benchmarks, made from the built-in catalogue.

Every 7th catalogue row with a Lebenslage in turn lends its name and OZG grouping; each
record gets a new 14-digit key from ``key_base`` and a running number in its name.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

CATALOGUE_CSV = (
    Path(__file__).resolve().parents[1] / "resources" / "catalogue" / "leistungskatalog-nrw.csv"
)


def service_records(
    count: int,
    key_base: int,
    office: Callable[[int], str] = lambda i: "",
    relevance: Callable[[int], str] = lambda i: "",
):  # type: ignore[no-untyped-def]
    """``count`` ServiceRecords; ``office(i)`` and ``relevance(i)`` fill the optional columns."""
    from ozgdesk.formats.records import OzgRef, ServiceRecord

    with CATALOGUE_CSV.open(encoding="utf-8", newline="") as fh:
        source = [r for r in csv.DictReader(fh) if r.get("Lebenslage")]
    fields = {name.casefold(): name for name in source[0]}

    def col(row: dict[str, str], *names: str) -> str:
        for name in names:
            if name.casefold() in fields:
                return row[fields[name.casefold()]]
        return ""

    records = []
    for i in range(count):
        row = source[(i * 7) % len(source)]
        ozg = OzgRef(
            col(row, "OZG-ID", "ozg_id"),
            col(row, "OZG-Leistung", "ozg_name"),
            col(row, "Lebenslage", "lebenslage"),
            col(row, "Themenfeld", "themenfeld"),
        )
        name = col(row, "Leistungsbezeichnung", "name") or "Leistung"
        records.append(
            ServiceRecord(
                f"{key_base + i:014d}",
                f"{name} ({i + 1})",
                ozg=[ozg],
                office=office(i),
                relevance=relevance(i),
            )
        )
    return records
