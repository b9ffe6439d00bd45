"""Step 3 Workshop: plan the kick-off (and further workshops), invite, agenda, minutes.

Defaults follow the guidance: as a video conference two hours, half a day with
set-up; a high-ranking person opens, an introduction to the OZG follows, then
time to talk and to distribute the tasks of steps 4 and 5. Every change to a
workshop or its agenda raises its ``sequence`` so that calendar programs
update an invitation they already have.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta

from ozgdesk.store import queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.workflow import workdays
from ozgdesk.workflow.checks import email_problem
from ozgdesk.workflow.steps import StepState, StepStatus
from ozgdesk.workflow.workdays import next_working_day

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


def status(project: Project) -> StepState:
    """Not started without a workshop; done once a kick-off has taken place and its
    minutes (decisions or tasks) are recorded – unless a coming workshop still has nobody
    on its list or people not yet invited (then the start page asks to invite them)."""
    from ozgdesk.workflow import tasks

    all_workshops = workshops(project)
    if not all_workshops:
        return StepState(StepStatus.NOT_STARTED, {"workshops": 0})
    now = datetime.now()
    open_tasks = [t for t in tasks.tasks(project) if t.workshop_id is not None and t.open]
    state = {"workshops": len(all_workshops), "tasks_open": len(open_tasks)}
    for w in all_workshops:  # a coming workshop still to be invited keeps the step open
        if w.ends_at >= now and w.id is not None:
            d = detail(project, w.id)
            if d is not None and (
                not d.participants or any(not p.invitation for p in d.participants)
            ):
                return StepState(StepStatus.IN_PROGRESS, state)
    for w in all_workshops:
        if w.kind == "Auftakt" and w.ends_at < now and w.id is not None:
            d = detail(project, w.id)
            has_minutes = bool(d and d.decisions) or any(
                t.workshop_id == w.id for t in tasks.tasks(project)
            )
            if has_minutes:
                return StepState(
                    StepStatus.DONE,
                    {"workshops": len(all_workshops), "tasks_open": len(open_tasks)},
                )
    return StepState(
        StepStatus.IN_PROGRESS, {"workshops": len(all_workshops), "tasks_open": len(open_tasks)}
    )


# -- workshops -----------------------------------------------------------------------------


def proposal(kind: str = "Auftakt", today: date | None = None) -> Workshop:
    """A new workshop as the guidance suggests: a video conference of two hours in two
    weeks, 10:00, with half a day blocked including set-up."""
    day = (today or date.today()) + timedelta(days=14)
    while day.weekday() >= 5:  # not on a weekend
        day += timedelta(days=1)
    start = datetime.combine(day, time(10, 0))
    titles = {
        "Auftakt": "Auftakt-Workshop OZG",
        "Folgetermin": "OZG-Folgetermin",
        "Kreisweit": "Kreisweiter OZG-Workshop",
    }
    return Workshop(
        id=None,
        title=titles.get(kind, "OZG-Workshop"),
        kind=kind,
        starts_at=start,
        ends_at=start + timedelta(minutes=VIDEO_MINUTES),
        setup_minutes=VIDEO_SETUP_MINUTES,
        format="Video",
        deliver_by=next_working_day(day + timedelta(weeks=6)),
    )


def problems(workshop: Workshop) -> list[str]:
    messages = []
    if not clean(workshop.title):
        messages.append("Bitte geben Sie einen Titel an.")
    if workshop.ends_at <= workshop.starts_at:
        messages.append("Das Ende muss nach dem Beginn liegen.")
    if workshop.kind not in KINDS:
        messages.append(f"Unbekannte Art „{workshop.kind}“.")
    if workshop.format not in FORMATS:
        messages.append(f"Unbekanntes Format „{workshop.format}“.")
    if (
        workshop.format in ("Video", "hybrid")
        and workshop.video_link
        and not workshop.video_link.startswith(("http://", "https://"))
    ):
        messages.append("Der Videolink muss mit https:// beginnen.")
    if workshop.format in ("vor Ort", "hybrid") and not clean(workshop.place):
        messages.append("Bitte geben Sie den Ort an (Raum, Adresse).")
    if message := email_problem(workshop.organiser_email):
        messages.append(message)
    if workshop.setup_minutes < 0:
        messages.append("Die Vorbereitungszeit kann nicht negativ sein.")
    return messages


def deadline_warnings(workshop: Workshop) -> list[str]:
    """Warnings about the delivery deadline (before the workshop, weekend, holiday); the
    workshop is saved all the same – the caller shows them."""
    return workdays.deadline_warnings(
        workshop.deliver_by, workshop.starts_at.date(), paper="Workshop"
    )


def save_workshop(project: Project, workshop: Workshop, with_default_agenda: bool = True) -> int:
    """Add or change a workshop; a change raises the sequence. New workshops get the
    default agenda of their kind."""
    from ozgdesk.store.models import AgendaItem
    from ozgdesk.store.models import Workshop as WorkshopRow

    found = problems(workshop)
    if found:
        raise ValueError(" ".join(found))
    now = datetime.now(UTC)
    with project.session() as session:
        row = session.get(WorkshopRow, workshop.id) if workshop.id else None
        if row is None:
            row = WorkshopRow(
                uid=workshop.uid or f"{uuid.uuid4()}@ozgdesk",
                title=workshop.title,
                starts_at=workshop.starts_at,
                ends_at=workshop.ends_at,
                created_at=now,
                updated_at=now,
                sequence=0,
            )
            session.add(row)
            session.flush()
            assert row.id is not None  # given by the flush
            if with_default_agenda:
                agenda = default_agenda(workshop.kind)
                for position, (title, minutes, responsible) in enumerate(agenda, start=1):
                    session.add(
                        AgendaItem(
                            workshop_id=row.id,
                            position=position,
                            title=title,
                            minutes=minutes,
                            responsible=responsible,
                        )
                    )
        else:
            row.sequence += 1
        row.title, row.kind = clean(workshop.title), workshop.kind
        row.starts_at, row.ends_at, row.setup_minutes = (
            workshop.starts_at,
            workshop.ends_at,
            workshop.setup_minutes,
        )
        row.format, row.place, row.video_link = (
            workshop.format,
            clean(workshop.place),
            workshop.video_link.strip(),
        )
        row.organiser, row.organiser_email = (
            clean(workshop.organiser),
            workshop.organiser_email.strip(),
        )
        row.deliver_by, row.notes, row.updated_at = workshop.deliver_by, workshop.notes.strip(), now
        session.flush()
        assert row.id is not None
        return row.id


def _touch(session, workshop_id: int) -> None:
    """Raise the sequence after a change to the agenda (the invitation text changes)."""
    from ozgdesk.store.models import Workshop as WorkshopRow

    row = session.get(WorkshopRow, workshop_id)
    if row is not None:
        row.sequence += 1
        row.updated_at = datetime.now(UTC)


def delete_workshop(project: Project, workshop_id: int) -> None:
    from ozgdesk.store.models import Workshop as WorkshopRow

    with project.session() as session:
        row = session.get(WorkshopRow, workshop_id)
        if row is not None:
            session.delete(row)


# -- agenda --------------------------------------------------------------------------------


def save_agenda_entry(project: Project, entry: AgendaEntry) -> int:
    from ozgdesk.store.models import AgendaItem

    if not clean(entry.title):
        raise ValueError("Bitte geben Sie einen Titel für den Tagesordnungspunkt an.")
    if not 0 < entry.minutes <= 600:
        raise ValueError("Die Dauer muss zwischen 1 und 600 Minuten liegen.")
    with project.session() as session:
        row = session.get(AgendaItem, entry.id) if entry.id else None
        if row is None:
            existing = detail(project, entry.workshop_id)
            position = 1 + max((e.position for e in existing.agenda), default=0) if existing else 1
            row = AgendaItem(
                workshop_id=entry.workshop_id, title=clean(entry.title), position=position
            )
            session.add(row)
        row.title, row.minutes = clean(entry.title), entry.minutes
        row.responsible, row.notes = clean(entry.responsible), entry.notes.strip()
        _touch(session, entry.workshop_id)
        session.flush()
        assert row.id is not None
        return row.id


def delete_agenda_entry(project: Project, entry: AgendaEntry) -> None:
    from ozgdesk.store.models import AgendaItem

    with project.session() as session:
        row = session.get(AgendaItem, entry.id)
        if row is not None:
            session.delete(row)
            _touch(session, entry.workshop_id)


def move_agenda_entry(project: Project, entry: AgendaEntry, step: int) -> None:
    """Move an item up (step -1) or down (+1)."""
    from ozgdesk.store.models import AgendaItem

    current = detail(project, entry.workshop_id)
    if current is None:
        return
    order = [e.id for e in current.agenda]
    if entry.id not in order:
        return
    index = order.index(entry.id)
    target = index + step
    if not 0 <= target < len(order):
        return
    order[index], order[target] = order[target], order[index]
    with project.session() as session:
        for position, item_id in enumerate(order, start=1):
            row = session.get(AgendaItem, item_id)
            if row is not None:
                row.position = position
        _touch(session, entry.workshop_id)


def reset_agenda(project: Project, workshop_id: int) -> None:
    """Replace the agenda with the default of the workshop's kind from the guidance."""
    from sqlalchemy import delete

    from ozgdesk.store.models import AgendaItem
    from ozgdesk.store.models import Workshop as WorkshopRow

    with project.session() as session:
        row = session.get(WorkshopRow, workshop_id)
        agenda = default_agenda(row.kind if row is not None else "Auftakt")
        session.execute(delete(AgendaItem).where(col(AgendaItem.workshop_id) == workshop_id))
        for position, (title, minutes, responsible) in enumerate(agenda, start=1):
            session.add(
                AgendaItem(
                    workshop_id=workshop_id,
                    position=position,
                    title=title,
                    minutes=minutes,
                    responsible=responsible,
                )
            )
        _touch(session, workshop_id)


