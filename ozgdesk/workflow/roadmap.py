"""Step 5 Roadmap: when to connect which online service, and what it takes.

A plan belongs to a LeiKa service; a plan on an OZG service sets defaults for
all its LeiKa services (a service's own values win). Decisions: be among the
first ("früh"), later, or keep the status quo for now. Effort is planned in
person-days per office and quarter and compared with the office's capacity.

The records, quarters and plan rows are in roadmap_model, milestones and capacity in
roadmap_capacity, the timeline in roadmap_timeline; their names are importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, replace
from datetime import UTC, datetime

from ozgdesk.store import queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.workflow.roadmap_capacity import (
    Load,
    MilestoneItem,
    capacities,
    capacity_warnings,
    delete_milestone,
    loads,
    milestones,
    save_milestone,
    set_capacity,
)
from ozgdesk.workflow.roadmap_model import (
    DECISIONS,
    EARLY,
    EFA_KINDS,
    EFA_STATES,
    LABELS,
    LATER,
    MATURITY,
    PLAN_FIELDS,
    PREREQUISITE_KINDS,
    PREREQUISITE_STATES,
    STATUS_QUO,
    Plan,
    PlanRow,
    PrerequisiteItem,
    _to_plan,
    normalise_quarter,
    parse_quarter,
    plan_rows,
    quarter_end,
    quarter_label,
    quarter_of,
    quarter_start,
    quarters_between,
    shift_quarter,
)
from ozgdesk.workflow.roadmap_timeline import (
    Bar,
    Timeline,
    timeline,
)
from ozgdesk.workflow.steps import StepState, StepStatus

__all__ = [
    "Bar",
    "DECISIONS",
    "EARLY",
    "EFA_KINDS",
    "EFA_STATES",
    "LABELS",
    "LATER",
    "Load",
    "MATURITY",
    "MilestoneItem",
    "PLAN_FIELDS",
    "PREREQUISITE_KINDS",
    "PREREQUISITE_STATES",
    "Plan",
    "PlanRow",
    "PrerequisiteItem",
    "STATUS_QUO",
    "Timeline",
    "capacities",
    "capacity_warnings",
    "check_plan",
    "delete_milestone",
    "delete_prerequisite",
    "loads",
    "milestones",
    "normalise_quarter",
    "own_plans",
    "ozg_plan",
    "parse_quarter",
    "plan_field_names",
    "plan_rows",
    "quarter_end",
    "quarter_label",
    "quarter_of",
    "quarter_start",
    "quarters_between",
    "save_milestone",
    "save_ozg_plan",
    "save_plans",
    "save_prerequisite",
    "set_capacity",
    "set_dependencies",
    "shift_quarter",
    "status",
    "timeline",
    "update_plans",
]


def check_plan(plan: Plan) -> list[str]:
    problems = []
    if plan.decision not in (None, "", *DECISIONS):
        problems.append(
            f"Unbekannte Entscheidung „{plan.decision}“ (möglich: früh, später, Status quo)."
        )
    if plan.efa_kind not in (None, "", *EFA_KINDS):
        problems.append(f"Unbekannte Art des Online-Dienstes „{plan.efa_kind}“.")
    if plan.efa_state not in (None, "", *EFA_STATES):
        problems.append(f"Unbekannter EfA-Stand „{plan.efa_state}“.")
    for name in ("current_level", "target_level"):
        level = getattr(plan, name)
        if level is not None and not 0 <= level <= 4:
            problems.append(f"{LABELS[name]}: der Reifegrad liegt zwischen 0 und 4.")
    if (
        plan.current_level is not None
        and plan.target_level is not None
        and plan.target_level < plan.current_level
    ):
        problems.append("Der Ziel-Reifegrad liegt unter dem heutigen.")
    if plan.planned_quarter:
        try:
            parse_quarter(plan.planned_quarter)
        except ValueError as error:
            problems.append(str(error))
    if plan.effort_days is not None and plan.effort_days < 0:
        problems.append("Der Aufwand kann nicht negativ sein.")
    return problems


def _clean_plan(plan: Plan) -> Plan:
    values = plan.as_dict()
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = clean(value) or None
    if values.get("planned_quarter"):
        values["planned_quarter"] = normalise_quarter(str(values["planned_quarter"]))
    return Plan(**values)  # type: ignore[arg-type]  # the values come from the plan columns, by name


def own_plans(project: Project, ids: Iterable[int]) -> dict[int, Plan]:
    ids = list(ids)
    with project.reading() as conn:
        stored = {r[-1]: _to_plan(r[:-1]) for r in queries.service_plan_rows(conn, ids)}
    return {i: stored.get(i, Plan()) for i in ids}


def save_plans(project: Project, plans: dict[int, Plan]) -> dict[int, Plan]:
    """Store services' own plans in one transaction; returns the plans they replaced."""
    from ozgdesk.store.models import ServicePlan

    problems = [p for plan in plans.values() for p in check_plan(plan)]
    if problems:
        raise ValueError(" ".join(dict.fromkeys(problems)))
    previous = own_plans(project, plans)
    now = datetime.now(UTC)
    with project.session() as session:
        for service_id, plan in plans.items():
            plan = _clean_plan(plan)
            row = session.get(ServicePlan, service_id)
            if all(v in (None, "") for v in plan.as_dict().values()):
                if row is not None:
                    session.delete(row)
                continue
            if row is None:
                row = ServicePlan(service_id=service_id, updated_at=now)
                session.add(row)
            for name, value in plan.as_dict().items():
                setattr(row, name, value)
            row.updated_at = now
    return previous


