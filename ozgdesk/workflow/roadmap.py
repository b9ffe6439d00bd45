"""Step 5 Roadmap: when to connect which online service, and what it takes.

A plan belongs to a LeiKa service; a plan on an OZG service sets defaults for
all its LeiKa services (a service's own values win). Decisions: be among the
first ("früh"), later, or keep the status quo for now. Effort is planned in
person-days per office and quarter and compared with the office's capacity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta

from ozgdesk import wording
from ozgdesk.store import queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.wording import number
from ozgdesk.workflow.steps import StepState, StepStatus

EARLY, LATER, STATUS_QUO = "früh", "später", "Status quo"
DECISIONS = (EARLY, LATER, STATUS_QUO)
EFA_KINDS = ("EfA aus NRW", "EfA aus anderem Land", "Landeslösung", "eigene Lösung", "keine")
EFA_STATES = ("gesichert", "unklar")
MATURITY = {
    0: "0 – offline: keine Online-Information",
    1: "1 – Information online",
    2: "2 – Formular online (zum Ausdrucken oder Ausfüllen)",
    3: "3 – Online-Antrag mit Nachweisen (OZG-konform)",
    4: "4 – vollständig digital mit Once-Only",
}
PREREQUISITE_KINDS = (
    "Fachverfahren",
    "Nutzerkonto (Servicekonto/DeutschlandID)",
    "ePayment",
    "Transport (XTA/OSCI)",
    "E-Akte",
)
PREREQUISITE_STATES = ("offen", "in Arbeit", "erledigt", "nicht nötig")
PLAN_FIELDS = (
    "online_available",
    "efa_kind",
    "efa_state",
    "online_name",
    "provider",
    "available_on",
    "decision",
    "decision_reason",
    "planned_quarter",
    "current_level",
    "target_level",
    "effort_days",
    "training",
    "marketing",
    "notes",
)
LABELS = {
    "online_available": "Online-Dienst verfügbar",
    "efa_kind": "Art des Online-Dienstes",
    "efa_state": "EfA-Stand",
    "online_name": "Name des Online-Dienstes",
    "provider": "Anbieter",
    "available_on": "verfügbar ab",
    "decision": "Entscheidung",
    "decision_reason": "Begründung",
    "planned_quarter": "Anbindung geplant",
    "current_level": "Reifegrad heute",
    "target_level": "Reifegrad Ziel",
    "effort_days": "Aufwand (Personentage)",
    "training": "Schulungsbedarf",
    "marketing": "Marketing",
    "notes": "Notizen",
}


# -- quarters ---------------------------------------------------------------------------------


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def parse_quarter(text: str) -> tuple[int, int]:
    """'2027-Q2' -> (2027, 2); also accepts 'Q2/2027' and '2/2027' (see wording.parse_quarter)."""
    return wording.parse_quarter(text)


def normalise_quarter(text: str) -> str:
    return wording.quarter_key(text)


def quarter_start(quarter: str) -> date:
    year, q = parse_quarter(quarter)
    return date(year, 3 * (q - 1) + 1, 1)


def quarter_end(quarter: str) -> date:
    year, q = parse_quarter(quarter)
    return (date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)) - timedelta(days=1)


def shift_quarter(quarter: str, steps: int) -> str:
    year, q = parse_quarter(quarter)
    index = year * 4 + (q - 1) + steps
    return f"{index // 4}-Q{index % 4 + 1}"


def quarters_between(first: str, last: str) -> list[str]:
    result, current = [], normalise_quarter(first)
    last = normalise_quarter(last)
    while parse_quarter(current) <= parse_quarter(last):
        result.append(current)
        current = shift_quarter(current, 1)
    return result


def quarter_label(quarter: str) -> str:
    """ "2027-Q2" -> "Q2/2027": the one format people read (wording.quarter)."""
    return wording.quarter(quarter)


# -- plans ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """Plan values (None: not set)."""

    online_available: bool | None = None
    efa_kind: str | None = None
    efa_state: str | None = None
    online_name: str | None = None
    provider: str | None = None
    available_on: date | None = None
    decision: str | None = None
    decision_reason: str | None = None
    planned_quarter: str | None = None
    current_level: int | None = None
    target_level: int | None = None
    effort_days: float | None = None
    training: str | None = None
    marketing: str | None = None
    notes: str | None = None

    def merged_over(self, defaults: Plan) -> Plan:
        """This plan's values, falling back to ``defaults`` where not set."""
        return Plan(
            **{
                f: getattr(self, f) if getattr(self, f) not in (None, "") else getattr(defaults, f)
                for f in PLAN_FIELDS
            }
        )

    def as_dict(self) -> dict[str, object]:
        return {f: getattr(self, f) for f in PLAN_FIELDS}


@dataclass(frozen=True)
class PrerequisiteItem:
    id: int | None
    service_id: int
    kind: str
    name: str = ""
    vendor: str = ""
    interface: str = ""
    status: str = "offen"
    owner: str = ""


