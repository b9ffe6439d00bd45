"""Plain data rows that queries return and every layer may pass around.

No SQL and no database access here: the UI may import these types.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ServiceRow:
    id: int
    key: str
    key_raw: str
    key_problem: str
    name: str
    typ: str
    sdg1: bool
    sdg2: bool
    ozg: str  # "10000 Elterngeld; 10001 ..." (a service may belong to several)
    lebenslage: str  # distinct names joined by ", "
    themenfeld: str
    relevance: str = ""  # "", "relevant", "nicht relevant", "prüfen"
    relevance_reason: str = ""
    office: str = ""  # lead office name
    remark: str = ""
    missing: bool = False  # a list it came from no longer has it
    retired: bool = False  # "entfallen": a newer catalogue release no longer has it
    version: int = 1  # the stored version when read (a concurrent change is found by it)


@dataclass(frozen=True)
class ServiceDetail:
    row: ServiceRow
    legal_basis: str
    law: str
    law_short: str
    origin: str
    ozg_services: list[tuple[str, str, str, str]]  # ozg_id, name, lebenslage, themenfeld
    contact_person: str = ""
    sources: list[tuple[str, bool]] | None = None  # (list label, missing from its last import)


@dataclass(frozen=True)
class ProjectSummary:
    municipality: str
    website: str
    created_at: str
    catalogue_source: str


@dataclass(frozen=True)
class ProjectIdentity:
    """The municipality's identity: name, kind, title, official keys, district."""

    municipality: str
    municipality_type: str
    municipality_title: str
    ags: str
    ars: str
    district: str


@dataclass(frozen=True)
class ServiceCounts:
    total: int
    with_key: int
    without_key: int
    ozg_services: int