# -- participants -----------------------------------------------------------------------------


def candidates(project: Project, workshop_id: int = 0) -> list[Participant]:
    """People to invite: office contacts, the network (IT service provider first), and
    the usual roles of the house, which the coordinator completes with names."""
    from ozgdesk.workflow import network, offices

    people: list[Participant] = []
    for office in offices.offices(project):
        for contact in office.contacts:
            role = f"{contact.function}, {office.name}" if contact.function else office.name
            people.append(
                Participant(None, workshop_id, contact.name, role, "Amt", contact.email, office.id)
            )
    for peer in network.contacts(project):
        group = "IT-Dienstleister" if peer.kind == network.IT_PROVIDER else "Netzwerk"
        name = peer.person or peer.organisation
        role = ", ".join(x for x in (peer.role, peer.organisation if peer.person else "") if x)
        people.append(Participant(None, workshop_id, name, role, group, peer.email))
    for name, group in (
        ("Bürgermeister/in", "Verwaltungsspitze"),
        ("Personalrat (Vorsitz)", "Personalrat"),
        ("Organisation", "Organisation/IT"),
        ("IT", "Organisation/IT"),
        ("Presse- und Öffentlichkeitsarbeit", "weitere"),
    ):
        people.append(Participant(None, workshop_id, name, "", group))
    return people


