"""Share work with the neighbours: pass on a template, review one and take over parts of it.

``build`` reads what a municipality may pass on (decisions with reasons, rules, offices and
which services they hold, plan defaults, the workshop agenda, a summary for the district;
never names, addresses, phone numbers or notes) into a :class:`share_file.ShareFile`.
``review`` compares a share file with a project, item by item; ``sharing_apply.apply`` takes
over the accepted items in one transaction after a backup and returns what it replaced, so
``sharing_apply.revert`` undoes it exactly. The project's own decisions are never overwritten unless the
coordinator accepted that item ("abweichend" items are only taken when named).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ozgdesk import __version__, wording
from ozgdesk.formats import share_file as sf
from ozgdesk.store import sharing_queries as q
from ozgdesk.store.project import Project
from ozgdesk.wording import municipality_phrase

NEW, DIFFERENT, SAME, NOT_APPLICABLE = "neu", "abweichend", "gleich", "nicht anwendbar"
STATUS_ORDER = (NEW, DIFFERENT, SAME, NOT_APPLICABLE)
KIND_DECISION, KIND_OFFICE, KIND_LEAD, KIND_PLAN, KIND_RULE, KIND_AGENDA = (
    "Entscheidung",
    "Amt",
    "Zuordnung",
    "Planung",
    "Regel",
    "Tagesordnung",
)
SOURCE_TEMPLATE = "Vorlage"  # service.assignment_source of a lead office taken over


# -- building ------------------------------------------------------------------------------


def build(project: Project) -> sf.ShareFile:
    """What this project passes on (no personal data, no free-text notes)."""
    summary = summarise(project)
    with project.reading() as conn:
        name, title, kind, ags, ars, district = q.municipality(conn)
        office_rows = q.offices(conn)
        lead: dict[int, list[str]] = {}
        for office_id, key in q.leads(conn):
            lead.setdefault(office_id, []).append(key)
        involved: dict[int, list[str]] = {}
        for office_id, key in q.involved(conn):
            involved.setdefault(office_id, []).append(key)
        prereqs: dict[str, list[sf.Prerequisite]] = {}
        for key, *values in q.prerequisites(conn):
            prereqs.setdefault(key, []).append(sf.Prerequisite(*values))
        return sf.ShareFile(
            municipality=sf.Municipality(name, title, kind, ags, ars, district),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            producer=f"ozgdesk {__version__}",
            decisions=tuple(sf.Decision(*row) for row in q.decisions(conn)),
            relevance_rules=tuple(sf.RelevanceRule(*row) for row in q.relevance_rules(conn)),
            assignment_rules=tuple(sf.AssignmentRule(*row) for row in q.assignment_rules(conn)),
            offices=tuple(
                sf.Office(
                    name=office_name,
                    short_name=short,
                    kind=office_kind,
                    number=number,
                    parent=parent,
                    lead=tuple(lead.get(office_id, ())),
                    involved=tuple(involved.get(office_id, ())),
                )
                for office_id, office_name, short, office_kind, number, parent in office_rows
            ),
            plans=tuple(
                sf.Plan(
                    key=str(key),
                    planned_quarter=str(quarter or ""),
                    decision=str(decision or ""),
                    efa_kind=str(efa_kind or ""),
                    efa_state=str(efa_state or ""),
                    online_name=str(online or ""),
                    provider=str(provider or ""),
                    target_level=level if isinstance(level, int) else None,
                    prerequisites=tuple(prereqs.get(str(key), ())),
                )
                for key, quarter, decision, efa_kind, efa_state, online, provider, level in (
                    q.plans(conn)
                )
            ),
            agenda=tuple(sf.AgendaEntry(t, int(m or 0)) for t, m in q.first_workshop_agenda(conn)),
            summary=summary,
        )


def municipality_of(project: Project) -> sf.Municipality:
    with project.reading() as conn:
        return sf.Municipality(*q.municipality(conn))


def summarise(project: Project) -> sf.Summary:
    """The municipality's state for the district overview."""
    from ozgdesk.workflow import delivery, roadmap
    from ozgdesk.workflow.steps import STEPS, StepStatus, step_states

    states = step_states(project)
    reached = 0
    for step in STEPS:
        if states[step.key].status is not StepStatus.DONE:
            break
        reached = step.number
    with project.reading() as conn:
        total, decided, relevant, assigned = q.counts(conn)
    rows = delivery.effective_rows(project)
    per_quarter = Counter(
        r.plan.planned_quarter
        for r in roadmap.plan_rows(project)
        if r.plan.planned_quarter and r.plan.decision != roadmap.STATUS_QUO
    )
    return sf.Summary(
        step_reached=reached,
        steps={step.title: states[step.key].status.value for step in STEPS},
        services_total=total,
        decided=decided,
        relevant=relevant,
        assigned=assigned,
        delivery_total=len(rows),
        delivery_complete=sum(1 for r in rows if r.complete),
        online_per_quarter={k: per_quarter[k] for k in sorted(per_quarter)},
    )


