"""Step 4 Datenlieferung: every relevant service's contact point and web page.

Each office has a contact point (Organisationseinheit: name, address,
communication, opening hours, contact persons). A service inherits it from its
responsible unit – by default its lead office – and may override any field.
Checks name what is missing or wrong in plain German; a service is complete
when no check reports an error.

The statuses and records are in delivery_model, the checks of a service's values in
delivery_checks; their names are importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from ozgdesk.store import queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.workflow.delivery_checks import (
    check_values,
    with_checks,
)
from ozgdesk.workflow.delivery_model import (
    CHECKED,
    DELIVERED,
    ENTERED,
    LABELS,
    OPEN,
    REQUESTED,
    REQUIRED,
    SERVICE_FIELDS,
    STATUS_DATE,
    STATUSES,
    UNIT_FIELDS,
    Check,
    Effective,
    Person,
    Stored,
    Unit,
)
from ozgdesk.workflow.steps import StepState, StepStatus

__all__ = [
    "CHECKED",
    "Check",
    "DELIVERED",
    "ENTERED",
    "Effective",
    "LABELS",
    "OPEN",
    "Person",
    "Progress",
    "REQUESTED",
    "REQUIRED",
    "SERVICE_FIELDS",
    "STATUSES",
    "STATUS_DATE",
    "Stored",
    "UNIT_FIELDS",
    "Unit",
    "check_values",
    "edit_services",
    "effective_rows",
    "progress",
    "save_services",
    "save_unit",
    "set_status",
    "status",
    "stored",
    "units",
    "with_checks",
    "with_status",
]


# -- reading --------------------------------------------------------------------------------


def _date(value: object) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _dt(value: object) -> datetime | None:
    """Stored timestamps are UTC (SQLite keeps them without zone)."""
    if value in (None, ""):
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _persons(rows: Iterable[tuple]) -> dict[tuple[str, int], list[Person]]:
    result: dict[tuple[str, int], list[Person]] = {}
    for r in rows:
        # id, office_id, service_id, first, surname, phone, email, hours
        owner = ("office", r[1]) if r[1] is not None else ("service", r[2])
        result.setdefault(owner, []).append(Person(r[0], r[3], r[4], r[5], r[6], r[7]))
    return result


def units(project: Project) -> list[Unit]:
    """Every office with its contact point (empty values where nothing is entered yet)."""
    with project.reading() as conn:
        offices = queries.office_rows(conn)
        stored = {r[0]: r for r in queries.office_unit_rows(conn)}
        persons = _persons(queries.delivery_person_rows(conn))
    result = []
    for office in offices:
        row = stored.get(office[0])
        values = dict(zip(UNIT_FIELDS, row[1:10], strict=True)) if row else {}
        result.append(
            Unit(
                office[0],
                office[1],
                values,
                tuple(persons.get(("office", office[0]), [])),
                _dt(row[10]) if row else None,
            )
        )
    return result


def _stored(row: tuple | None, service_id: int, persons: list[Person]) -> Stored:
    if row is None:
        return Stored(service_id, persons=tuple(persons))
    # service_id, unit_office_id, 9 unit fields, page_url, online_url, notes, status, 4 dates,
    # updated_at, version
    values = dict(zip(UNIT_FIELDS + SERVICE_FIELDS, row[2:14], strict=True))
    dates = dict(zip(STATUS_DATE.values(), (_date(v) for v in row[15:19]), strict=True))
    return Stored(
        row[0], row[1], values, row[14], dates, tuple(persons), _dt(row[19]), True, row[20]
    )


def effective_rows(
    project: Project, only_relevant: bool = True, ids: Sequence[int] | None = None
) -> list[Effective]:
    """The delivery data of (relevant) services after inheritance, with their checks."""
    if only_relevant and ids is None:
        return project.memo("delivery_rows", lambda: _effective_rows(project, True, None))
    return _effective_rows(project, only_relevant, ids)


def _effective_rows(
    project: Project, only_relevant: bool, ids: Sequence[int] | None
) -> list[Effective]:
    from ozgdesk.workflow import overview

    if ids is None and only_relevant:
        rows = overview.relevant_rows(project)
    else:
        rows = overview.catalogue_rows(project, list(ids) if ids is not None else None)
        if only_relevant:
            rows = [r for r in rows if r.relevance == "relevant"]
    with project.reading() as conn:
        stored = {r[0]: r for r in queries.service_delivery_rows(conn)}
        persons = _persons(queries.delivery_person_rows(conn))
        lead = dict(queries.lead_offices(conn))
        website = queries.project_summary(conn).website
    unit_by_office = {u.office_id: u for u in units(project)}
    result = []
    for row in rows:
        data = _stored(stored.get(row.id), row.id, persons.get(("service", row.id), []))
        unit_id = data.unit_office_id or lead.get(row.id)
        unit = unit_by_office.get(unit_id) if unit_id is not None else None
        values, inherited = {}, set()
        for name in UNIT_FIELDS:
            own = data.values.get(name, "")
            if own:
                values[name] = own
            elif unit is not None and unit.get(name):
                values[name] = unit.get(name)
                inherited.add(name)
            else:
                values[name] = ""
        for name in SERVICE_FIELDS:
            values[name] = data.values.get(name, "")
        own_persons = bool(data.persons)
        effective_persons = data.persons if own_persons else (unit.persons if unit else ())
        result.append(
            Effective(
                row.id,
                row.key,
                row.name,
                row.relevance,
                row.office,
                unit_id,
                unit.office_name if unit else "",
                values,
                frozenset(inherited),
                effective_persons,
                not own_persons,
                data.status,
                data.dates,
                data,
            )
        )
    return with_checks(result, website)


# -- progress and status -------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    office: str
    total: int
    complete: int
    delivered: int  # status geliefert or later

    @property
    def percent(self) -> int:
        return round(100 * self.complete / self.total) if self.total else 100


def progress(rows: Sequence[Effective]) -> tuple[Progress, list[Progress]]:
    """Completeness in total and per responsible unit (office)."""
    later = set(STATUSES[STATUSES.index(DELIVERED) :])
    per: dict[str, list[Effective]] = {}
    for row in rows:
        per.setdefault(row.unit_office or "(ohne zuständige Stelle)", []).append(row)

    def make(name: str, items: Sequence[Effective]) -> Progress:
        return Progress(
            name, len(items), sum(r.complete for r in items), sum(r.status in later for r in items)
        )

    offices = [
        make(name, items)
        for name, items in sorted(per.items(), key=lambda kv: (kv[0].startswith("("), kv[0]))
    ]
    return make("gesamt", rows), offices


def status(project: Project) -> StepState:
    rows = effective_rows(project)
    total, _ = progress(rows)
    started = any(r.stored.exists or r.inherited for r in rows)
    if not rows or not started:
        return StepState(
            StepStatus.NOT_STARTED,
            {"delivery_total": total.total, "delivery_complete": total.complete},
        )
    finished = all(r.complete and r.status in (ENTERED, CHECKED) for r in rows)
    return StepState(
        StepStatus.DONE if finished else StepStatus.IN_PROGRESS,
        {"delivery_total": total.total, "delivery_complete": total.complete},
    )


# -- writing ---------------------------------------------------------------------------------------


def _clean_values(values: dict[str, str]) -> dict[str, str]:
    return {
        k: (v.strip() if k in ("email", "page_url", "online_url", "notes") else clean(v))
        for k, v in values.items()
    }


def save_unit(
    project: Project,
    office_id: int,
    values: dict[str, str],
    persons: Sequence[Person] | None = None,
) -> None:
    """Store an office's contact point (and, if given, its contact persons)."""
    from ozgdesk.store.models import OfficeUnit

    unknown = set(values) - set(UNIT_FIELDS)
    if unknown:
        raise ValueError(f"Unbekannte Felder: {', '.join(sorted(unknown))}")
    with project.session() as session:
        row = session.get(OfficeUnit, office_id)
        if row is None:
            row = OfficeUnit(office_id=office_id, updated_at=datetime.now(UTC))
            session.add(row)
        for name, value in _clean_values(values).items():
            setattr(row, name, value)
        row.updated_at = datetime.now(UTC)
        if persons is not None:
            _replace_persons(session, office_id=office_id, persons=persons)


