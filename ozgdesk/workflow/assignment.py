"""Step 2 Zuordnung: which office leads which relevant service (a rough first overview).

Assignments are made one by one, for a selection, for a filter, by drag and
drop, or by rules ("Themenfeld Bauen & Wohnen → Bauamt"). A rule's effect is
previewed before it is applied, and rules never overwrite a manual assignment
silently: such services are listed as kept. Every change returns what it
replaced, so the UI can undo it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ozgdesk.store import queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceRow
from ozgdesk.textnorm import clean, fold
from ozgdesk.workflow.steps import StepState, StepStatus

MANUAL = "manuell"
BY_RULE = "Regel"
BY_IMPORT = "Import"

RULE_KINDS = {
    "themenfeld": "Themenfeld",
    "lebenslage": "Lebenslage",
    "ozg": "OZG-ID",
    "name": "Bezeichnung enthält",
}
_KIND_ALIASES = {
    "themenfeld": "themenfeld",
    "lebenslage": "lebenslage",
    "lage": "lebenslage",
    "ozg": "ozg",
    "ozgid": "ozg",
    "ozgleistung": "ozg",
    "name": "name",
    "bezeichnung": "name",
    "leistung": "name",
}


@dataclass(frozen=True)
class Assignment:
    """A service's offices as stored (also what an edit replaced, for undo)."""

    service_id: int
    lead_office_id: int | None
    source: str
    involved: tuple[int, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: int | None
    kind: str
    value: str
    office_id: int
    enabled: bool = True
    position: int = 0
    office_name: str = ""

    def describe(self) -> str:
        return f"{RULE_KINDS.get(self.kind, self.kind)} „{self.value}“ → {self.office_name or self.office_id}"


@dataclass(frozen=True)
class Change:
    """What applying rules would do to one service."""

    service_id: int
    key: str
    name: str
    old_office: str
    new_office: str
    new_office_id: int
    action: str  # "neu", "ersetzt", "bleibt (manuell)", "bleibt (Import)"
    rule: str

    @property
    def applies(self) -> bool:
        return self.action in ("neu", "ersetzt")


def parse_rule_text(text: str) -> tuple[str, str]:
    """'Themenfeld=Bauen & Wohnen' -> ('themenfeld', 'Bauen & Wohnen')."""
    if "=" not in text:
        raise ValueError(f"Regel „{text}“: erwartet ART=WERT, z. B. „Themenfeld=Bauen & Wohnen“.")
    kind, _, value = text.partition("=")
    normalised = "".join(ch for ch in fold(kind) if ch.isalnum())
    if normalised not in _KIND_ALIASES:
        raise ValueError(
            f"Unbekannte Regelart „{kind.strip()}“ (möglich: Themenfeld, Lebenslage, OZG-ID, Name)."
        )
    if not clean(value):
        raise ValueError(f"Regel „{text}“: der Wert fehlt.")
    return _KIND_ALIASES[normalised], clean(value)


def matches(kind: str, value: str, row: ServiceRow) -> bool:
    if kind == "themenfeld":
        return value in row.themenfeld.split(", ")
    if kind == "lebenslage":
        return value in row.lebenslage.split(", ")
    if kind == "ozg":
        return any(
            part.split(" ", 1)[0] == value for part in row.ozg.split("; ")
        ) or value in row.ozg.split("; ")
    if kind == "name":
        return fold(value) in fold(row.name)
    return False


# -- reading ------------------------------------------------------------------------------


def current(project: Project, ids: Iterable[int]) -> list[Assignment]:
    ids = list(dict.fromkeys(ids))
    with project.reading() as conn:
        rows = queries.assignment_rows(conn, ids)
    return [Assignment(i, lead, source, tuple(involved)) for i, lead, source, involved in rows]


@dataclass(frozen=True)
class Counters:
    relevant: int
    relevant_unassigned: int
    assigned: int  # services with a lead office (relevant or not)
    per_office: dict[int, int]  # office id -> relevant services led


def counters(project: Project) -> Counters:
    with project.reading() as conn:
        relevant, unassigned, assigned = queries.assignment_counts(conn)
        per_office = queries.relevant_per_office(conn)
    return Counters(relevant, unassigned, assigned, per_office)


def status(project: Project) -> StepState:
    """Not started without offices; done when every relevant service has a lead
    office, every such office has an OZG contact and the leadership is briefed."""
    from ozgdesk.workflow import briefings, offices

    all_offices = offices.offices(project)
    numbers = counters(project)
    if not all_offices and not numbers.assigned:
        return StepState(StepStatus.NOT_STARTED, {"offices": 0})
    without_contact = [o for o in all_offices if o.relevant_services and not o.main_contacts]
    leadership = briefings.leadership_briefed(project)
    done = (
        numbers.relevant > 0
        and numbers.relevant_unassigned == 0
        and not without_contact
        and leadership
    )
    return StepState(
        StepStatus.DONE if done else StepStatus.IN_PROGRESS,
        {
            "offices": len(all_offices),
            "relevant": numbers.relevant,
            "relevant_unassigned": numbers.relevant_unassigned,
            "offices_without_contact": len(without_contact),
            "leadership_briefed": int(leadership),
        },
    )


# -- writing ------------------------------------------------------------------------------


def apply(
    project: Project, assignments: Sequence[Assignment], seen: Mapping[int, int] | None = None
) -> list[Assignment]:
    """Store the given assignments (lead, source and involved offices) in one
    transaction; returns those they replaced. With ``seen`` (service id → the version the
    user saw) a lead office someone else changed meanwhile raises
    ``conflicts.EditConflictError`` and nothing is stored."""
    from sqlalchemy import delete, insert, select, update

    from ozgdesk.store.models import Office, Service, ServiceInvolvedOffice
    from ozgdesk.workflow import conflicts

    previous = current(project, [a.service_id for a in assignments])
    if not assignments:
        return previous
    with project.session() as session:
        if seen:
            names = dict(session.execute(select(col(Office.id), col(Office.name))).all())
            wanted = {a.service_id: names.get(a.lead_office_id, "") for a in assignments}
            stored_name = (
                select(col(Office.name))
                .where(col(Office.id) == col(Service.lead_office_id))
                .scalar_subquery()
            )
            conflicts.refuse(session, wanted, seen, "federführendes Amt", stored_name)
        session.execute(
            update(Service),
            [
                {
                    "id": a.service_id,
                    "lead_office_id": a.lead_office_id,
                    "assignment_source": a.source,
                }
                for a in assignments
            ],
        )
        ids = [a.service_id for a in assignments]
        for start in range(0, len(ids), 500):
            session.execute(
                delete(ServiceInvolvedOffice).where(
                    col(ServiceInvolvedOffice.service_id).in_(ids[start : start + 500])
                )
            )
        links = [
            {"service_id": a.service_id, "office_id": o}
            for a in assignments
            for o in dict.fromkeys(a.involved)
            if o != a.lead_office_id
        ]
        if links:
            session.execute(insert(ServiceInvolvedOffice), links)
        if seen or project.is_server:  # what undo/redo later check against
            conflicts.note_versions(project, session, [a.service_id for a in assignments])
    return previous


def assign(
    project: Project,
    ids: Iterable[int],
    office_id: int | None,
    source: str = MANUAL,
    seen: Mapping[int, int] | None = None,
) -> list[Assignment]:
    """Make ``office_id`` the lead office of the services (None: no lead office).
    Involved offices stay, except the new lead itself. ``seen``: see :func:`apply`."""
    before = current(project, ids)
    return apply(
        project,
        [
            Assignment(
                a.service_id,
                office_id,
                source if office_id else "",
                tuple(o for o in a.involved if o != office_id),
            )
            for a in before
        ],
        seen,
    )


def set_involved(
    project: Project, ids: Iterable[int], office_id: int, involved: bool = True
) -> list[Assignment]:
    """Add (or remove) ``office_id`` as an involved office of the services."""
    before = current(project, ids)
    changed = []
    for a in before:
        offices = [o for o in a.involved if o != office_id]
        if involved and office_id != a.lead_office_id:
            offices.append(office_id)
        changed.append(Assignment(a.service_id, a.lead_office_id, a.source, tuple(offices)))
    return apply(project, changed)


# -- rules --------------------------------------------------------------------------------


def rules(project: Project) -> list[Rule]:
    with project.reading() as conn:
        rows = queries.assignment_rule_rows(conn)
    return [Rule(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6]) for r in rows]


