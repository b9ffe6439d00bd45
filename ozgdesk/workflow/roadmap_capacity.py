"""Step 5, milestones and capacity: the project's milestones, the person-days each office
can give per quarter, the planned load against it and the warnings where it is exceeded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.wording import number
from ozgdesk.workflow.roadmap_model import (
    STATUS_QUO,
    PlanRow,
    normalise_quarter,
    parse_quarter,
    plan_rows,
    quarter_label,
)

# -- milestones and capacity ------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneItem:
    id: int | None
    title: str
    due_on: date
    done: bool = False
    service_id: int | None = None
    notes: str = ""


def milestones(project: Project) -> list[MilestoneItem]:
    with project.reading() as conn:
        return [
            MilestoneItem(r[0], r[1], date.fromisoformat(str(r[2])[:10]), bool(r[3]), r[4], r[5])
            for r in queries.milestone_rows(conn)
        ]


def save_milestone(project: Project, item: MilestoneItem) -> int:
    from ozgdesk.store.models import Milestone

    if not clean(item.title):
        raise ValueError("Bitte benennen Sie den Meilenstein.")
    with project.session() as session:
        row = session.get(Milestone, item.id) if item.id else None
        if row is None:
            row = Milestone(title=clean(item.title), due_on=item.due_on)
            session.add(row)
        row.title, row.due_on, row.done = clean(item.title), item.due_on, item.done
        row.service_id, row.notes = item.service_id, item.notes.strip()
        session.flush()
        assert row.id is not None
        return row.id


def delete_milestone(project: Project, item_id: int) -> None:
    from ozgdesk.store.models import Milestone

    with project.session() as session:
        row = session.get(Milestone, item_id)
        if row is not None:
            session.delete(row)


def capacities(project: Project) -> dict[tuple[int, str], float]:
    with project.reading() as conn:
        return {(office, quarter): days for office, quarter, days in queries.capacity_rows(conn)}


def set_capacity(project: Project, office_id: int, quarter: str, person_days: float) -> None:
    from ozgdesk.store.models import Capacity

    if person_days < 0:
        raise ValueError("Die Kapazität kann nicht negativ sein.")
    quarter = normalise_quarter(quarter)
    with project.session() as session:
        row = session.get(Capacity, (office_id, quarter))
        if row is None:
            session.add(Capacity(office_id=office_id, quarter=quarter, person_days=person_days))
        else:
            row.person_days = person_days


@dataclass(frozen=True)
class Load:
    office_id: int | None
    office: str
    quarter: str
    planned: float
    capacity: float | None

    @property
    def over(self) -> bool:
        return self.capacity is not None and self.planned > self.capacity


def loads(project: Project, rows: Sequence[PlanRow] | None = None) -> list[Load]:
    """Planned effort per office and quarter against the entered capacity."""
    rows = rows if rows is not None else plan_rows(project)
    planned: dict[tuple[int | None, str], float] = {}
    names: dict[int | None, str] = {}
    for row in rows:
        if row.plan.planned_quarter and row.plan.effort_days and row.plan.decision != STATUS_QUO:
            k = (row.office_id, row.plan.planned_quarter)
            planned[k] = planned.get(k, 0.0) + float(row.plan.effort_days)
            names[row.office_id] = row.office or "(ohne Amt)"
    caps: dict[tuple[int | None, str], float] = {k: v for k, v in capacities(project).items()}
    from ozgdesk.workflow import offices

    for office in offices.offices(project):
        names.setdefault(office.id, office.name)
    keys = set(planned) | {(o, q) for o, q in caps}
    return sorted(
        (
            Load(o, names.get(o, "(ohne Amt)"), q, planned.get((o, q), 0.0), caps.get((o, q)))
            for o, q in keys
        ),
        key=lambda load: (parse_quarter(load.quarter), load.office),
    )


def capacity_warnings(project: Project, rows: Sequence[PlanRow] | None = None) -> list[str]:
    return [
        f"{load.office}, {quarter_label(load.quarter)}: geplant {number(load.planned)} Personentage, "
        f"Kapazität {number(load.capacity or 0)} – bitte Anbindungen verschieben oder Kapazität klären."
        for load in loads(project, rows)
        if load.over
    ]
