"""Step 2 "Haus einbinden": who in the administration has been briefed, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean

LEADERSHIP = "Verwaltungsspitze"


@dataclass(frozen=True)
class Briefing:
    id: int | None
    audience: str
    done_on: date | None = None
    person: str = ""
    note: str = ""
    position: int = 0

    @property
    def done(self) -> bool:
        return self.done_on is not None


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def briefings(project: Project) -> list[Briefing]:
    with project.reading() as conn:
        rows = queries.briefing_rows(conn)
    return [Briefing(r[0], r[2], _date(r[3]), r[4], r[5], r[1]) for r in rows]


def save(project: Project, briefing: Briefing) -> int:
    from ozgdesk.store.models import Briefing as BriefingRow

    audience = clean(briefing.audience)
    if not audience:
        raise ValueError("Bitte geben Sie an, wer informiert wurde.")
    if briefing.done_on is not None and briefing.done_on > date.today():
        raise ValueError("Das Datum der Information liegt in der Zukunft.")
    others = [b for b in briefings(project) if b.id != briefing.id]
    if any(b.audience.casefold() == audience.casefold() for b in others):
        raise ValueError(f"„{audience}“ steht schon in der Liste.")
    with project.session() as session:
        row = session.get(BriefingRow, briefing.id) if briefing.id else None
        if row is None:
            row = BriefingRow(
                audience=audience, position=1 + max((b.position for b in others), default=0)
            )
            session.add(row)
        row.audience, row.done_on = audience, briefing.done_on
        row.person, row.note = clean(briefing.person), briefing.note.strip()
        session.flush()
        assert row.id is not None
        return row.id


def delete(project: Project, briefing_id: int) -> None:
    from ozgdesk.store.models import Briefing as BriefingRow

    with project.session() as session:
        row = session.get(BriefingRow, briefing_id)
        if row is not None:
            session.delete(row)


def leadership_briefed(project: Project) -> bool:
    return any(
        b.done and LEADERSHIP.casefold() in b.audience.casefold() for b in briefings(project)
    )