def add_participants(
    project: Project, workshop_id: int, people: Iterable[Participant]
) -> list[int]:
    """Add people; someone already on the list (same name and e-mail) is skipped."""
    from ozgdesk.store.models import WorkshopParticipant

    current = detail(project, workshop_id)
    if current is None:
        raise ValueError("Den Workshop gibt es nicht (mehr).")
    known = {(p.name.casefold(), p.email.casefold()) for p in current.participants}
    position = max((p.position for p in current.participants), default=0)
    added = []
    with project.session() as session:
        for person in people:
            key = (clean(person.name).casefold(), person.email.strip().casefold())
            if not key[0] or key in known:
                continue
            known.add(key)
            position += 1
            row = WorkshopParticipant(
                workshop_id=workshop_id,
                position=position,
                name=clean(person.name),
                role=clean(person.role),
                group=person.group if person.group in GROUPS else "weitere",
                email=person.email.strip(),
                office_id=person.office_id,
                invitation=person.invitation,
                attended=person.attended,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            added.append(row.id)
    return added


def save_participant(project: Project, person: Participant) -> int:
    from ozgdesk.store.models import WorkshopParticipant

    if not clean(person.name):
        raise ValueError("Bitte geben Sie einen Namen an.")
    if message := email_problem(person.email):
        raise ValueError(message)
    if person.invitation not in INVITATION_STATES:
        raise ValueError(f"Unbekannter Stand der Einladung „{person.invitation}“.")
    if person.id is None:
        return add_participants(project, person.workshop_id, [person])[0]
    with project.session() as session:
        row = session.get(WorkshopParticipant, person.id)
        if row is None:
            raise ValueError("Die Person steht nicht (mehr) auf der Liste.")
        row.name, row.role, row.group = clean(person.name), clean(person.role), person.group
        row.email, row.office_id = person.email.strip(), person.office_id
        row.invitation, row.attended = person.invitation, person.attended
        return person.id


def set_invitation(project: Project, ids: Sequence[int], state: str) -> None:
    from sqlalchemy import update

    from ozgdesk.store.models import WorkshopParticipant

    if state not in INVITATION_STATES:
        raise ValueError(f"Unbekannter Stand der Einladung „{state}“.")
    with project.session() as session:
        session.execute(
            update(WorkshopParticipant)
            .where(col(WorkshopParticipant.id).in_(list(ids)))
            .values(invitation=state)
        )


def set_attended(project: Project, ids: Sequence[int], attended: bool) -> None:
    from sqlalchemy import update

    from ozgdesk.store.models import WorkshopParticipant

    with project.session() as session:
        session.execute(
            update(WorkshopParticipant)
            .where(col(WorkshopParticipant.id).in_(list(ids)))
            .values(attended=attended)
        )


def remove_participants(project: Project, ids: Sequence[int]) -> None:
    from sqlalchemy import delete

    from ozgdesk.store.models import WorkshopParticipant

    with project.session() as session:
        session.execute(
            delete(WorkshopParticipant).where(col(WorkshopParticipant.id).in_(list(ids)))
        )


# -- minutes ------------------------------------------------------------------------------


def save_decision(project: Project, decision: Decision) -> int:
    from ozgdesk.store.models import WorkshopDecision

    if not decision.text.strip():
        raise ValueError("Bitte geben Sie den Beschluss ein.")
    with project.session() as session:
        row = session.get(WorkshopDecision, decision.id) if decision.id else None
        if row is None:
            current = detail(project, decision.workshop_id)
            position = 1 + max((d.position for d in current.decisions), default=0) if current else 1
            row = WorkshopDecision(
                workshop_id=decision.workshop_id, position=position, text=decision.text.strip()
            )
            session.add(row)
        row.text = decision.text.strip()
        session.flush()
        assert row.id is not None
        return row.id


def delete_decision(project: Project, decision_id: int) -> None:
    from ozgdesk.store.models import WorkshopDecision

    with project.session() as session:
        row = session.get(WorkshopDecision, decision_id)
        if row is not None:
            session.delete(row)


# -- invitation text ----------------------------------------------------------------------------


# What the invitation says about the workshop, per kind (the rest of the text is shared).
_INTRO = {
    "Auftakt": "Damit starten wir gemeinsam die Umsetzung des Onlinezugangsgesetzes (OZG)",
    "Folgetermin": "Wir besprechen, wie weit die Umsetzung des Onlinezugangsgesetzes (OZG) "
    "ist, und planen die nächsten Schritte",
    "Kreisweit": "Gemeinsam mit den Nachbarkommunen im Kreis stimmen wir die Umsetzung des "
    "Onlinezugangsgesetzes (OZG) ab – für die Verwaltung",
}
_PURPOSE = {
    "Auftakt": "Im Workshop verteilen wir die Aufgaben für die Datenlieferung an das Portal "
    "und planen, welche Leistungen wann online gehen.",
    "Folgetermin": "Wir sehen uns an, was aus den Aufgaben des Auftakts geworden ist, und "
    "planen Leistung für Leistung, wann welcher Online-Dienst angebunden wird.",
    "Kreisweit": "Wir klären, was die Kommunen gemeinsam nutzen können (Einer-für-Alle-"
    "Dienste, Formulare, Schulungen), und wer im kreisweiten Team welche Aufgabe übernimmt.",
}
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def german_when(workshop: Workshop) -> str:
    day = workshop.starts_at
    return f"{WEEKDAYS[day.weekday()]}, {day:%d.%m.%Y}, {day:%H:%M}–{workshop.ends_at:%H:%M} Uhr"


def invitation_text(
    municipality: str,
    detail_: WorkshopDetail,
    person: Participant | None = None,
    office_services: int = 0,
) -> str:
    """The invitation as plain text (to copy into an e-mail or to put in an .eml draft)."""
    w = detail_.workshop
    from ozgdesk.wording import in_municipality, salutation

    greeting = salutation(person.name) if person else "Guten Tag,"
    lines = [
        greeting,
        "",
        f"hiermit lade ich Sie herzlich zum {w.title} ein. {_INTRO.get(w.kind, _INTRO['Auftakt'])} "
        f"{in_municipality(municipality)}.",
        "",
        f"Wann: {german_when(w)}",
    ]
    if w.format == "Video":
        lines.append(
            f"Wo: Videokonferenz{': ' + w.video_link if w.video_link else ' (der Link folgt)'}"
        )
    elif w.format == "hybrid":
        lines.append(
            f"Wo: {w.place or 'Ort folgt'} oder per Video{': ' + w.video_link if w.video_link else ''}"
        )
    else:
        lines.append(f"Wo: {w.place or 'Ort folgt'}")
    lines += ["", "Tagesordnung:"]
    for item in detail_.timed_agenda():
        who = f" ({item.entry.responsible})" if item.entry.responsible else ""
        lines.append(f"  {item.start:%H:%M}  {item.entry.title}{who}")
    lines += ["", "Bitte mitbringen:"]
    if person is not None and person.office_id is not None and office_services:
        from ozgdesk.wording import plural

        count = (
            "eine relevante Leistung"
            if office_services == 1
            else plural(office_services, "relevante Leistung", "relevante Leistungen")
        )
        lines.append(
            f"  die Liste der Leistungen Ihres Amts ({count}; sie liegt bei), "
            "mit Ihren Anmerkungen: Was fehlt, was gehört zu einem anderen Amt?"
        )
    elif person is not None and person.office_id is not None:
        lines.append(
            "  Ihre Einschätzung, welche Leistungen Ihres Amts online angeboten werden "
            "sollten – bisher ist Ihrem Amt noch keine Leistung zugeordnet."
        )
    else:
        lines.append(
            "  Ihre Fragen und Erfahrungen zur Digitalisierung unserer Verwaltungsleistungen."
        )
    lines += [
        "",
        _PURPOSE.get(w.kind, _PURPOSE["Auftakt"]),
        "",
        "Bitte sagen Sie kurz zu oder ab.",
        "",
        "Mit freundlichen Grüßen",
        w.organiser or "Ihre OZG-Koordination",
    ]
    if w.organiser_email:
        lines.append(w.organiser_email)
    return "\n".join(lines)


def with_times(workshop: Workshop, start: datetime, minutes: int) -> Workshop:
    return replace(workshop, starts_at=start, ends_at=start + timedelta(minutes=minutes))