def _replace_persons(
    session,
    *,
    persons: Sequence[Person],
    office_id: int | None = None,
    service_id: int | None = None,
) -> None:
    from sqlalchemy import delete

    from ozgdesk.store.models import DeliveryPerson

    condition = (
        col(DeliveryPerson.office_id) == office_id
        if office_id is not None
        else col(DeliveryPerson.service_id) == service_id
    )
    session.execute(delete(DeliveryPerson).where(condition))
    for position, person in enumerate(persons, start=1):
        if not (person.first_name or person.surname or person.email or person.phone):
            continue
        session.add(
            DeliveryPerson(
                office_id=office_id,
                service_id=service_id,
                position=position,
                first_name=clean(person.first_name),
                surname=clean(person.surname),
                phone=clean(person.phone),
                email=person.email.strip(),
                hours=clean(person.hours),
            )
        )


def stored(project: Project, ids: Iterable[int]) -> list[Stored]:
    ids = list(dict.fromkeys(ids))
    with project.reading() as conn:
        rows = {r[0]: r for r in queries.service_delivery_rows(conn, ids)}
        persons = _persons(queries.delivery_person_rows(conn))
    return [_stored(rows.get(i), i, persons.get(("service", i), [])) for i in ids]


def save_services(project: Project, data: Sequence[Stored], check: bool = False) -> list[Stored]:
    """Store services' delivery data (overrides, URLs, status, persons) in one transaction;
    returns what it replaced (for undo). With ``check`` each item's ``version`` is the one
    the user saw: data someone else changed meanwhile raises ``conflicts.EditConflictError``
    (with the first differing field) and nothing is stored."""
    from sqlalchemy import delete

    from ozgdesk.store.models import ServiceDelivery

    previous = stored(project, [d.service_id for d in data])
    now = datetime.now(UTC)
    with project.session() as session:
        if check:
            _refuse_conflicts(project, session, data)
        for item in data:
            if item.status not in STATUSES:
                raise ValueError(f"Unbekannter Stand „{item.status}“.")
            if not item.exists:
                session.execute(
                    delete(ServiceDelivery).where(
                        col(ServiceDelivery.service_id) == item.service_id
                    )
                )
                _replace_persons(session, service_id=item.service_id, persons=())
                continue
            row = session.get(ServiceDelivery, item.service_id)
            if row is None:
                row = ServiceDelivery(service_id=item.service_id, updated_at=now)
                session.add(row)
            row.unit_office_id = item.unit_office_id
            for name in UNIT_FIELDS + SERVICE_FIELDS:
                setattr(row, name, _clean_values({name: item.values.get(name, "")})[name])
            row.status = item.status
            for name in STATUS_DATE.values():
                setattr(row, name, item.dates.get(name))
            row.updated_at = item.updated_at or now
            _replace_persons(session, service_id=item.service_id, persons=item.persons)
    return previous


