"""The start page: the five steps with their status and the next sensible action,
the open tasks across steps, and the next dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ozgdesk.store.project import Project
from ozgdesk.wording import plural
from ozgdesk.workflow.steps import STEPS, StepStatus, step_states


@dataclass(frozen=True)
class StepSummary:
    number: int
    key: str
    title: str
    status: StepStatus
    next_action: str


@dataclass(frozen=True)
class OpenItem:
    """An open task or communication item."""

    title: str
    owner: str
    due_on: date | None
    step: int
    origin: str

    def overdue(self, today: date | None = None) -> bool:
        return self.due_on is not None and self.due_on < (today or date.today())


@dataclass(frozen=True)
class Appointment:
    day: date
    text: str
    step: int


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def step_summaries(project: Project) -> list[StepSummary]:
    states = step_states(project)
    actions = {
        "overview": _overview_action(project, states["overview"].counts),
        "assignment": _assignment_action(project),
        "workshop": _workshop_action(project),
        "delivery": _delivery_action(project, states["delivery"].counts),
        "roadmap": _roadmap_action(project, states["roadmap"].counts),
    }
    return [
        StepSummary(s.number, s.key, s.title, states[s.key].status, actions[s.key]) for s in STEPS
    ]


def _are(count: int, singular: str, plural_form: str) -> str:
    """ "1 Leistung ist", "3 Leistungen sind"."""
    return f"{plural(count, singular, plural_form)} {'ist' if count == 1 else 'sind'}"


def _overview_action(project: Project, counts: dict[str, int]) -> str:
    if not counts.get("services_total"):
        return "Laden oder importieren Sie die Leistungsliste."
    if counts.get("open"):
        return (
            f"{_are(counts['open'], 'Leistung', 'Leistungen')} noch nicht entschieden "
            "(relevant oder nicht relevant)."
        )
    return "Alle Leistungen sind entschieden."


def _assignment_action(project: Project) -> str:
    from ozgdesk.workflow import assignment, briefings, offices

    all_offices = offices.offices(project)
    numbers = assignment.counters(project)
    if not all_offices:
        return "Legen Sie die Ämter Ihrer Verwaltung an (z. B. aus einer Vorlage)."
    if numbers.relevant_unassigned:
        return (
            f"{_are(numbers.relevant_unassigned, 'relevante Leistung', 'relevante Leistungen')} "
            "noch keinem Amt zugeordnet."
        )
    without = [o for o in all_offices if o.relevant_services and not o.main_contacts]
    if without:
        verb = "hat" if len(without) == 1 else "haben"
        return f"{plural(len(without), 'Amt', 'Ämter')} {verb} noch keine OZG-Ansprechperson."
    if not briefings.leadership_briefed(project):
        return "Informieren Sie die Verwaltungsspitze (Information als PDF in Schritt 2)."
    return "Zuordnung steht; die Ansprechpersonen sind benannt."


def _workshop_action(project: Project) -> str:
    from ozgdesk.workflow import workshop

    upcoming = workshop.next_workshop(project)
    if upcoming is None:
        return "Planen Sie den Auftakt-Workshop mit allen Ansprechpersonen."
    detail = workshop.detail(project, upcoming.id) if upcoming.id is not None else None
    if upcoming.ends_at >= datetime.now() and detail is not None:
        not_invited = sum(1 for p in detail.participants if not p.invitation)
        if not detail.participants:
            return f"Laden Sie zum Workshop am {upcoming.starts_at:%d.%m.%Y} ein (noch keine Teilnehmenden)."
        if not_invited:
            return (
                f"Workshop am {upcoming.starts_at:%d.%m.%Y}: "
                f"{_are(not_invited, 'Person', 'Personen')} noch nicht eingeladen."
            )
        return f"Workshop am {upcoming.starts_at:%d.%m.%Y}: Unterlagen drucken und vorbereiten."
    if detail is not None and not detail.decisions:
        return "Halten Sie Beschlüsse und Aufgaben des Workshops im Protokoll fest."
    return "Verfolgen Sie die Aufgaben aus dem Workshop."


def _delivery_action(project: Project, counts: dict[str, int]) -> str:
    from ozgdesk.workflow import tech

    prerequisite = tech.get(project)
    total, complete = counts.get("delivery_total", 0), counts.get("delivery_complete", 0)
    if prerequisite.blocks_delivery:
        return "Klären Sie mit dem IT-Dienstleister die Schnittstelle der Website zum Portalverbund (XZuFi)."
    if not total:
        return "Entscheiden Sie zuerst, welche Leistungen relevant sind (Schritt 1)."
    if complete < total:
        return (
            f"Bei {_n(total - complete)} von {_n(total)} relevanten Leistungen fehlen noch Angaben."
        )
    return "Alle Angaben sind vollständig; tragen Sie sie ins Redaktionssystem ein."


def _roadmap_action(project: Project, counts: dict[str, int]) -> str:
    from ozgdesk.workflow import communication, roadmap

    relevant, planned = counts.get("relevant", 0), counts.get("services_planned", 0)
    if relevant and planned < relevant:
        return (
            f"{_are(relevant - planned, 'relevante Leistung', 'relevante Leistungen')} "
            "noch nicht eingeplant."
        )
    warnings = roadmap.capacity_warnings(project)
    if warnings:
        return (
            f"In {plural(len(warnings), 'Quartal', 'Quartalen')} ist mehr geplant, "
            "als die Ämter schaffen."
        )
    if not communication.items(project):
        return "Erzeugen Sie den Kommunikationsplan aus dem Starttermin."
    return "Berichten Sie dem Rat (Bericht als PDF in Schritt 5)."


def open_items(project: Project, limit: int = 50) -> list[OpenItem]:
    """Open tasks and communication items across all steps, earliest due first."""
    from ozgdesk.workflow import communication, tasks

    found = [
        OpenItem(t.title, t.owner, t.due_on, t.step, t.origin or "Aufgabe")
        for t in tasks.tasks(project, open_only=True)
    ]
    found += [
        OpenItem(i.title, i.owner, i.due_on, 5, f"Kommunikation ({i.audience})")
        for i in communication.items(project)
        if not i.done
    ]
    found.sort(key=lambda i: (i.due_on is None, i.due_on or date.max, i.title))
    return found[:limit]


def next_dates(project: Project, days: int = 90, today: date | None = None) -> list[Appointment]:
    """Workshops, milestones and due items in the coming ``days``."""
    from ozgdesk.workflow import communication, roadmap, tasks, workshop

    today = today or date.today()
    until = today + timedelta(days=days)
    found = [
        Appointment(w.starts_at.date(), f"{w.title} ({w.starts_at:%H:%M} Uhr, {w.format})", 3)
        for w in workshop.workshops(project)
        if today <= w.starts_at.date() <= until
    ]
    found += [
        Appointment(m.due_on, f"Meilenstein: {m.title}", 5)
        for m in roadmap.milestones(project)
        if not m.done and today <= m.due_on <= until
    ]
    found += [
        Appointment(i.due_on, f"{i.audience}: {i.title}", 5)
        for i in communication.items(project)
        if not i.done and today <= i.due_on <= until
    ]
    found += [
        Appointment(t.due_on, f"Frist: {t.title}", t.step)
        for t in tasks.tasks(project, open_only=True)
        if t.due_on is not None and today <= t.due_on <= until
    ]
    return sorted(found, key=lambda a: (a.day, a.step))