def export_share(project: Project, path: Path | str) -> Path:
    """Write the project's share file (``.ozgvorlage``) to ``path``."""
    target = Path(path)
    if target.suffix.lower() != sf.SUFFIX:
        target = target.with_name(target.name + sf.SUFFIX)
    return sf.write(target, build(project))


# -- review --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One thing the share file would change; ``id`` is stable for the same file."""

    id: str
    kind: str
    key: str  # LeiKa key, office name or rule text
    label: str  # what it is about, in plain words
    current: str
    proposed: str
    status: str  # NEW, DIFFERENT, SAME, NOT_APPLICABLE

    @property
    def changes(self) -> bool:
        return self.status in (NEW, DIFFERENT)


@dataclass(frozen=True)
class Review:
    source: sf.Municipality
    created_at: str
    items: tuple[Item, ...]
    office_map: dict[str, str] = field(default_factory=dict)  # share office → own office

    def counts(self) -> dict[str, int]:
        return dict(Counter(i.status for i in self.items))

    def by_id(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}


def _stored_plan(key: str, row: tuple[object, ...], prereqs: list[tuple[str, ...]]) -> sf.Plan:
    """A project's own plan row (key, *PLAN_COLUMNS) as a share-file plan, to compare."""
    quarter, decision, efa_kind, efa_state, online, provider = (str(v or "") for v in row[1:7])
    level = row[7]
    return sf.Plan(
        key, quarter, decision, efa_kind, efa_state, online, provider,
        level if isinstance(level, int) else None,
        tuple(sf.Prerequisite(*p) for p in prereqs),
    )  # fmt: skip


def _shown_quarter(text: str) -> str:
    """ "2027-Q2" as people read it ("Q2/2027"); anything else as it came."""
    try:
        return wording.quarter(text)
    except ValueError:
        return text


def _describe_plan(plan: sf.Plan) -> str:
    parts = [
        _shown_quarter(plan.planned_quarter),
        plan.decision,
        plan.efa_kind,
        plan.online_name,
        ", ".join(p.kind for p in plan.prerequisites),
    ]
    return " · ".join(p for p in parts if p) or "(leer)"


