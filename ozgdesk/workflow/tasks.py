"""The task list across all steps: action items from workshops, communication items and
anything the coordinator notes down. Open tasks show on the start page and in step 3."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ozgdesk.store import queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean

OPEN, IN_PROGRESS, DONE = "offen", "in Arbeit", "erledigt"
STATES = (OPEN, IN_PROGRESS, DONE)


@dataclass(frozen=True)
class Task:
    id: int | None
    title: str
    owner: str = ""
    due_on: date | None = None
    status: str = OPEN
    step: int = 0
    workshop_id: int | None = None
    origin: str = ""

    @property
    def open(self) -> bool:
        return self.status != DONE

    def overdue(self, today: date | None = None) -> bool:
        return self.open and self.due_on is not None and self.due_on < (today or date.today())


def _d(value: object) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def tasks(project: Project, open_only: bool = False, workshop_id: int | None = None) -> list[Task]:
    with project.reading() as conn:
        rows = queries.task_rows(conn)
    result = [Task(r[0], r[1], r[2], _d(r[3]), r[4], r[5], r[6], r[7]) for r in rows]
    if open_only:
        result = [t for t in result if t.open]
    if workshop_id is not None:
        result = [t for t in result if t.workshop_id == workshop_id]
    return result


def save(project: Project, task: Task) -> int:
    from ozgdesk.store.models import Task as TaskRow

    if not clean(task.title):
        raise ValueError("Bitte beschreiben Sie die Aufgabe.")
    if task.status not in STATES:
        raise ValueError(
            f"Unbekannter Stand „{task.status}“ (möglich: offen, in Arbeit, erledigt)."
        )
    if not 0 <= task.step <= 5:
        raise ValueError("Der Schritt muss zwischen 1 und 5 liegen (0: allgemein).")
    now = datetime.now(UTC)
    with project.session() as session:
        row = session.get(TaskRow, task.id) if task.id else None
        if row is None:
            row = TaskRow(title=clean(task.title), created_at=now)
            session.add(row)
        was_done = row.status == DONE
        row.title, row.owner, row.due_on = clean(task.title), clean(task.owner), task.due_on
        row.status, row.step, row.workshop_id, row.origin = (
            task.status,
            task.step,
            task.workshop_id,
            task.origin,
        )
        if task.status == DONE and not was_done:
            row.done_at = now
        elif task.status != DONE:
            row.done_at = None
        session.flush()
        assert row.id is not None
        return row.id


def set_status(project: Project, ids: Sequence[int], status: str) -> None:
    from sqlalchemy import update

    from ozgdesk.store.models import Task as TaskRow

    if status not in STATES:
        raise ValueError(f"Unbekannter Stand „{status}“.")
    with project.session() as session:
        session.execute(
            update(TaskRow)
            .where(col(TaskRow.id).in_(list(ids)))
            .values(status=status, done_at=datetime.now(UTC) if status == DONE else None)
        )


def delete(project: Project, task_id: int) -> None:
    from ozgdesk.store.models import Task as TaskRow

    with project.session() as session:
        row = session.get(TaskRow, task_id)
        if row is not None:
            session.delete(row)
