"""Share work with the neighbours: pass on a template, review one and take over parts of it.

``build`` reads what a municipality may pass on (decisions with reasons, rules, offices and
which services they hold, plan defaults, the workshop agenda, a summary for the district;
never names, addresses, phone numbers or notes) into a :class:`share_file.ShareFile`.
``review`` compares a share file with a project, item by item; ``apply`` takes over the
accepted items in one transaction after a backup and returns what it replaced, so
``revert`` undoes it exactly. The project's own decisions are never overwritten unless the
coordinator accepted that item ("abweichend" items are only taken when named).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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


@dataclass
class Applied:
    """What ``apply`` changed and what it replaced, for ``revert``."""

    taken: list[str] = field(default_factory=list)  # item ids
    backup: str = ""
    offices_created: list[int] = field(default_factory=list)
    decisions: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    leads: list[tuple[int, int | None, str]] = field(default_factory=list)
    involved_added: list[tuple[int, int]] = field(default_factory=list)
    plans: list[tuple[int, dict[str, Any] | None]] = field(default_factory=list)
    prerequisites: list[tuple[int, list[tuple[Any, ...]]]] = field(default_factory=list)
    relevance_rules: list[int] = field(default_factory=list)
    assignment_rules: list[int] = field(default_factory=list)
    agenda: tuple[int, list[tuple[Any, ...]]] | None = None


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


def apply(
    project: Project,
    share: sf.ShareFile,
    review_: Review,
    accepted: set[str],
    *,
    backup: bool = True,
) -> Applied:
    """Take over the ``accepted`` items in one transaction (after a backup)."""
    from sqlalchemy import delete, insert, select, update
    from sqlmodel import col

    from ozgdesk.store.models import (
        AgendaItem,
        AssignmentRule,
        Office,
        Prerequisite,
        RelevanceRule,
        Service,
        ServiceInvolvedOffice,
        ServicePlan,
    )

    items = review_.by_id()
    accepted = {i for i in accepted if i in items and items[i].changes}
    applied = Applied(taken=sorted(accepted))
    if not accepted:
        return applied
    if backup:
        applied.backup = str(project.backup("vor-Vorlage"))
    note = source_note(share)
    now = datetime.now(UTC)
    with project.session() as session:
        ids = dict(
            session.execute(
                select(col(Service.key), col(Service.id)).where(col(Service.key).is_not(None))
            ).all()
        )
        offices = {
            name.casefold(): oid
            for oid, name in session.execute(select(col(Office.id), col(Office.name))).all()
        }

        def office_id(share_name: str) -> int:
            target = review_.office_map.get(share_name, share_name)
            if target.casefold() not in offices:
                source = next((o for o in share.offices if o.name == share_name), None)
                new_id = session.execute(
                    insert(Office).values(
                        name=target,
                        short_name=source.short_name if source else "",
                        number=source.number if source else "",
                        kind=source.kind if source else "Amt",
                        created_at=now,
                    )
                ).inserted_primary_key[0]  # type: ignore[attr-defined]  # an INSERT's CursorResult
                offices[target.casefold()] = new_id
                applied.offices_created.append(new_id)
            return offices[target.casefold()]

        # offices first (also those only needed by assignments)
        for office in share.offices:
            if f"A:{office.name}" in accepted:
                office_id(office.name)
        state = {
            sid: (relevance, reason, at, lead, source)
            for sid, relevance, reason, at, lead, source in session.execute(
                select(
                    col(Service.id), col(Service.relevance), col(Service.relevance_reason),
                    col(Service.relevance_at), col(Service.lead_office_id),
                    col(Service.assignment_source),
                )
            )
        }  # fmt: skip
        decided = []
        for d in share.decisions:
            if f"E:{d.key}" not in accepted:
                continue
            sid = ids[d.key]
            relevance, reason, at = state[sid][:3]
            applied.decisions.append((sid, relevance, reason, at.isoformat() if at else None))
            decided.append(
                {
                    "id": sid,
                    "relevance": d.relevance,
                    "relevance_reason": f"{d.reason} ({note})" if d.reason else note,
                    "relevance_at": now,
                }
            )
        if decided:
            session.execute(update(Service), decided)
        assigned = []
        for office in share.offices:
            for key in office.lead:
                if f"Z:{key}" not in accepted or key not in ids:
                    continue
                sid = ids[key]
                applied.leads.append((sid, state[sid][3], state[sid][4]))
                assigned.append(
                    {
                        "id": sid,
                        "lead_office_id": office_id(office.name),
                        "assignment_source": SOURCE_TEMPLATE,
                    }
                )
            if f"A:{office.name}" in accepted and office.involved:
                oid = office_id(office.name)
                present = {
                    s
                    for (s,) in session.execute(
                        select(col(ServiceInvolvedOffice.service_id)).where(
                            col(ServiceInvolvedOffice.office_id) == oid
                        )
                    )
                }
                for key in office.involved:
                    sid = ids.get(key)
                    if sid is not None and sid not in present:
                        session.execute(
                            insert(ServiceInvolvedOffice).values(service_id=sid, office_id=oid)
                        )
                        applied.involved_added.append((sid, oid))
        if assigned:
            session.execute(update(Service), assigned)
        plan_names = tuple(q.PLAN_COLUMNS)
        for plan in share.plans:
            if f"P:{plan.key}" not in accepted:
                continue
            sid = ids[plan.key]
            stored = session.get(ServicePlan, sid)
            applied.plans.append(
                (sid, {n: getattr(stored, n) for n in (*plan_names, "decision_reason")} if stored else None)
            )  # fmt: skip
            values: dict[str, Any] = {
                "planned_quarter": plan.planned_quarter or None,
                "decision": plan.decision or None,
                "efa_kind": plan.efa_kind or None,
                "efa_state": plan.efa_state or None,
                "online_name": plan.online_name or None,
                "provider": plan.provider or None,
                "target_level": plan.target_level,
                "decision_reason": note if plan.decision else None,
            }
            if stored is None:
                session.add(ServicePlan(service_id=sid, updated_at=now, **values))
            else:
                for name, value in values.items():
                    setattr(stored, name, value)
                stored.updated_at = now
            old_prereqs = session.execute(
                select(
                    col(Prerequisite.kind), col(Prerequisite.name), col(Prerequisite.vendor),
                    col(Prerequisite.interface), col(Prerequisite.status), col(Prerequisite.owner),
                ).where(col(Prerequisite.service_id) == sid).order_by(col(Prerequisite.id))
            ).all()  # fmt: skip
            applied.prerequisites.append((sid, [tuple(r) for r in old_prereqs]))
            session.execute(delete(Prerequisite).where(col(Prerequisite.service_id) == sid))
            for p in plan.prerequisites:
                session.add(
                    Prerequisite(
                        service_id=sid, kind=p.kind, name=p.name, vendor=p.vendor,
                        interface=p.interface, status=p.status,
                    )
                )  # fmt: skip
        for rule in share.relevance_rules:
            if f"R:{rule.kind}:{rule.value}" in accepted:
                row = RelevanceRule(
                    position=1000 + len(applied.relevance_rules),
                    kind=rule.kind,
                    value=rule.value,
                    suggestion=rule.suggestion,
                    reason=f"{rule.reason} ({note})" if rule.reason else note,
                    enabled=rule.enabled,
                )
                session.add(row)
                session.flush()
                assert row.id is not None
                applied.relevance_rules.append(row.id)
        for arule in share.assignment_rules:
            if f"ZR:{arule.kind}:{arule.value}" in accepted:
                arow = AssignmentRule(
                    position=1000 + len(applied.assignment_rules),
                    kind=arule.kind,
                    value=arule.value,
                    office_id=office_id(arule.office),
                    enabled=arule.enabled,
                )
                session.add(arow)
                session.flush()
                assert arow.id is not None
                applied.assignment_rules.append(arow.id)
        if "T" in accepted and items["T"].key:
            workshop_id = int(items["T"].key)
            old_agenda = session.execute(
                select(
                    col(AgendaItem.position), col(AgendaItem.title), col(AgendaItem.minutes),
                    col(AgendaItem.responsible), col(AgendaItem.notes),
                ).where(col(AgendaItem.workshop_id) == workshop_id)
            ).all()  # fmt: skip
            applied.agenda = (workshop_id, [tuple(r) for r in old_agenda])
            session.execute(delete(AgendaItem).where(col(AgendaItem.workshop_id) == workshop_id))
            for position, entry in enumerate(share.agenda, start=1):
                session.add(
                    AgendaItem(
                        workshop_id=workshop_id,
                        position=position,
                        title=entry.title,
                        minutes=entry.minutes,
                    )
                )
    return applied


def revert(project: Project, applied: Applied) -> None:
    """Undo ``apply`` exactly, in one transaction."""
    from sqlalchemy import delete, update
    from sqlmodel import col

    from ozgdesk.store.models import (
        AgendaItem,
        AssignmentRule,
        Office,
        Prerequisite,
        RelevanceRule,
        Service,
        ServiceInvolvedOffice,
        ServicePlan,
    )

    with project.session() as session:
        if applied.decisions:
            session.execute(
                update(Service),
                [
                    {
                        "id": sid,
                        "relevance": relevance,
                        "relevance_reason": reason,
                        "relevance_at": datetime.fromisoformat(at) if at else None,
                    }
                    for sid, relevance, reason, at in applied.decisions
                ],
            )
        if applied.leads:
            session.execute(
                update(Service),
                [
                    {"id": sid, "lead_office_id": lead, "assignment_source": source}
                    for sid, lead, source in applied.leads
                ],
            )
        for sid, oid in applied.involved_added:
            session.execute(
                delete(ServiceInvolvedOffice).where(
                    col(ServiceInvolvedOffice.service_id) == sid,
                    col(ServiceInvolvedOffice.office_id) == oid,
                )
            )
        for sid, values in applied.plans:
            stored = session.get(ServicePlan, sid)
            if values is None:
                if stored is not None:
                    session.delete(stored)
            elif stored is not None:
                for name, value in values.items():
                    setattr(stored, name, value)
        for sid, rows in applied.prerequisites:
            session.execute(delete(Prerequisite).where(col(Prerequisite.service_id) == sid))
            for kind, name, vendor, interface, status, owner in rows:
                session.add(
                    Prerequisite(
                        service_id=sid, kind=kind, name=name, vendor=vendor,
                        interface=interface, status=status, owner=owner,
                    )
                )  # fmt: skip
        if applied.relevance_rules:
            session.execute(
                delete(RelevanceRule).where(col(RelevanceRule.id).in_(applied.relevance_rules))
            )
        if applied.assignment_rules:
            session.execute(
                delete(AssignmentRule).where(col(AssignmentRule.id).in_(applied.assignment_rules))
            )
        if applied.agenda is not None:
            workshop_id, rows = applied.agenda
            session.execute(delete(AgendaItem).where(col(AgendaItem.workshop_id) == workshop_id))
            for position, title, minutes, responsible, notes in rows:
                session.add(
                    AgendaItem(
                        workshop_id=workshop_id, position=position, title=title,
                        minutes=minutes, responsible=responsible, notes=notes,
                    )
                )  # fmt: skip
        if applied.offices_created:
            session.execute(delete(Office).where(col(Office.id).in_(applied.offices_created)))
