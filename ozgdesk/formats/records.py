"""Plain records that readers produce and the workflow consumes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class OzgRef:
    """An OZG service as a source row names it."""

    ozg_id: str
    name: str = ""
    lebenslage: str = ""
    themenfeld: str = ""


@dataclass(slots=True)
class ServiceRecord:
    """One service as a source row describes it; the key is still unchecked text."""

    key_raw: str
    name: str
    typ: str = ""
    legal_basis: str = ""
    law: str = ""
    law_short: str = ""
    sdg1: bool = False
    sdg2: bool = False
    ozg: list[OzgRef] = field(default_factory=list)
    office: str = ""  # responsible office as the list names it
    contact_person: str = ""
    relevance: str = ""  # "", "relevant", "nicht relevant", "prüfen"
    remark: str = ""
    row: int = 0  # row number in the source file, for messages


@dataclass(frozen=True)
class Municipality:
    """An NRW municipality or district of the built-in list (kommunen-nrw.csv)."""

    name: str
    website: str
    title: str = ""  # "Gemeinde", "Stadt", "Kreis", "Städteregion"
    kind: str = ""  # municipality_type key: "gemeinde" … "kreis"
    ags: str = ""  # Amtlicher Gemeindeschlüssel, 8 digits
    ars: str = ""  # Amtlicher Regionalschlüssel, 12 digits
    district: str = ""  # the Kreis (name) of a kreisangehörige municipality
    former_names: tuple[str, ...] = ()  # spellings of older versions of the list


@dataclass(frozen=True)
class ItProvider:
    name: str
    street: str
    postcode: str
    town: str
    website: str


@dataclass(frozen=True)
class CompetenceEntry:
    """Who executes a service in NRW for each kind of municipality (zustaendigkeit-*.csv).

    ``executors`` maps a municipality_type key ("gemeinde" … "kreis") to "Bund", "Land",
    "Kreis", "Gemeinde" or "prüfen". An OZG row has ``field`` "ozg"; a rule per LeiKa service
    has "typ", "name" (contained in the name) or "gesetz" (one of the law abbreviations),
    optionally only within the OZG services ``only_ozg``."""

    field: str
    value: str
    executors: dict[str, str]
    reason: str
    rule: str = ""  # the row's group in the OZG table (e.g. "BAU")
    only_ozg: frozenset[str] = frozenset()
    row: int = 0  # row in the file, for messages
