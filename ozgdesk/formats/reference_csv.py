"""Readers for the built-in reference CSV files in resources/catalogue.

These files are known, clean UTF-8 CSVs with a header row; the general
spreadsheet importer (for the coordinator's own files) is a separate module.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path

from ozgdesk.formats.records import (
    CompetenceEntry,
    ItProvider,
    Municipality,
    OzgRef,
    ServiceRecord,
)
from ozgdesk.textnorm import clean


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), start=2):
            yield number, {k: clean(v) for k, v in row.items() if k is not None}


def _yes(value: str) -> bool:
    return value.strip().casefold() in {"ja", "j", "yes", "x", "1", "true", "wahr"}


def read_catalogue(path: Path) -> list[ServiceRecord]:
    records = []
    for number, row in _rows(path):
        ozg_id = row.get("OZG-ID", "")
        ozg = (
            [
                OzgRef(
                    ozg_id=ozg_id,
                    name=row.get("OZG-Leistung", ""),
                    lebenslage=row.get("Lebenslage", ""),
                    themenfeld=row.get("Themenfeld", ""),
                )
            ]
            if ozg_id
            else []
        )
        records.append(
            ServiceRecord(
                key_raw=row.get("Leistungsschlüssel", ""),
                name=row.get("Leistungsbezeichnung", ""),
                typ=row.get("Typ", ""),
                legal_basis=row.get("Rechtsgrundlage", ""),
                law=row.get("Gesetz", ""),
                law_short=row.get("Gesetz (Kürzel)", ""),
                sdg1=_yes(row.get("SDG 1", "")),
                sdg2=_yes(row.get("SDG 2", "")),
                ozg=ozg,
                row=number,
            )
        )
    return records


def read_ozg_services(path: Path) -> list[OzgRef]:
    return [
        OzgRef(
            ozg_id=row["OZG-ID"],
            name=row.get("OZG-Leistung", ""),
            lebenslage=row.get("Lebenslage", ""),
            themenfeld=row.get("Themenfeld", ""),
        )
        for _number, row in _rows(path)
        if row.get("OZG-ID")
    ]


def read_municipalities(path: Path) -> list[Municipality]:
    return [
        Municipality(
            name=row["Kommune"],
            website=row.get("Website", ""),
            title=row.get("Bezeichnung", ""),
            kind=row.get("Art", ""),
            ags=row.get("AGS", ""),
            ars=row.get("ARS", ""),
            district=row.get("Kreis", ""),
            former_names=tuple(
                n.strip() for n in row.get("Frühere Schreibweise", "").split(";") if n.strip()
            ),
        )
        for _number, row in _rows(path)
        if row.get("Kommune")
    ]


def read_it_providers(path: Path) -> list[ItProvider]:
    return [
        ItProvider(
            name=row["Name"],
            street=row.get("Straße", ""),
            postcode=row.get("PLZ", ""),
            town=row.get("Ort", ""),
            website=row.get("Website", ""),
        )
        for _number, row in _rows(path)
        if row.get("Name")
    ]


def read_standard_offices(path: Path) -> list[str]:
    return [row["Amt"] for _number, row in _rows(path) if row.get("Amt")]


_TITLE_WORDS = ("Gemeinde", "Stadt", "Kreis", "Städteregion", "Hansestadt", "Bundesstadt")


def match_municipality(name: str, entries: Iterable[Municipality]) -> Municipality | None:
    """The entry of the built-in municipality list meant by ``name``: the name itself, a
    spelling of an older list, or the name after its title ("Stadt Ahaus", "Gemeinde Alpen",
    "Kreis Kleve"); case does not matter. ``None`` when nothing matches."""
    wanted = " ".join(name.split()).casefold()
    if not wanted:
        return None
    entries = list(entries)
    for entry in entries:
        if entry.name.casefold() == wanted:
            return entry
    for entry in entries:
        if any(former.casefold() == wanted for former in entry.former_names):
            return entry
    first, _, rest = wanted.partition(" ")
    if rest and first in {w.casefold() for w in _TITLE_WORDS}:
        kreis = first == "kreis"
        for entry in entries:
            if (entry.kind == "kreis") == kreis and entry.name.casefold() in (rest, wanted):
                return entry
        for entry in entries:
            if (entry.kind == "kreis") == kreis and any(
                former.casefold() == rest for former in entry.former_names
            ):
                return entry
    return None


COMPETENCE_KINDS = ("gemeinde", "mittlere_stadt", "grosse_stadt", "kreisfreie_stadt", "kreis")
EXECUTORS = ("Bund", "Land", "Kreis", "Gemeinde", "prüfen")
_RULE_FIELDS = ("typ", "name", "gesetz")


class CompetenceFileError(ValueError):
    """A classification file with a bad cell: German message with file, row and column."""


def _executors(path: Path, number: int, row: dict[str, str]) -> dict[str, str]:
    executors = {}
    for kind in COMPETENCE_KINDS:
        value = row.get(kind, "")
        if value not in EXECUTORS:
            raise CompetenceFileError(
                f"{path.name}, Zeile {number}, Spalte „{kind}“: „{value}“ ist keine "
                f"Zuständigkeit (erlaubt: {', '.join(EXECUTORS)})."
            )
        executors[kind] = value
    return executors


def read_competence_ozg(path: Path) -> list[CompetenceEntry]:
    """The OZG table (zustaendigkeit-ozg.csv): one row per OZG-ID."""
    entries = []
    for number, row in _rows(path):
        if not row.get("OZG-ID"):
            continue
        entries.append(
            CompetenceEntry(
                field="ozg",
                value=row["OZG-ID"],
                executors=_executors(path, number, row),
                reason=row.get("Begründung", ""),
                rule=row.get("Regel", ""),
                row=number,
            )
        )
    return entries


def read_competence_rules(path: Path) -> list[CompetenceEntry]:
    """The rules per LeiKa service (zustaendigkeit-leistungen.csv), in their order."""
    entries = []
    for number, row in _rows(path):
        field = row.get("Merkmal", "")
        if not field:
            continue
        if field not in _RULE_FIELDS:
            raise CompetenceFileError(
                f"{path.name}, Zeile {number}, Spalte „Merkmal“: „{field}“ ist unbekannt "
                f"(erlaubt: {', '.join(_RULE_FIELDS)})."
            )
        entries.append(
            CompetenceEntry(
                field=field,
                value=row.get("Wert", ""),
                executors=_executors(path, number, row),
                reason=row.get("Begründung", ""),
                only_ozg=frozenset(row.get("Nur in OZG-ID", "").split()),
                row=number,
            )
        )
    return entries
