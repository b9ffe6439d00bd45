"""Step 3, a workshop's agenda: adding, editing, moving and removing items, and resetting
it to the guidance's default for the workshop's kind. Every change raises the workshop's
``sequence`` (calendar programs update the invitation)."""

from __future__ import annotations

from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.workflow.workshop_model import (
    AgendaEntry,
    _touch,
    default_agenda,
    detail,
)

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