def save_rule(project: Project, rule: Rule) -> int:
    from ozgdesk.store.models import AssignmentRule, Office

    if rule.kind not in RULE_KINDS:
        raise ValueError(f"Unbekannte Regelart „{rule.kind}“.")
    if not clean(rule.value):
        raise ValueError("Bitte geben Sie einen Wert für die Regel an.")
    with project.session() as session:
        if session.get(Office, rule.office_id) is None:
            raise ValueError("Bitte wählen Sie ein Amt für die Regel.")
        row = session.get(AssignmentRule, rule.id) if rule.id else None
        if row is None:
            position = rule.position or 1 + max((r.position for r in rules(project)), default=0)
            row = AssignmentRule(
                kind=rule.kind, value=clean(rule.value), office_id=rule.office_id, position=position
            )
            session.add(row)
        row.kind, row.value, row.office_id, row.enabled = (
            rule.kind,
            clean(rule.value),
            rule.office_id,
            rule.enabled,
        )
        session.flush()
        assert row.id is not None
        return row.id


def delete_rule(project: Project, rule_id: int) -> None:
    from ozgdesk.store.models import AssignmentRule

    with project.session() as session:
        row = session.get(AssignmentRule, rule_id)
        if row is not None:
            session.delete(row)


def preview(
    project: Project,
    active: Sequence[Rule],
    rows: Sequence[ServiceRow] | None = None,
    only_relevant: bool = True,
) -> list[Change]:
    """What applying ``active`` rules (first match wins) would change."""
    from ozgdesk.workflow import offices, overview

    names = {o.id: o.name for o in offices.offices(project)}
    if rows is not None:
        rows = list(rows)
    elif only_relevant:
        rows = overview.relevant_rows(project)
    else:
        rows = overview.catalogue_rows(project)
    if only_relevant:
        rows = [r for r in rows if r.relevance == "relevant"]
    enabled = [r for r in active if r.enabled]
    sources = {a.service_id: a for a in current(project, [r.id for r in rows])}
    changes = []
    for row in rows:
        rule = next((r for r in enabled if matches(r.kind, r.value, row)), None)
        if rule is None:
            continue
        stored = sources.get(row.id)
        old_id = stored.lead_office_id if stored else None
        if old_id == rule.office_id:
            continue
        old = names.get(old_id, "") if old_id else ""
        if old_id is None:
            action = "neu"
        elif stored is not None and stored.source in (MANUAL, BY_IMPORT):
            action = f"bleibt ({stored.source})"
        else:
            action = "ersetzt"
        changes.append(
            Change(
                row.id,
                row.key,
                row.name,
                old,
                names.get(rule.office_id, ""),
                rule.office_id,
                action,
                rule.describe(),
            )
        )
    return changes


def apply_changes(project: Project, changes: Sequence[Change]) -> list[Assignment]:
    """Apply the previewed changes that may apply (manual ones are kept)."""
    wanted = {c.service_id: c.new_office_id for c in changes if c.applies}
    before = current(project, wanted)
    return apply(
        project,
        [
            Assignment(
                a.service_id,
                wanted[a.service_id],
                BY_RULE,
                tuple(o for o in a.involved if o != wanted[a.service_id]),
            )
            for a in before
        ],
    )
