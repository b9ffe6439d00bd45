"""Step 4, what a delivery is: the statuses, the fields of a contact point and of a service's
delivery, and the records (unit, person, stored and effective values, a check)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ozgdesk.workflow.problems import ERROR

OPEN, REQUESTED, DELIVERED, ENTERED, CHECKED = (
    "offen",
    "angefragt",
    "geliefert",
    "im Redaktionssystem eingetragen",
    "geprüft",
)
STATUSES = (OPEN, REQUESTED, DELIVERED, ENTERED, CHECKED)
STATUS_DATE = {
    REQUESTED: "requested_on",
    DELIVERED: "delivered_on",
    ENTERED: "entered_on",
    CHECKED: "checked_on",
}

UNIT_FIELDS = (
    "unit_name",
    "street",
    "house_number",
    "postcode",
    "town",
    "phone",
    "fax",
    "email",
    "opening_hours",
)
SERVICE_FIELDS = ("page_url", "online_url", "notes")
LABELS = {
    "unit_name": "Zuständige Stelle",
    "street": "Straße",
    "house_number": "Hausnummer",
    "postcode": "PLZ",
    "town": "Ort",
    "phone": "Telefon",
    "fax": "Fax",
    "email": "E-Mail",
    "opening_hours": "Öffnungszeiten",
    "page_url": "Seite auf der Website",
    "online_url": "Online-Dienst",
    "notes": "Bemerkung",
    "status": "Stand",
    "persons": "Ansprechpersonen",
}
REQUIRED = ("unit_name", "street", "house_number", "postcode", "town")


@dataclass(frozen=True)
class Person:
    id: int | None
    first_name: str = ""
    surname: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""

    @property
    def name(self) -> str:
        return " ".join(x for x in (self.first_name, self.surname) if x)


@dataclass(frozen=True)
class Unit:
    """An office's contact point."""

    office_id: int
    office_name: str
    values: dict[str, str] = field(default_factory=dict)  # UNIT_FIELDS
    persons: tuple[Person, ...] = ()
    updated_at: datetime | None = None

    def get(self, name: str) -> str:
        return self.values.get(name, "")


@dataclass(frozen=True)
class Stored:
    """A service's own delivery data as stored (overrides; empty = inherited)."""

    service_id: int
    unit_office_id: int | None = None
    values: dict[str, str] = field(default_factory=dict)  # UNIT_FIELDS overrides + SERVICE_FIELDS
    status: str = OPEN
    dates: dict[str, date | None] = field(default_factory=dict)
    persons: tuple[Person, ...] = ()
    updated_at: datetime | None = None
    exists: bool = False
    version: int = 0  # the stored version when read (0: nothing stored yet)


@dataclass(frozen=True)
class Check:
    field: str
    level: str  # problems.ERROR or problems.WARNING
    message: str


@dataclass(frozen=True)
class Effective:
    """What the Portalverbund will get for one service, after inheritance."""

    service_id: int
    key: str
    name: str
    relevance: str
    lead_office: str
    unit_office_id: int | None
    unit_office: str
    values: dict[str, str]
    inherited: frozenset[str]  # fields that come from the office's contact point
    persons: tuple[Person, ...]
    persons_inherited: bool
    status: str
    dates: dict[str, date | None]
    stored: Stored
    checks: tuple[Check, ...] = ()

    @property
    def complete(self) -> bool:
        return not any(c.level == ERROR for c in self.checks)

    def get(self, name: str) -> str:
        return self.values.get(name, "")