_SHOWN = {"unit_office_id": "Ansprechstelle", **LABELS}


def _difference(theirs: Stored, mine: Stored) -> tuple[str, str, str] | None:
    """The first field in which two states of a service's data differ: (label, theirs, mine)."""
    for name in UNIT_FIELDS + SERVICE_FIELDS:
        if theirs.values.get(name, "") != mine.values.get(name, ""):
            return LABELS[name], theirs.values.get(name, ""), mine.values.get(name, "")
    for name in ("unit_office_id", "status", "persons"):
        a, b = getattr(theirs, name), getattr(mine, name)
        if a != b:
            shown = {"persons": lambda p: ", ".join(x.name for x in p)}.get(name, str)
            return (
                _SHOWN[name],
                shown(a) if a is not None else "",
                shown(b) if b is not None else "",
            )
    return None


def _refuse_conflicts(project: Project, session, data: Sequence[Stored]) -> None:  # noqa: ANN001 - a SQLModel session
    from sqlalchemy import select

    from ozgdesk.store.models import Service, ServiceDelivery
    from ozgdesk.workflow import conflicts

    ids = sorted(d.service_id for d in data)
    versions: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        versions.update(
            session.execute(
                select(col(ServiceDelivery.service_id), col(ServiceDelivery.version))
                .where(col(ServiceDelivery.service_id).in_(ids[start : start + 500]))
                .order_by(col(ServiceDelivery.service_id))
                .with_for_update()
            ).all()
        )
    moved = [d for d in data if versions.get(d.service_id, 0) != d.version]
    if not moved:
        return
    names = dict(
        session.execute(
            select(col(Service.id), col(Service.name)).where(
                col(Service.id).in_([d.service_id for d in moved])
            )
        ).all()
    )
    now = {s.service_id: s for s in stored(project, [d.service_id for d in moved])}
    found = []
    for item in moved:
        differs = _difference(now[item.service_id], item)
        if differs is not None:
            label, theirs, mine = differs
            found.append(
                conflicts.Conflict(
                    item.service_id,
                    names.get(item.service_id, ""),
                    label,
                    theirs,
                    mine,
                    versions.get(item.service_id, 0),
                )
            )
    if found:
        raise conflicts.EditConflictError(found)


def edit_services(project: Project, ids: Iterable[int], **changes: object) -> list[Stored]:
    """Change some fields of several services (values, unit_office_id, status, persons)."""
    now = datetime.now(UTC)
    result = []
    for item in stored(project, ids):
        values = dict(item.values)
        values.update({k: str(v) for k, v in changes.items() if k in UNIT_FIELDS + SERVICE_FIELDS})
        new = replace(item, values=values, exists=True, updated_at=now)
        if "unit_office_id" in changes:
            new = replace(new, unit_office_id=changes["unit_office_id"])  # type: ignore[arg-type]  # changes are checked field by field above; their values are of the field's type
        if "persons" in changes:
            new = replace(new, persons=tuple(changes["persons"]))  # type: ignore[arg-type]  # changes are checked field by field above; their values are of the field's type
        if "status" in changes:
            new = with_status(new, str(changes["status"]), changes.get("on"))  # type: ignore[arg-type]  # changes are checked field by field above; their values are of the field's type
        result.append(new)
    return save_services(project, result)


def with_status(item: Stored, status: str, on: date | None = None) -> Stored:
    if status not in STATUSES:
        raise ValueError(f"Unbekannter Stand „{status}“ (möglich: {', '.join(STATUSES)}).")
    dates = dict(item.dates)
    if status in STATUS_DATE and not dates.get(STATUS_DATE[status]):
        dates[STATUS_DATE[status]] = on or date.today()
    return replace(item, status=status, dates=dates)


def set_status(
    project: Project, ids: Iterable[int], status: str, on: date | None = None
) -> list[Stored]:
    return edit_services(project, ids, status=status, on=on)
