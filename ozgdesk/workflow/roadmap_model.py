"""Step 5, what a plan is: decisions, EfA kinds, maturity levels, quarters ("Q3/2027"),
the plan records and reading the plan rows of the services."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ozgdesk import wording
from ozgdesk.store import queries
from ozgdesk.store.project import Project

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