def update_plans(project: Project, ids: Iterable[int], **changes: object) -> dict[int, Plan]:
    """Set some plan fields for several services (keeping their other values)."""
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"Unbekannte Felder: {', '.join(sorted(unknown))}")
    current = own_plans(project, ids)
    return save_plans(project, {i: replace(p, **changes) for i, p in current.items()})  # type: ignore[arg-type]  # the values come from the plan columns, by name


def save_ozg_plan(project: Project, ozg_service_id: int, plan: Plan) -> None:
    """Defaults for every LeiKa service of an OZG service."""
    from ozgdesk.store.models import OzgPlan

    problems = check_plan(plan)
    if problems:
        raise ValueError(" ".join(problems))
    plan = _clean_plan(plan)
    with project.session() as session:
        row = session.get(OzgPlan, ozg_service_id)
        if row is None:
            row = OzgPlan(ozg_service_id=ozg_service_id, updated_at=datetime.now(UTC))
            session.add(row)
        for name, value in plan.as_dict().items():
            setattr(row, name, value)
        row.updated_at = datetime.now(UTC)


def ozg_plan(project: Project, ozg_service_id: int) -> Plan:
    with project.reading() as conn:
        for row in queries.ozg_plan_rows(conn):
            if row[-1] == ozg_service_id:
                return _to_plan(row[:-1])
    return Plan()


# -- prerequisites and dependencies ------------------------------------------------------------


def save_prerequisite(project: Project, item: PrerequisiteItem) -> int:
    from ozgdesk.store.models import Prerequisite

    if item.kind not in PREREQUISITE_KINDS:
        raise ValueError(f"Unbekannte Voraussetzung „{item.kind}“.")
    if item.status not in PREREQUISITE_STATES:
        raise ValueError(f"Unbekannter Stand „{item.status}“.")
    if item.interface not in ("", "ja", "nein", "unklar"):
        raise ValueError("Schnittstelle: ja, nein oder unklar.")
    with project.session() as session:
        row = session.get(Prerequisite, item.id) if item.id else None
        if row is None:
            row = Prerequisite(service_id=item.service_id, kind=item.kind)
            session.add(row)
        row.kind, row.name, row.vendor = item.kind, clean(item.name), clean(item.vendor)
        row.interface, row.status, row.owner = item.interface, item.status, clean(item.owner)
        session.flush()
        assert row.id is not None
        return row.id


def delete_prerequisite(project: Project, item_id: int) -> None:
    from ozgdesk.store.models import Prerequisite

    with project.session() as session:
        row = session.get(Prerequisite, item_id)
        if row is not None:
            session.delete(row)


def set_dependencies(project: Project, service_id: int, depends_on: Iterable[int]) -> None:
    from sqlalchemy import delete

    from ozgdesk.store.models import ServiceDependency

    wanted = [d for d in dict.fromkeys(depends_on) if d != service_id]
    graph = {
        r.service_id: set(r.depends_on)
        for r in plan_rows(project, only_relevant=False)
        if r.depends_on
    }
    graph[service_id] = set(wanted)
    if _has_cycle(graph, service_id):
        raise ValueError("Diese Abhängigkeit wäre ein Kreis (A wartet auf B, B auf A).")
    with project.session() as session:
        session.execute(
            delete(ServiceDependency).where(col(ServiceDependency.service_id) == service_id)
        )
        for other in wanted:
            session.add(ServiceDependency(service_id=service_id, depends_on_id=other))


def _has_cycle(graph: dict[int, set[int]], start: int) -> bool:
    stack, seen = list(graph.get(start, ())), set()
    while stack:
        node = stack.pop()
        if node == start:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return False


# -- status ---------------------------------------------------------------------------------------------


def status(project: Project) -> StepState:
    rows = plan_rows(project)
    planned = sum(1 for r in rows if r.decided)
    started = any(r.own != Plan() or r.inherited for r in rows)
    if not rows or not started:
        return StepState(
            StepStatus.NOT_STARTED, {"services_planned": planned, "relevant": len(rows)}
        )
    return StepState(
        StepStatus.DONE if planned == len(rows) else StepStatus.IN_PROGRESS,
        {"services_planned": planned, "relevant": len(rows)},
    )


def plan_field_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Plan))
