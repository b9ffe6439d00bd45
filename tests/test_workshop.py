"""Step 3 workflow: workshops with defaults, agenda times, participants, minutes, tasks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import offices, tasks, workshop
from ozgdesk.workflow.info import project_facts
from ozgdesk.workflow.offices import Contact, Office
from ozgdesk.workflow.steps import StepStatus
from ozgdesk.workflow.workshop import AgendaEntry, Decision


def test_proposal_follows_the_guidance() -> None:
    w = workshop.proposal(today=date(2026, 11, 20))  # a Friday
    assert w.format == "Video" and w.duration_minutes == 120 and w.setup_minutes == 120
    assert w.starts_at.weekday() < 5 and w.starts_at.hour == 10
    assert sum(m for _t, m, _r in workshop.DEFAULT_AGENDA) == 120


def test_new_workshop_gets_default_agenda_and_times(project: Project) -> None:
    w = workshop.proposal()
    workshop_id = workshop.save_workshop(project, w)
    d = workshop.detail(project, workshop_id)
    assert d is not None
    assert [e.title for e in d.agenda][0].startswith("Begrüßung durch die Verwaltungsspitze")
    timed = d.timed_agenda()
    assert timed[0].start == w.starts_at
    assert timed[1].start == w.starts_at + timedelta(minutes=10)
    assert timed[-1].end == w.starts_at + timedelta(minutes=120)
    assert d.workshop.uid.endswith("@ozgdesk") and d.workshop.sequence == 0


def test_every_change_raises_the_sequence(project: Project) -> None:
    workshop_id = workshop.save_workshop(project, workshop.proposal())
    d = workshop.detail(project, workshop_id)
    uid = d.workshop.uid
    workshop.save_workshop(
        project,
        replace(
            d.workshop, place="Ratssaal", format="hybrid", video_link="https://video.example/ozg"
        ),
    )
    d = workshop.detail(project, workshop_id)
    assert (d.workshop.sequence, d.workshop.uid) == (1, uid)
    first = d.agenda[0]
    workshop.move_agenda_entry(project, first, +1)
    d = workshop.detail(project, workshop_id)
    assert d.agenda[1].id == first.id and d.workshop.sequence == 2
    workshop.save_agenda_entry(project, AgendaEntry(None, workshop_id, "Kaffeepause", 15))
    d = workshop.detail(project, workshop_id)
    assert (
        d.agenda[-1].title == "Kaffeepause" and d.agenda_minutes == 135 and d.workshop.sequence == 3
    )


def test_validation(project: Project) -> None:
    w = workshop.proposal()
    with pytest.raises(ValueError, match="Ende"):
        workshop.save_workshop(project, replace(w, ends_at=w.starts_at))
    with pytest.raises(ValueError, match="Ort"):
        workshop.save_workshop(project, replace(w, format="vor Ort", place=""))
    with pytest.raises(ValueError, match="https"):
        workshop.save_workshop(project, replace(w, video_link="video.example"))


def test_participants_from_offices_and_network(project: Project) -> None:
    office = offices.save_office(project, Office(None, "Bauamt"))
    offices.save_contact(
        project, Contact(None, office, "Erika Muster", "Leitung", "e.muster@kommune.de")
    )
    workshop_id = workshop.save_workshop(project, workshop.proposal())
    people = workshop.candidates(project, workshop_id)
    assert (
        people[0].name == "Erika Muster"
        and people[0].group == "Amt"
        and people[0].office_id == office
    )
    assert any(p.group == "Verwaltungsspitze" for p in people)
    added = workshop.add_participants(project, workshop_id, people)
    assert len(added) == len(people)
    assert workshop.add_participants(project, workshop_id, people) == []  # no duplicates
    workshop.set_invitation(project, added[:2], workshop.ACCEPTED)
    workshop.set_attended(project, added[:1], True)
    d = workshop.detail(project, workshop_id)
    assert [p.invitation for p in d.participants[:3]] == ["zugesagt", "zugesagt", ""]
    assert d.participants[0].attended
    text = workshop.invitation_text("Ahaus", d, d.participants[0], office_services=12)
    assert "Guten Tag Erika Muster" in text and "12 relevante Leistungen" in text
    assert "10:00" in text and "Begrüßung" in text
    single = workshop.invitation_text("Ahaus", d, d.participants[0], office_services=1)
    assert "eine relevante Leistung;" in single
    none = workshop.invitation_text("Ahaus", d, d.participants[0], office_services=0)
    assert "0 relevante" not in none and "noch keine Leistung zugeordnet" in none
    facts = project_facts(project)
    assert facts["workshops_total"] == 1 and facts["participants_total"] == len(people)


def test_minutes_tasks_and_status(project: Project) -> None:
    assert workshop.status(project).status is StepStatus.NOT_STARTED
    past = workshop.proposal(today=date.today() - timedelta(days=30))
    workshop_id = workshop.save_workshop(project, past)
    assert workshop.status(project).status is StepStatus.IN_PROGRESS
    workshop.save_decision(
        project,
        Decision(None, workshop_id, "Jedes Amt benennt bis Monatsende zwei Ansprechpersonen."),
    )
    task_id = tasks.save(
        project,
        tasks.Task(
            None,
            "Daten für Bauamt liefern",
            "Erika Muster",
            date.today() + timedelta(days=20),
            step=4,
            workshop_id=workshop_id,
            origin="Workshop",
        ),
    )
    assert workshop.status(project).status is StepStatus.DONE
    assert project_facts(project)["tasks_open"] == 1
    tasks.set_status(project, [task_id], tasks.DONE)
    assert project_facts(project)["tasks_open"] == 0
    with pytest.raises(ValueError):
        tasks.save(project, tasks.Task(None, " "))


def test_step_stays_open_while_a_coming_workshop_asks_to_invite(project: Project) -> None:
    """The demo showed step 3 as done while its start page asked to invite participants."""
    from ozgdesk.workflow import dashboard

    past = workshop.save_workshop(
        project, workshop.proposal(today=date.today() - timedelta(days=30))
    )
    workshop.save_decision(project, Decision(None, past, "Ansprechpersonen benennen."))
    assert workshop.status(project).status is StepStatus.DONE
    coming = workshop.save_workshop(project, workshop.proposal(kind="Folgetermin"))
    assert workshop.status(project).status is StepStatus.IN_PROGRESS  # nobody on the list
    ids = workshop.add_participants(
        project,
        coming,
        [workshop.Participant(None, coming, "Erika Muster", email="e@kommune.example")],
    )
    summary = next(s for s in dashboard.step_summaries(project) if s.number == 3)
    assert "1 Person ist noch nicht eingeladen" in summary.next_action
    assert summary.status is StepStatus.IN_PROGRESS
    workshop.set_invitation(project, ids, workshop.INVITED)
    assert workshop.status(project).status is StepStatus.DONE


def test_next_workshop(project: Project) -> None:
    past = workshop.save_workshop(
        project, workshop.proposal(today=date.today() - timedelta(days=60))
    )
    assert workshop.next_workshop(project).id == past
    upcoming = workshop.save_workshop(project, workshop.proposal(kind="Folgetermin"))
    assert workshop.next_workshop(project).id == upcoming
    assert workshop.next_workshop(project, now=datetime.now() + timedelta(days=400)).id == upcoming


def test_last_held_is_what_the_minutes_refer_to(project: Project) -> None:
    assert workshop.last_held(project) is None
    upcoming = workshop.save_workshop(project, workshop.proposal(kind="Folgetermin"))
    assert workshop.last_held(project).id == upcoming  # nothing held yet: the coming one
    older = workshop.save_workshop(
        project, workshop.proposal(today=date.today() - timedelta(days=90))
    )
    held = workshop.save_workshop(
        project, workshop.proposal(today=date.today() - timedelta(days=30))
    )
    assert workshop.last_held(project).id == held
    assert workshop.next_workshop(project).id == upcoming
    assert workshop.last_held(project, now=datetime.now() - timedelta(days=40)).id == older


@pytest.mark.parametrize(
    ("kind", "agenda"),
    [
        ("Auftakt", workshop.DEFAULT_AGENDA),
        ("Folgetermin", workshop.FOLLOW_UP_AGENDA),
        ("Kreisweit", workshop.DISTRICT_AGENDA),
    ],
)
def test_each_kind_starts_with_its_own_agenda(
    project: Project, kind: str, agenda: tuple[tuple[str, int, str], ...]
) -> None:
    workshop_id = workshop.save_workshop(project, workshop.proposal(kind=kind))
    d = workshop.detail(project, workshop_id)
    assert [(e.title, e.minutes, e.responsible) for e in d.agenda] == list(agenda)
    workshop.delete_agenda_entry(project, d.agenda[0])
    workshop.reset_agenda(project, workshop_id)
    d = workshop.detail(project, workshop_id)
    assert [e.title for e in d.agenda] == [t for t, _m, _r in agenda]


def test_follow_up_agenda_is_not_the_kick_off_and_fits_90_minutes() -> None:
    assert {t for t, _m, _r in workshop.FOLLOW_UP_AGENDA}.isdisjoint(
        t for t, _m, _r in workshop.DEFAULT_AGENDA
    )
    assert sum(m for _t, m, _r in workshop.FOLLOW_UP_AGENDA) == 90
    assert sum(m for _t, m, _r in workshop.DISTRICT_AGENDA) == 120


def test_proposed_deadline_is_a_working_day_after_the_workshop() -> None:
    # 2026-11-13 + 14 days = 27.11.; + 6 weeks = Friday 08.01.2027, a working day
    w = workshop.proposal(today=date(2026, 11, 13))
    assert w.deliver_by == date(2027, 1, 8)
    # 2026-10-30 -> workshop 13.11.2026, + 6 weeks = 25.12.2026 (Christmas): Monday 28.12.
    w = workshop.proposal(today=date(2026, 10, 30))
    assert w.starts_at.date() == date(2026, 11, 13)
    assert w.deliver_by == date(2026, 12, 28)
    assert workshop.deadline_warnings(w) == []


def test_deadline_before_the_workshop_is_warned_not_refused(project: Project) -> None:
    w = workshop.proposal(today=date(2026, 11, 13))
    early = replace(w, deliver_by=w.starts_at.date() - timedelta(days=3))
    (warning,) = [m for m in workshop.deadline_warnings(early) if "vor dem Datum" in m]
    assert "des Workshops" in warning and f"{early.deliver_by:%d.%m.%Y}" in warning
    christmas = replace(w, deliver_by=date(2026, 12, 25))
    assert "Erster Weihnachtstag" in " ".join(workshop.deadline_warnings(christmas))
    workshop_id = workshop.save_workshop(project, early)  # saved all the same
    assert workshop.detail(project, workshop_id).workshop.deliver_by == early.deliver_by


def test_participant_email_is_checked_with_the_validator(project: Project) -> None:
    workshop_id = workshop.save_workshop(project, workshop.proposal())
    for bad in ("jürgen@ahaus.de", "=j.baecker@ahaus.de"):
        with pytest.raises(ValueError):
            workshop.save_participant(
                project, workshop.Participant(None, workshop_id, "Jürgen", email=bad)
            )
    person = workshop.Participant(None, workshop_id, "Jürgen", email="juergen@gemeinde-südlohn.de")
    assert workshop.save_participant(project, person)


def test_invitation_text_follows_the_kind(project: Project) -> None:
    texts = {}
    for kind in workshop.KINDS:
        workshop_id = workshop.save_workshop(project, workshop.proposal(kind=kind))
        d = workshop.detail(project, workshop_id)
        texts[kind] = workshop.invitation_text("Ahaus", d)
    assert "Damit starten wir gemeinsam" in texts["Auftakt"]
    assert (
        "starten" not in texts["Folgetermin"]
        and "nächsten Schritte in Ahaus" in texts["Folgetermin"]
    )
    assert "Stand der Aufgaben aus dem Auftakt" in texts["Folgetermin"]  # its own agenda
    assert "Nachbarkommunen" in texts["Kreisweit"] and "verteilen wir" not in texts["Kreisweit"]
