"""Plain data of the step 4 outputs (delivery list, checklists per office; the contact
point also in the XZuFi file, see ``xzufi_records``).

The workflow fills these records – it decides which services are listed, which
contact point a service gets and whether personal names are included; the
writers in ``delivery_list``, ``xzufi`` and ``delivery_checklist_pdf`` only lay
them out. No openpyxl, lxml or reportlab here, so the records can be built (and
previewed) without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class PersonLine:
    """A contact person of a contact point."""

    first_name: str = ""
    surname: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""  # consultation hours

    @property
    def name(self) -> str:
        return " ".join(x for x in (self.first_name, self.surname) if x)


@dataclass(frozen=True)
class ContactPoint:
    """A responsible unit (Organisationseinheit) with its contact data; "" = not known."""

    name: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    town: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    opening_hours: str = ""
    persons: tuple[PersonLine, ...] = ()

    @property
    def street_line(self) -> str:
        """ "Rathausplatz 1" """
        return " ".join(x for x in (self.street, self.house_number) if x)

    @property
    def town_line(self) -> str:
        """ "48683 Ahaus" """
        return " ".join(x for x in (self.postcode, self.town) if x)

    @property
    def address(self) -> str:
        """ "Rathausplatz 1, 48683 Ahaus" """
        return ", ".join(x for x in (self.street_line, self.town_line) if x)


@dataclass(frozen=True)
class DeliveryLine:
    """One relevant service with its delivery data after inheritance."""

    key: str  # 14-digit LeiKa key or ""
    name: str
    office: str  # the responsible office ("" if none)
    point: ContactPoint  # the contact point the service gets (its own values win)
    page_url: str = ""
    online_url: str = ""
    notes: str = ""
    status: str = ""
    status_date: date | None = None  # when the current status was reached
    complete: bool = False
    problems: tuple[str, ...] = ()  # what is missing or wrong (errors)
    hints: tuple[str, ...] = ()  # what should be checked (warnings)
    # the contact point values the service sets itself: (label, value), value may be ""
    own_values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DeliveryList:
    """The list for entering the data into the website's editorial system."""

    municipality: str
    created: datetime
    lines: Sequence[DeliveryLine]
    include_names: bool = True  # False: no contact persons at all
    project_file: str = ""

    @property
    def complete(self) -> int:
        return sum(line.complete for line in self.lines)


@dataclass(frozen=True)
class ChecklistLine:
    """A service on an office's checklist."""

    line: DeliveryLine
    problems: tuple[str, ...]  # the service's problems, without those of the contact point
    point_problems: bool = False  # the contact point's problems apply to it too


@dataclass(frozen=True)
class OfficeChecklist:
    """An office's contact point and the services it is responsible for, with what is missing."""

    municipality: str
    day: date
    office: str
    point: ContactPoint  # the office's contact point as entered
    point_problems: tuple[str, ...]  # what is missing or wrong there
    # ContactPoint attribute names ("name", "street", …, "persons") the problems concern
    point_flagged: frozenset[str] = frozenset()
    services: tuple[ChecklistLine, ...] = ()
    entered: int = 0  # services entered in the editorial system (or checked there)
    include_names: bool = True

    @property
    def complete(self) -> int:
        return sum(s.line.complete for s in self.services)

    @property
    def percent(self) -> int:
        total = len(self.services)
        return round(100 * self.complete / total) if total else 100