def review(
    project: Project, share: sf.ShareFile, office_map: Mapping[str, str] | None = None
) -> Review:
    """What taking over ``share`` would change, item by item.

    ``office_map`` maps the share's office names onto the project's own offices; by default
    an office of the same name (ignoring case) is used, else a new one is created.
    """
    with project.reading() as conn:
        ids = q.service_ids_by_key(conn)
        own = q.decisions_by_key(conn)
        own_offices = {row[1].casefold(): row[1] for row in q.offices(conn)}
        office_by_id = {row[0]: row[1] for row in q.offices(conn)}
        leads = q.lead_by_key(conn)
        own_plans = {str(row[0]): row for row in q.plans(conn)}
        own_prereqs: dict[str, list[tuple[str, ...]]] = {}
        for key, *values in q.prerequisites(conn):
            own_prereqs.setdefault(key, []).append(tuple(values))
        own_rules = {(r[0], r[1].casefold()) for r in q.relevance_rules(conn)}
        own_assignment_rules = {(r[0], r[1].casefold()) for r in q.assignment_rules(conn)}
        upcoming = q.next_workshop(conn, datetime.now().isoformat(sep=" "))
        upcoming_agenda = q.agenda(conn, upcoming[0]) if upcoming else []
    mapping: dict[str, str] = {}
    for office in share.offices:
        wanted = (office_map or {}).get(office.name, office.name)
        mapping[office.name] = own_offices.get(wanted.casefold(), wanted)
    items: list[Item] = []
    for d in share.decisions:
        if d.key not in ids:
            items.append(
                Item(f"E:{d.key}", KIND_DECISION, d.key, d.name, "", d.relevance, NOT_APPLICABLE)
            )
            continue
        relevance, _reason = own.get(d.key, ("", ""))
        status = NEW if not relevance else SAME if relevance == d.relevance else DIFFERENT
        proposed = d.relevance + (f" – {d.reason}" if d.reason else "")
        items.append(Item(f"E:{d.key}", KIND_DECISION, d.key, d.name, relevance, proposed, status))
    for office in share.offices:
        target = mapping[office.name]
        exists = target.casefold() in own_offices
        items.append(
            Item(
                f"A:{office.name}",
                KIND_OFFICE,
                office.name,
                f"{office.kind} {office.name}".strip(),
                own_offices.get(target.casefold(), ""),
                target if exists else f"neu anlegen: {target}",
                SAME if exists else NEW,
            )
        )
        for key in office.lead:
            if key not in ids:
                continue
            current_id = leads.get(key)
            current = office_by_id.get(current_id, "") if current_id else ""
            status = NEW if not current else SAME if current == target else DIFFERENT
            items.append(Item(f"Z:{key}", KIND_LEAD, key, key, current, target, status))
    for plan in share.plans:
        if plan.key not in ids:
            continue
        mine = own_plans.get(plan.key)
        mine_plan = _stored_plan(plan.key, mine, own_prereqs.get(plan.key, [])) if mine else None
        if mine_plan is None and plan.key in own_prereqs:
            mine_plan = sf.Plan(
                plan.key, prerequisites=tuple(sf.Prerequisite(*p) for p in own_prereqs[plan.key])
            )
        status = (
            NEW if mine_plan is None else SAME if mine_plan.fields() == plan.fields() else DIFFERENT
        )
        items.append(
            Item(
                f"P:{plan.key}",
                KIND_PLAN,
                plan.key,
                plan.key,
                _describe_plan(mine_plan) if mine_plan else "",
                _describe_plan(plan),
                status,
            )
        )
    for rule in share.relevance_rules:
        text = f"{rule.kind} „{rule.value}“ → {rule.suggestion}"
        known = (rule.kind, rule.value.casefold()) in own_rules
        items.append(
            Item(f"R:{rule.kind}:{rule.value}", KIND_RULE, text, text, "", rule.reason,
                 SAME if known else NEW)
        )  # fmt: skip
    for arule in share.assignment_rules:
        text = f"{arule.kind} „{arule.value}“ → {mapping.get(arule.office, arule.office)}"
        known = (arule.kind, arule.value.casefold()) in own_assignment_rules
        items.append(
            Item(f"ZR:{arule.kind}:{arule.value}", KIND_RULE, text, text, "", "",
                 SAME if known else NEW)
        )  # fmt: skip
    if share.agenda:
        proposed = "; ".join(f"{a.title} ({a.minutes} Min.)" for a in share.agenda)
        if upcoming is None:
            items.append(
                Item("T", KIND_AGENDA, "", "Tagesordnung des Auftakt-Workshops", "", proposed,
                     NOT_APPLICABLE)
            )  # fmt: skip
        else:
            mine_text = "; ".join(f"{t} ({m} Min.)" for t, m in upcoming_agenda)
            status = NEW if not upcoming_agenda else SAME if mine_text == proposed else DIFFERENT
            items.append(
                Item("T", KIND_AGENDA, str(upcoming[0]), f"Tagesordnung für „{upcoming[1]}“",
                     mine_text, proposed, status)
            )  # fmt: skip
    return Review(share.municipality, share.created_at, tuple(items), mapping)


# -- taking over ---------------------------------------------------------------------------


def source_note(share: sf.ShareFile) -> str:
    """ "übernommen von der Gemeinde Musterhausen, Stand 04.12.2026"."""
    m = share.municipality
    try:
        day = datetime.fromisoformat(share.created_at).date().strftime("%d.%m.%Y")
    except ValueError:
        day = share.created_at or "unbekannt"
    return f"übernommen von {municipality_phrase(m.name, m.title, 'dat')}, Stand {day}"


def chosen(review: Review, accept: Iterable[str] | None) -> set[str]:
    """The item ids to take over: every "neu" item, plus the named ones ("alle": all that
    differ as well). Items that are the same or not applicable are never taken."""
    wanted = set(accept or ())
    take_all = "alle" in wanted
    take_new = not wanted or "neu" in wanted or take_all
    result = set()
    for item in review.items:
        if not item.changes:
            continue
        if item.id in wanted or take_all or (take_new and item.status == NEW):
            result.add(item.id)
    return result
