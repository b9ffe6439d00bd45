"""Step 3, what a workshop is: kinds, formats, default agendas, the records (workshop,
participant, agenda entry, decision) and reading them from the project."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ozgdesk.store import queries
from ozgdesk.store.project import Project

KINDS = ("Auftakt", "Folgetermin", "Kreisweit")
FORMATS = ("vor Ort", "Video", "hybrid")
INVITED, ACCEPTED, DECLINED = "eingeladen", "zugesagt", "abgesagt"
INVITATION_STATES = ("", INVITED, ACCEPTED, DECLINED)
GROUPS = (
    "Amt",
    "Verwaltungsspitze",
    "Personalrat",
    "Organisation/IT",
    "IT-Dienstleister",
    "Netzwerk",
    "weitere",
)

VIDEO_MINUTES = 120  # "as a video conference plan two hours"
VIDEO_SETUP_MINUTES = 120  # "half a day including set-up"

DEFAULT_AGENDA = (
    ("Begrüßung durch die Verwaltungsspitze", 10, "Bürgermeister/in"),
    (
        "Einführung in das OZG (OZG 2.0, Einer für Alle, DeutschlandID)",
        20,
        "Kompetenzzentrum / OZG-Koordination",
    ),
    ("Die Leistungen je Amt: erster Überblick", 25, "OZG-Koordination"),
    ("Aufgaben für die Datenlieferung (Schritt 4)", 20, "OZG-Koordination"),
    ("Roadmap: welche Leistungen wann online gehen (Schritt 5)", 20, "OZG-Koordination"),
    ("Offene Diskussion", 15, ""),
    ("Nächste Schritte und Termine", 10, "OZG-Koordination"),
)
# A follow-up (90 minutes): where the tasks of the kick-off stand, the roadmap service by
# service (step 5), what the offices need, next dates.
FOLLOW_UP_AGENDA = (
    ("Begrüßung und Ziel des Termins", 5, "OZG-Koordination"),
    ("Stand der Aufgaben aus dem Auftakt", 15, "OZG-Koordination"),
    ("Stand der Datenlieferung je Amt (Schritt 4)", 15, "Ämter"),
    ("Roadmap: Leistung für Leistung planen – früh dabei oder Status quo (Schritt 5)", 30, "Ämter"),
    ("Voraussetzungen: Fachverfahren, Schnittstellen, Schulung", 15, "IT / IT-Dienstleister"),
    ("Vereinbarungen und nächster Termin", 10, "OZG-Koordination"),
)
# Municipalities of a district together: introductions, what can be shared, who does what.
DISTRICT_AGENDA = (
    ("Begrüßung durch den Kreis", 10, "Kreis"),
    ("Einführung in das OZG (OZG 2.0, Einer für Alle, DeutschlandID)", 20, "Kompetenzzentrum"),
    ("Stand in den Kommunen: kurze Runde", 25, "alle Kommunen"),
    (
        "Gemeinsam nutzen: Einer-für-Alle-Dienste, Formulare, Schulungen",
        25,
        "Kreis / IT-Dienstleister",
    ),
    ("Kreisweites Team: Aufgaben und Treffen", 20, "Kreis"),
    ("Offene Diskussion", 10, ""),
    ("Nächste Schritte und Termine", 10, "Kreis"),
)
AGENDAS = {"Auftakt": DEFAULT_AGENDA, "Folgetermin": FOLLOW_UP_AGENDA, "Kreisweit": DISTRICT_AGENDA}


def default_agenda(kind: str) -> tuple[tuple[str, int, str], ...]:
    """The agenda a new workshop of this kind starts with (title, minutes, responsible)."""
    return AGENDAS.get(kind, DEFAULT_AGENDA)


@dataclass(frozen=True)
class Workshop:
    id: int | None
    title: str
    starts_at: datetime
    ends_at: datetime
    kind: str = "Auftakt"
    setup_minutes: int = 0
    format: str = "Video"
    place: str = ""
    video_link: str = ""
    organiser: str = ""
    organiser_email: str = ""
    deliver_by: date | None = None
    notes: str = ""
    uid: str = ""
    sequence: int = 0
    updated_at: datetime | None = None

    @property
    def location(self) -> str:
        """Place and/or video link, as an invitation names it."""
        parts = [p for p in (self.place, self.video_link) if p]
        return " · ".join(parts) if parts else ("Videokonferenz" if self.format == "Video" else "")

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


@dataclass(frozen=True)
class Participant:
    id: int | None
    workshop_id: int
    name: str
    role: str = ""
    group: str = "weitere"
    email: str = ""
    office_id: int | None = None
    invitation: str = ""
    attended: bool = False
    position: int = 0


@dataclass(frozen=True)
class AgendaEntry:
    id: int | None
    workshop_id: int
    title: str
    minutes: int = 15
    responsible: str = ""
    notes: str = ""
    position: int = 0


@dataclass(frozen=True)
class TimedEntry:
    entry: AgendaEntry
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Decision:
    id: int | None
    workshop_id: int
    text: str
    position: int = 0


@dataclass(frozen=True)
class WorkshopDetail:
    workshop: Workshop
    participants: list[Participant]
    agenda: list[AgendaEntry]
    decisions: list[Decision]

    def timed_agenda(self) -> list[TimedEntry]:
        return timed(self.workshop.starts_at, self.agenda)

    @property
    def agenda_minutes(self) -> int:
        return sum(e.minutes for e in self.agenda)


def timed(start: datetime, agenda: Sequence[AgendaEntry]) -> list[TimedEntry]:
    """Start and end of each agenda item, computed from the workshop's start."""
    result = []
    current = start
    for entry in agenda:
        end = current + timedelta(minutes=max(entry.minutes, 0))
        result.append(TimedEntry(entry, current, end))
        current = end
    return result


