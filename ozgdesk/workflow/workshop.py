"""Step 3 Workshop: plan the kick-off (and further workshops), invite, agenda, minutes.

Defaults follow the guidance: as a video conference two hours, half a day with
set-up; a high-ranking person opens, an introduction to the OZG follows, then
time to talk and to distribute the tasks of steps 4 and 5. Every change to a
workshop or its agenda raises its ``sequence`` so that calendar programs
update an invitation they already have.

The records and reading are in workshop_model, the agenda in workshop_agenda, the
participants in workshop_participants and the invitation's text in
workshop_invitation_text; their names are importable from here too.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.workflow import workdays
from ozgdesk.workflow.checks import email_problem
from ozgdesk.workflow.steps import StepState, StepStatus
from ozgdesk.workflow.workdays import next_working_day
from ozgdesk.workflow.workshop_agenda import (
    delete_agenda_entry,
    move_agenda_entry,
    reset_agenda,
    save_agenda_entry,
)
from ozgdesk.workflow.workshop_invitation_text import (
    WEEKDAYS,
    german_when,
    invitation_text,
    with_times,
)
from ozgdesk.workflow.workshop_model import (
    ACCEPTED,
    AGENDAS,
    DECLINED,
    DEFAULT_AGENDA,
    DISTRICT_AGENDA,
    FOLLOW_UP_AGENDA,
    FORMATS,
    GROUPS,
    INVITATION_STATES,
    INVITED,
    KINDS,
    VIDEO_MINUTES,
    VIDEO_SETUP_MINUTES,
    AgendaEntry,
    Decision,
    Participant,
    TimedEntry,
    Workshop,
    WorkshopDetail,
    default_agenda,
    detail,
    last_held,
    next_workshop,
    timed,
    workshops,
)
from ozgdesk.workflow.workshop_participants import (
    add_participants,
    candidates,
    remove_participants,
    save_participant,
    set_attended,
    set_invitation,
)

__all__ = [
    "ACCEPTED",
    "AGENDAS",
    "AgendaEntry",
    "DECLINED",
    "DEFAULT_AGENDA",
    "DISTRICT_AGENDA",
    "Decision",
    "FOLLOW_UP_AGENDA",
    "FORMATS",
    "GROUPS",
    "INVITATION_STATES",
    "INVITED",
    "KINDS",
    "Participant",
    "TimedEntry",
    "VIDEO_MINUTES",
    "VIDEO_SETUP_MINUTES",
    "WEEKDAYS",
    "Workshop",
    "WorkshopDetail",
    "add_participants",
    "candidates",
    "deadline_warnings",
    "default_agenda",
    "delete_agenda_entry",
    "delete_decision",
    "delete_workshop",
    "detail",
    "german_when",
    "invitation_text",
    "last_held",
    "move_agenda_entry",
    "next_workshop",
    "problems",
    "proposal",
    "remove_participants",
    "reset_agenda",
    "save_agenda_entry",
    "save_decision",
    "save_participant",
    "save_workshop",
    "set_attended",
    "set_invitation",
    "status",
    "timed",
    "with_times",
    "workshops",
]


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


def delete_workshop(project: Project, workshop_id: int) -> None:
    from ozgdesk.store.models import Workshop as WorkshopRow

    with project.session() as session:
        row = session.get(WorkshopRow, workshop_id)
        if row is not None:
            session.delete(row)


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
