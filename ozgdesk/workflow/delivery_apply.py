"""Applying an accepted review of returned step-4 forms (after a backup, in one
transaction; each change re-checked against the project as it is now) and undoing it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.workflow import delivery
from ozgdesk.workflow.delivery import (
    SERVICE_FIELDS,
    STATUSES,
    UNIT_FIELDS,
    Person,
    Stored,
    Unit,
)
from ozgdesk.workflow.delivery_form_fields import (
    BACKUP_REASON,
    PERSON_ATTRS,
    PERSON_COUNT,
    STATUS,
    _base,
    _unit_field_number,
    normalise,
)
from ozgdesk.workflow.delivery_matching import _IDENTITY, LONE_HOURS
from ozgdesk.workflow.delivery_review_items import Change, ReturnsReview, _shown

if TYPE_CHECKING:
    pass


# -- apply ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Skipped:
    change: Change
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"id": self.change.id, "reason": self.reason}


@dataclass
class ApplyResult:
    """What ``apply`` did, and what it replaced (for undo)."""

    committed: bool
    applied: list[Change] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    previous_stored: list[Stored] = field(default_factory=list)
    previous_units: list[Unit] = field(default_factory=list)
    backup: Path | None = None
    reason: str = ""  # why nothing was committed

    def as_dict(self) -> dict[str, object]:
        return {
            "committed": self.committed,
            "applied": [c.id for c in self.applied],
            "skipped": [s.as_dict() for s in self.skipped],
            "backup": str(self.backup) if self.backup else "",
            "reason": self.reason,
        }


def accept_ids(review_: ReturnsReview, conflicts: bool = False) -> set[str]:
    """The ids of all changes (and, with ``conflicts``, of all conflicts)."""
    ids = {c.id for c in review_.changes}
    if conflicts:
        ids |= {c.id for c in review_.conflicts}
    return ids


def apply(
    project: Project, review_: ReturnsReview, accepted: Iterable[str] | Literal["all"]
) -> ApplyResult:
    """Apply the accepted changes in one transaction after a backup.

    ``"all"`` means every change but no conflict; a conflict is applied only when its id is
    given. A change whose field was changed in the project since the review is skipped.
    """
    candidates = review_.changes + review_.conflicts
    if accepted == "all":
        chosen = list(review_.changes)
    else:
        wanted = set(accepted)
        unknown = wanted - {c.id for c in candidates}
        if unknown:
            raise ValueError(f"Unbekannte Änderung(en): {', '.join(sorted(unknown))}")
        chosen = [c for c in candidates if c.id in wanted]
    if not chosen:
        if not candidates:
            reason = "Die Rückläufe enthalten keine Änderungen gegenüber dem Projekt."
        else:
            reason = "Keine Änderung ausgewählt; das Projekt bleibt unverändert."
        return ApplyResult(False, reason=reason)
    if project.read_only:
        return ApplyResult(False, reason="Das Projekt ist schreibgeschützt geöffnet.")

    service_ids = list(dict.fromkeys(c.service_id for c in chosen if c.service_id is not None))
    before_services = {s.service_id: s for s in delivery.stored(project, service_ids)}
    before_units = {u.office_id: u for u in delivery.units(project)}
    drafts: dict[int, _ServiceDraft] = {}
    unit_drafts: dict[int, _UnitDraft] = {}
    applied: list[Change] = []
    skipped: list[Skipped] = []
    for change in chosen:
        if change.service_id is not None:
            if change.service_id not in before_services:
                skipped.append(Skipped(change, "Die Leistung gibt es im Projekt nicht mehr."))
                continue
            draft = drafts.setdefault(
                change.service_id, _ServiceDraft.of(before_services[change.service_id])
            )
        else:
            if change.office_id not in before_units:
                skipped.append(Skipped(change, "Das Amt gibt es im Projekt nicht mehr."))
                continue
            draft = unit_drafts.setdefault(  # type: ignore[assignment]  # the draft dict holds unit drafts only; setdefault's type is wider
                change.office_id, _UnitDraft.of(before_units[change.office_id])
            )
        current = normalise(change.field, draft.get(change.field))
        if current == change.new:
            skipped.append(Skipped(change, "Der Wert steht bereits so im Projekt."))
            continue
        if current != change.old:
            skipped.append(
                Skipped(
                    change,
                    f"Inzwischen im Projekt geändert (jetzt „{_shown(current)}“); nicht "
                    "überschrieben.",
                )
            )
            continue
        draft.set(change.field, change.new)
        applied.append(change)
    for change in list(applied):  # hours whose person lost (or never got) a name
        if _base(change.field) != "hours":
            continue
        holder = (
            drafts[change.service_id]
            if change.service_id is not None
            else unit_drafts[change.office_id]
        )
        if holder.lone_hours(change.field):
            holder.set(change.field, change.old)
            applied.remove(change)
            skipped.append(Skipped(change, LONE_HOURS))
    if not applied:
        return ApplyResult(
            False,
            skipped=skipped,
            reason="Keine der ausgewählten Änderungen ist noch offen; das Projekt bleibt unverändert.",
        )
    backup = project.backup(BACKUP_REASON)
    now = datetime.now(UTC)
    services_changed = {c.service_id for c in applied if c.service_id is not None}
    units_changed = {c.office_id for c in applied if c.service_id is None}
    new_services = [d.stored(now) for i, d in drafts.items() if i in services_changed]
    new_units = [d for i, d in unit_drafts.items() if i in units_changed]
    with project.session() as session:
        for unit_draft in new_units:
            _write_unit(session, unit_draft.office_id, unit_draft.values, unit_draft.persons(), now)
        for item in new_services:
            _write_service(session, item, now)
    return ApplyResult(
        True,
        applied=applied,
        skipped=skipped,
        previous_stored=[before_services[s.service_id] for s in new_services],
        previous_units=[before_units[u.office_id] for u in new_units],
        backup=backup,
    )


def undo(project: Project, result: ApplyResult) -> None:
    """Restore what ``apply`` replaced (one transaction)."""
    from sqlalchemy import delete

    from ozgdesk.store.models import OfficeUnit

    now = datetime.now(UTC)
    with project.session() as session:
        for unit in result.previous_units:
            if unit.updated_at is None:  # there was no contact point yet
                session.execute(
                    delete(OfficeUnit).where(col(OfficeUnit.office_id) == unit.office_id)
                )
                delivery._replace_persons(session, office_id=unit.office_id, persons=unit.persons)
            else:
                _write_unit(session, unit.office_id, unit.values, unit.persons, unit.updated_at)
        for item in result.previous_stored:
            _write_service(session, item, now)


@dataclass
class _ServiceDraft:
    item: Stored
    values: dict[str, str]
    status: str
    person: dict[str, str]

    @classmethod
    def of(cls, item: Stored) -> _ServiceDraft:
        first = item.persons[0] if item.persons else Person(None)
        return cls(
            item,
            dict(item.values),
            item.status,
            {attr: getattr(first, attr) for attr, _ in PERSON_ATTRS},
        )

    def get(self, name: str) -> str:
        if name == STATUS:
            return self.status
        if name.startswith("person_"):
            return self.person[_base(name)]
        return self.values.get(name, "")

    def set(self, name: str, value: str) -> None:
        if name == STATUS:
            self.status = value
        elif name.startswith("person_"):
            self.person[_base(name)] = value
        else:
            self.values[name] = value

    def lone_hours(self, name: str) -> bool:
        return bool(self.person["hours"]) and not any(self.person[a] for a in _IDENTITY)

    def stored(self, now: datetime) -> Stored:
        item = self.item
        persons = list(item.persons)
        first = Person(None, **self.person)
        empty = not any(self.person.values())
        if persons:
            persons = persons[1:] if empty else [first, *persons[1:]]
        elif not empty:
            persons = [first]
        new = replace(item, values=self.values, persons=tuple(persons), exists=True, updated_at=now)
        if self.status != item.status:
            new = delivery.with_status(new, self.status)
        return new


@dataclass
class _UnitDraft:
    office_id: int
    values: dict[str, str]
    people: list[dict[str, str]]

    @classmethod
    def of(cls, unit: Unit) -> _UnitDraft:
        people = [{attr: getattr(p, attr) for attr, _ in PERSON_ATTRS} for p in unit.persons]
        while len(people) < PERSON_COUNT:
            people.append({attr: "" for attr, _ in PERSON_ATTRS})
        return cls(unit.office_id, {n: unit.get(n) for n in UNIT_FIELDS}, people)

    def get(self, name: str) -> str:
        number = _unit_field_number(name)
        if number:
            return self.people[number - 1][_base(name)]
        return self.values.get(name, "")

    def set(self, name: str, value: str) -> None:
        number = _unit_field_number(name)
        if number:
            self.people[number - 1][_base(name)] = value
        else:
            self.values[name] = value

    def lone_hours(self, name: str) -> bool:
        person = self.people[_unit_field_number(name) - 1]
        return bool(person["hours"]) and not any(person[a] for a in _IDENTITY)

    def persons(self) -> list[Person]:
        return [Person(None, **p) for p in self.people if any(p.values())]


def _write_unit(
    session,
    office_id: int,
    values: dict[str, str],
    persons: Sequence[Person],
    updated_at: datetime,
) -> None:
    """Like ``delivery.save_unit``, inside the caller's transaction."""
    from ozgdesk.store.models import OfficeUnit

    row = session.get(OfficeUnit, office_id)
    if row is None:
        row = OfficeUnit(office_id=office_id, updated_at=updated_at)
        session.add(row)
    for name, value in delivery._clean_values({n: values.get(n, "") for n in UNIT_FIELDS}).items():
        setattr(row, name, value)
    row.updated_at = updated_at
    delivery._replace_persons(session, office_id=office_id, persons=persons)


def _write_service(session, item: Stored, now: datetime) -> None:
    """Like ``delivery.save_services`` for one service, inside the caller's transaction."""
    from sqlalchemy import delete

    from ozgdesk.store.models import ServiceDelivery

    if item.status not in STATUSES:
        raise ValueError(f"Unbekannter Stand „{item.status}“.")
    if not item.exists:
        session.execute(
            delete(ServiceDelivery).where(col(ServiceDelivery.service_id) == item.service_id)
        )
        delivery._replace_persons(session, service_id=item.service_id, persons=item.persons)
        return
    row = session.get(ServiceDelivery, item.service_id)
    if row is None:
        row = ServiceDelivery(service_id=item.service_id, updated_at=now)
        session.add(row)
    row.unit_office_id = item.unit_office_id
    cleaned = delivery._clean_values(
        {n: item.values.get(n, "") for n in UNIT_FIELDS + SERVICE_FIELDS}
    )
    for name, value in cleaned.items():
        setattr(row, name, value)
    row.status = item.status
    for name in delivery.STATUS_DATE.values():
        setattr(row, name, item.dates.get(name))
    row.updated_at = item.updated_at or now
    delivery._replace_persons(session, service_id=item.service_id, persons=item.persons)