@dataclass(frozen=True)
class PlanRow:
    """One relevant service with its effective plan (own values over OZG defaults)."""

    service_id: int
    key: str
    name: str
    office: str
    office_id: int | None
    themenfeld: str
    ozg: str
    own: Plan
    plan: Plan
    inherited: frozenset[str]
    prerequisites: tuple[PrerequisiteItem, ...] = ()
    depends_on: tuple[int, ...] = ()

    @property
    def decided(self) -> bool:
        return self.plan.decision in DECISIONS and (
            self.plan.decision == STATUS_QUO or bool(self.plan.planned_quarter)
        )


def _to_plan(row: Sequence[object] | None) -> Plan:
    if row is None:
        return Plan()
    values = dict(zip(PLAN_FIELDS, row, strict=False))
    if values.get("online_available") is not None:
        values["online_available"] = bool(values["online_available"])
    if isinstance(values.get("available_on"), str) and values["available_on"]:
        values["available_on"] = date.fromisoformat(str(values["available_on"])[:10])
    return Plan(**values)  # type: ignore[arg-type]  # the values come from the plan columns, by name


def plan_rows(
    project: Project, ids: Sequence[int] | None = None, only_relevant: bool = True
) -> list[PlanRow]:
    """The roadmap rows of (relevant) services: own plan, OZG defaults, inherited values."""
    if ids is None and only_relevant:
        return project.memo("plan_rows", lambda: _plan_rows(project, None, True))
    return _plan_rows(project, ids, only_relevant)


def _plan_rows(project: Project, ids: Sequence[int] | None, only_relevant: bool) -> list[PlanRow]:
    from ozgdesk.workflow import overview

    if ids is None and only_relevant:
        rows = overview.relevant_rows(project)
    else:
        rows = overview.catalogue_rows(project, list(ids) if ids is not None else None)
        if only_relevant:
            rows = [r for r in rows if r.relevance == "relevant"]
    with project.reading() as conn:
        service_plans = {r[-1]: _to_plan(r[:-1]) for r in queries.service_plan_rows(conn)}
        ozg_plans = {r[-1]: _to_plan(r[:-1]) for r in queries.ozg_plan_rows(conn)}
        ozg_links = queries.service_ozg_links(conn, relevant_only=only_relevant)
        lead = dict(queries.lead_offices(conn))
        prereqs: dict[int, list[PrerequisiteItem]] = {}
        for r in queries.prerequisite_rows(conn):
            prereqs.setdefault(r[1], []).append(PrerequisiteItem(*r))
        deps: dict[int, list[int]] = {}
        for service_id, depends_on in queries.dependency_rows(conn):
            deps.setdefault(service_id, []).append(depends_on)
    result = []
    for row in rows:
        defaults = Plan()
        for ozg_id in ozg_links.get(row.id, []):
            if ozg_id in ozg_plans:
                defaults = defaults.merged_over(ozg_plans[ozg_id])
        own = service_plans.get(row.id, Plan())
        plan = own.merged_over(defaults)
        inherited = frozenset(
            f
            for f in PLAN_FIELDS
            if getattr(own, f) in (None, "") and getattr(defaults, f) not in (None, "")
        )
        result.append(
            PlanRow(
                row.id,
                row.key,
                row.name,
                row.office,
                lead.get(row.id),
                row.themenfeld,
                row.ozg,
                own,
                plan,
                inherited,
                tuple(prereqs.get(row.id, [])),
                tuple(deps.get(row.id, [])),
            )
        )
    return result


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


# -- timeline -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    group: str
    label: str
    key: str
    service_id: int
    prep_start: date
    start: date
    end: date
    decision: str


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    milestones: list[MilestoneItem]
    first: date
    last: date
    groups: list[str] = field(default_factory=list)


def timeline(
    project: Project, group_by: str = "office", rows: Sequence[PlanRow] | None = None
) -> Timeline:
    """Bars per planned service: preparation in the quarter before, connection in the
    planned quarter; grouped by office or Themenfeld."""
    rows = rows if rows is not None else plan_rows(project)
    bars = []
    for row in rows:
        quarter = row.plan.planned_quarter
        if not quarter or row.plan.decision == STATUS_QUO:
            continue
        group = (
            (row.office or "(ohne Amt)")
            if group_by == "office"
            else (row.themenfeld.split(", ")[0] or "(ohne Themenfeld)")
        )
        start = quarter_start(quarter)
        bars.append(
            Bar(
                group,
                row.name,
                row.key,
                row.service_id,
                quarter_start(shift_quarter(quarter, -1)),
                start,
                quarter_end(quarter),
                row.plan.decision or "",
            )
        )
    bars.sort(key=lambda b: (b.group.startswith("("), b.group, b.start, b.label))
    items = milestones(project)
    dates = [b.prep_start for b in bars] + [b.end for b in bars] + [m.due_on for m in items]
    today = date.today()
    first = quarter_start(quarter_of(min(dates, default=today)))
    last = quarter_end(quarter_of(max(dates, default=today + timedelta(days=365))))
    return Timeline(bars, items, first, last, list(dict.fromkeys(b.group for b in bars)))


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
