"""Taking over a share file's accepted items (``apply``) and undoing it exactly (``revert``).

``workflow/sharing.py`` builds and reviews share files; this module writes: one transaction
after a backup, the replaced values kept in :class:`Applied` for the undo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ozgdesk.formats import share_file as sf
from ozgdesk.store import sharing_queries as q
from ozgdesk.store.project import Project
from ozgdesk.workflow.sharing import SOURCE_TEMPLATE, Review, source_note


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
