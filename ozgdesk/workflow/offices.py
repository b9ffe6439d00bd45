"""Step 2: the municipality's own organisation – offices and their OZG contacts.

Offices (Amt, Fachbereich, Stabsstelle …) start from a template or are typed;
they can be renamed, merged (services, contacts and rules move along) and
deleted only when no service is left or after moving them. Each office names
one or two OZG contacts and may have a deputy.

Office operations are rare and touch several tables, so their undo works on a
snapshot of the organisation (:func:`capture` / :func:`restore`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from ozgdesk import paths
from ozgdesk.formats import reference_csv
from ozgdesk.store import organisation, queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.wording import plural
from ozgdesk.workflow.checks import email_problem, phone_problem

KINDS = ("Amt", "Fachbereich", "Fachdienst", "Stabsstelle", "Referat", "Eigenbetrieb")

# four to six Fachbereiche, as small municipalities often organise themselves
SMALL_MUNICIPALITY = (
    ("Zentrale Dienste", "FB 1"),
    ("Finanzen", "FB 2"),
    ("Bürgerservice und Ordnung", "FB 3"),
    ("Bauen und Planen", "FB 4"),
    ("Soziales und Schule", "FB 5"),
)


class OfficeError(ValueError):
    """An office operation that cannot be done, with a German explanation."""


@dataclass(frozen=True)
class Contact:
    id: int | None
    office_id: int
    name: str
    function: str = ""
    email: str = ""
    phone: str = ""
    deputy: bool = False
    position: int = 0


@dataclass(frozen=True)
class Office:
    id: int | None
    name: str
    short_name: str = ""
    number: str = ""
    kind: str = "Amt"
    parent_id: int | None = None
    parent_name: str = ""
    contacts: tuple[Contact, ...] = ()
    lead_services: int = 0  # services with this office as lead
    relevant_services: int = 0  # of those, decided relevant
    involved_services: int = 0

    @property
    def label(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    @property
    def main_contacts(self) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if not c.deputy)


def standard_offices() -> list[str]:
    """The classic standard list of municipal offices (45), shipped as reference data."""
    return reference_csv.read_standard_offices(paths.resource("catalogue", "standard-aemter.csv"))


# -- reading -----------------------------------------------------------------------------


def offices(project: Project) -> list[Office]:
    with project.reading() as conn:
        rows = queries.office_rows(conn)
        contact_rows = queries.office_contact_rows(conn)
    contacts: dict[int, list[Contact]] = {}
    for r in contact_rows:
        contacts.setdefault(r[1], []).append(
            Contact(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7])
        )
    return [
        Office(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            tuple(contacts.get(r[0], [])),
            r[7],
            r[8],
            r[9],
        )
        for r in rows
    ]


def office_by_name(project: Project, name: str) -> Office | None:
    wanted = clean(name).casefold()
    return next(
        (
            o
            for o in offices(project)
            if o.name.casefold() == wanted or o.short_name.casefold() == wanted
        ),
        None,
    )


def warnings(project: Project) -> list[str]:
    """Offices with relevant services but no OZG contact, and similar gaps."""
    messages = []
    for office in offices(project):
        if office.relevant_services and not office.main_contacts:
            messages.append(
                f"„{office.name}“ ist für "
                f"{plural(office.relevant_services, 'relevante Leistung', 'relevante Leistungen')} "
                "zuständig, "
                "hat aber noch keine OZG-Ansprechperson."
            )
        elif len(office.main_contacts) > 2:
            messages.append(
                f"„{office.name}“ hat mehr als zwei OZG-Ansprechpersonen (empfohlen: 1–2)."
            )
    return messages


# -- offices -------------------------------------------------------------------------------


def _check_office(project: Project, office: Office) -> Office:
    name = clean(office.name)
    if not name:
        raise OfficeError("Bitte geben Sie einen Namen für das Amt an.")
    if office.kind not in KINDS:
        raise OfficeError(f"Unbekannte Art „{office.kind}“ (möglich: {', '.join(KINDS)}).")
    others = [o for o in offices(project) if o.id != office.id]
    if any(o.name.casefold() == name.casefold() for o in others):
        raise OfficeError(f"Ein Amt „{name}“ gibt es schon. Namen müssen eindeutig sein.")
    parent = office.parent_id
    if parent is not None:
        by_id = {o.id: o for o in others}
        if parent == office.id or parent not in by_id:
            raise OfficeError("Das übergeordnete Amt ist ungültig.")
        seen = set()
        while parent is not None and parent not in seen:  # no cycles
            if parent == office.id:
                raise OfficeError(
                    "Ein Amt kann nicht sich selbst (auch nicht über andere) untergeordnet sein."
                )
            seen.add(parent)
            parent = by_id[parent].parent_id if parent in by_id else None
    return replace(
        office, name=name, short_name=clean(office.short_name), number=clean(office.number)
    )


def save_office(project: Project, office: Office) -> int:
    """Add or change an office; returns its id."""
    from ozgdesk.store.models import Office as OfficeRow

    office = _check_office(project, office)
    with project.session() as session:
        row = session.get(OfficeRow, office.id) if office.id else None
        if row is None:
            row = OfficeRow(name=office.name, created_at=datetime.now(UTC))
            session.add(row)
        row.name, row.short_name, row.number = office.name, office.short_name, office.number
        row.kind, row.parent_id = office.kind, office.parent_id
        session.flush()
        assert row.id is not None
        return row.id


def add_offices(
    project: Project, entries: Iterable[tuple[str, str]], kind: str = "Amt"
) -> list[int]:
    """Add offices from a template: (name, short name) pairs; existing names are skipped."""
    from ozgdesk.store.models import Office as OfficeRow

    known = {o.name.casefold() for o in offices(project)}
    added = []
    now = datetime.now(UTC)
    with project.session() as session:
        for name, short in entries:
            name = clean(name)
            if not name or name.casefold() in known:
                continue
            row = OfficeRow(
                name=name, short_name=clean(short), number="", kind=kind, created_at=now
            )
            session.add(row)
            session.flush()
            known.add(name.casefold())
            assert row.id is not None
            added.append(row.id)
    return added


def delete_office(project: Project, office_id: int, move_to: int | None = None) -> None:
    """Delete an office. Refused while services are assigned to it, unless they move to ``move_to``."""
    office = next((o for o in offices(project) if o.id == office_id), None)
    if office is None:
        return
    if (office.lead_services or office.involved_services) and move_to is None:
        raise OfficeError(
            f"„{office.name}“ ist noch für "
            f"{plural(office.lead_services, 'Leistung', 'Leistungen')} federführend und an "
            f"{office.involved_services} beteiligt. Ordnen Sie sie zuerst einem anderen Amt zu oder "
            "wählen Sie beim Löschen, wohin sie wechseln sollen."
        )
    if move_to is not None:
        merge_offices(project, [office_id], move_to)
        return
    from ozgdesk.store.models import Office as OfficeRow

    with project.session() as session:
        row = session.get(OfficeRow, office_id)
        if row is not None:
            session.delete(row)


def merge_offices(project: Project, source_ids: Sequence[int], target_id: int) -> None:
    """Merge offices into ``target_id``: services, involvements, contacts, rules and
    sub-offices move along; the merged offices are removed."""
    from sqlalchemy import delete, select, update

    from ozgdesk.store.models import AssignmentRule, OfficeContact, Service, ServiceInvolvedOffice
    from ozgdesk.store.models import Office as OfficeRow

    sources = [i for i in dict.fromkeys(source_ids) if i != target_id]
    if not sources:
        return
    with project.session() as session:
        if session.get(OfficeRow, target_id) is None:
            raise OfficeError("Das Ziel-Amt gibt es nicht (mehr).")
        session.execute(
            update(Service)
            .where(col(Service.lead_office_id).in_(sources))
            .values(lead_office_id=target_id)
        )
        involved = session.execute(
            select(
                col(ServiceInvolvedOffice.service_id), col(ServiceInvolvedOffice.office_id)
            ).where(col(ServiceInvolvedOffice.office_id).in_([*sources, target_id]))
        ).all()
        keep = {service for service, office in involved}
        session.execute(
            delete(ServiceInvolvedOffice).where(col(ServiceInvolvedOffice.office_id).in_(sources))
        )
        already = {service for service, office in involved if office == target_id}
        lead_of = dict(
            session.execute(
                select(col(Service.id), col(Service.lead_office_id)).where(
                    col(Service.id).in_(keep)
                )
            ).all()
        )
        for service in sorted(keep - already):
            if lead_of.get(service) != target_id:
                session.add(ServiceInvolvedOffice(service_id=service, office_id=target_id))
        # a service led by the target need not list it as involved too
        session.execute(
            delete(ServiceInvolvedOffice).where(
                col(ServiceInvolvedOffice.office_id) == target_id,
                col(ServiceInvolvedOffice.service_id).in_(
                    [s for s, o in lead_of.items() if o == target_id]
                ),
            )
        )
        session.execute(
            update(OfficeContact)
            .where(col(OfficeContact.office_id).in_(sources))
            .values(office_id=target_id)
        )
        session.execute(
            update(AssignmentRule)
            .where(col(AssignmentRule.office_id).in_(sources))
            .values(office_id=target_id)
        )
        session.execute(
            update(OfficeRow)
            .where(col(OfficeRow.parent_id).in_(sources))
            .values(parent_id=target_id)
        )
        session.execute(delete(OfficeRow).where(col(OfficeRow.id).in_(sources)))


# -- contacts ------------------------------------------------------------------------------


def contact_problems(contact: Contact) -> dict[str, str]:
    problems = {}
    if not clean(contact.name):
        problems["name"] = "Bitte geben Sie den Namen der Ansprechperson an."
    if message := email_problem(contact.email):
        problems["email"] = message
    if message := phone_problem(contact.phone):
        problems["phone"] = message
    return problems


def save_contact(project: Project, contact: Contact) -> int:
    from ozgdesk.store.models import OfficeContact

    problems = contact_problems(contact)
    if problems:
        raise OfficeError(" ".join(problems.values()))
    with project.session() as session:
        row = session.get(OfficeContact, contact.id) if contact.id else None
        if row is None:
            row = OfficeContact(office_id=contact.office_id, name=clean(contact.name))
            session.add(row)
        row.office_id, row.name, row.function = (
            contact.office_id,
            clean(contact.name),
            clean(contact.function),
        )
        row.email, row.phone, row.deputy, row.position = (
            contact.email.strip(),
            clean(contact.phone),
            contact.deputy,
            contact.position,
        )
        session.flush()
        assert row.id is not None
        return row.id


def delete_contact(project: Project, contact_id: int) -> None:
    from ozgdesk.store.models import OfficeContact

    with project.session() as session:
        row = session.get(OfficeContact, contact_id)
        if row is not None:
            session.delete(row)


# -- snapshots for undo ----------------------------------------------------------------------

Snapshot = organisation.Snapshot


def capture(project: Project) -> Snapshot:
    """The organisation as it is now (offices, contacts, rules, all assignments)."""
    return organisation.capture(project)


def restore(project: Project, snapshot: Snapshot) -> None:
    """Put the organisation back exactly as captured (one transaction)."""
    organisation.restore(project, snapshot)
