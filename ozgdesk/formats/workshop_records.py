"""Plain data of the step 3 outputs (calendar file, e-mail drafts, workshop PDFs).

The workflow fills these records; ``ics``, ``eml`` and ``workshop_pdf`` only lay
them out. No reportlab or icalendar here, so the records can be built (and
previewed) without them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ozgdesk.formats.office_records import ContactLine


@dataclass(frozen=True)
class AgendaLine:
    """One agenda item with its computed times (naive local time of the workshop)."""

    start: datetime
    end: datetime
    title: str
    responsible: str = ""
    notes: str = ""


@dataclass(frozen=True)
class WorkshopInfo:
    """A workshop as invitations, calendar entries and the printed papers show it.

    Times are naive local times in Europe/Berlin, as the project stores them.
    """

    municipality: str
    uid: str
    sequence: int
    title: str
    starts_at: datetime
    ends_at: datetime
    when: str  # "Montag, 07.12.2026, 10:00–12:00 Uhr"
    location: str = ""  # place and/or video link, as one line
    place: str = ""
    video_link: str = ""
    organiser: str = ""
    organiser_email: str = ""
    deliver_by: date | None = None
    agenda: Sequence[AgendaLine] = ()
    bring: Sequence[str] = ()  # "Bitte mitbringen" lines
    updated_at: datetime | None = None  # UTC (aware or naive UTC)


@dataclass(frozen=True)
class PersonLine:
    """A participant on the sign-in sheet or in the minutes."""

    name: str
    function: str = ""  # "Sachgebietsleitung, Bauamt"


@dataclass(frozen=True)
class TaskLine:
    """An action item of the minutes."""

    title: str
    owner: str = ""
    due_on: date | None = None
    status: str = ""


@dataclass(frozen=True)
class MinutesData:
    workshop: WorkshopInfo
    present: Sequence[PersonLine]
    excused: Sequence[PersonLine]
    decisions: Sequence[str]
    tasks: Sequence[TaskLine]


@dataclass(frozen=True)
class HandoutService:
    key: str  # 14-digit LeiKa key or ""
    name: str
    also: str = ""  # further Lebenslagen of the service ("auch: …")


@dataclass(frozen=True)
class LebenslageGroup:
    name: str  # "" for services without a Lebenslage
    services: Sequence[HandoutService]


@dataclass(frozen=True)
class Deliverable:
    """One item every service needs in step 4 ("Zuständige Stelle", what it means)."""

    label: str
    explanation: str


@dataclass(frozen=True)
class Handout:
    """What one office takes home from the workshop."""

    office: str
    short_name: str
    contacts: Sequence[ContactLine]
    groups: Sequence[LebenslageGroup]
    deliverables: Sequence[Deliverable]
    deliver_by: date | None  # None: agreed in the workshop
    day: date  # "Stand" of the service list
    delivery_note: str = ""  # how to deliver (e.g. what is given once for all services)

    @property
    def service_count(self) -> int:
        return sum(len(g.services) for g in self.groups)

    @property
    def main_contacts(self) -> tuple[ContactLine, ...]:
        return tuple(c for c in self.contacts if not c.deputy)

    @property
    def deputies(self) -> tuple[ContactLine, ...]:
        return tuple(c for c in self.contacts if c.deputy)