# -- reading ------------------------------------------------------------------------------


def _dt(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _d(value: object) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _workshop(r: tuple) -> Workshop:
    return Workshop(
        id=r[0],
        uid=r[1],
        sequence=r[2],
        title=r[3],
        kind=r[4],
        starts_at=_dt(r[5]),
        ends_at=_dt(r[6]),
        setup_minutes=r[7],
        format=r[8],
        place=r[9],
        video_link=r[10],
        organiser=r[11],
        organiser_email=r[12],
        deliver_by=_d(r[13]),
        notes=r[14],
        updated_at=_dt(r[15]),
    )


def workshops(project: Project) -> list[Workshop]:
    with project.reading() as conn:
        return [_workshop(r) for r in queries.workshop_rows(conn)]


def detail(project: Project, workshop_id: int) -> WorkshopDetail | None:
    with project.reading() as conn:
        rows = queries.workshop_rows(conn, workshop_id)
        if not rows:
            return None
        participants = [
            Participant(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9])
            for r in queries.participant_rows(conn, workshop_id)
        ]
        agenda = [
            AgendaEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6])
            for r in queries.agenda_rows(conn, workshop_id)
        ]
        decisions = [
            Decision(r[0], r[1], r[2], r[3]) for r in queries.decision_rows(conn, workshop_id)
        ]
    return WorkshopDetail(_workshop(rows[0]), participants, agenda, decisions)


def next_workshop(project: Project, now: datetime | None = None) -> Workshop | None:
    """The next upcoming workshop, else the latest one (what invitations, the calendar
    file and the handouts refer to by default)."""
    now = now or datetime.now()
    all_workshops = workshops(project)
    upcoming = sorted((w for w in all_workshops if w.ends_at >= now), key=lambda w: w.starts_at)
    if upcoming:
        return upcoming[0]
    past = sorted(all_workshops, key=lambda w: w.starts_at)
    return past[-1] if past else None


def last_held(project: Project, now: datetime | None = None) -> Workshop | None:
    """The most recent workshop that has begun (what the minutes refer to by default);
    without one the coming workshop (its minutes are then still empty)."""
    now = now or datetime.now()
    held = [w for w in workshops(project) if w.starts_at <= now]
    if held:
        return max(held, key=lambda w: w.starts_at)
    return next_workshop(project, now)


def _touch(session, workshop_id: int) -> None:
    """Raise the sequence after a change to the agenda (the invitation text changes)."""
    from ozgdesk.store.models import Workshop as WorkshopRow

    row = session.get(WorkshopRow, workshop_id)
    if row is not None:
        row.sequence += 1
        row.updated_at = datetime.now(UTC)
