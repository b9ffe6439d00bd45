"""Step 1 "vernetzen": the coordinator's network contacts.

Who helps with the OZG work: the municipal IT service provider, the state's
competence centre, neighbouring municipalities' OZG contacts, the district team.
Contacts are plain :class:`Contact` objects; :func:`validate` says in plain
German what is wrong with one, :func:`save` refuses invalid ones, and
:func:`delete` returns what it removed so that :func:`restore` can undo it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import lru_cache

from ozgdesk import paths
from ozgdesk.formats import reference_csv
from ozgdesk.formats.records import ItProvider, Municipality
from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean, fold
from ozgdesk.workflow import projects
from ozgdesk.workflow.checks import email_problem, phone_problem

IT_PROVIDER = "IT-Dienstleister"
COMPETENCE_CENTRE = "Kompetenzzentrum"
NEIGHBOUR = "Nachbarkommune"
DISTRICT_TEAM = "Kreis-Team"
OTHER = "Sonstige"
KINDS = (IT_PROVIDER, COMPETENCE_CENTRE, NEIGHBOUR, DISTRICT_TEAM, OTHER)


# Keys of field_problems(): which input a message belongs to.
FIELD_KIND = "kind"
FIELD_NAME = "name"  # organisation or person
FIELD_EMAIL = "email"
FIELD_PHONE = "phone"
FIELD_FIRST_CONTACT = "first_contact"


@dataclass(frozen=True)
class Contact:
    """One person or organisation in the network; ``id`` is None until saved."""

    id: int | None = None
    kind: str = OTHER
    organisation: str = ""
    person: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""
    first_contact: date | None = None

    @property
    def label(self) -> str:
        """How to name the contact in messages: "Person (Organisation)" or either alone."""
        if self.person and self.organisation:
            return f"{self.person} ({self.organisation})"
        return self.person or self.organisation


@dataclass(frozen=True)
class Provider:
    """A municipal IT service provider of NRW, from the built-in reference list."""

    name: str
    address: str
    town: str
    website: str


# -- reading ---------------------------------------------------------------------------


def _sort_key(contact: Contact) -> tuple[int, str, str, int]:
    kind = KINDS.index(contact.kind) if contact.kind in KINDS else len(KINDS)
    return (
        kind,
        fold(contact.organisation or contact.person),
        fold(contact.person),
        contact.id or 0,
    )


def _from_row(row: tuple) -> Contact:
    id_, kind, organisation, person, role, email, phone, notes, first = row
    return Contact(
        id=id_,
        kind=kind,
        organisation=organisation,
        person=person,
        role=role,
        email=email,
        phone=phone,
        notes=notes,
        first_contact=date.fromisoformat(first[:10]) if first else None,
    )


def contacts(project: Project) -> list[Contact]:
    """All contacts, sorted by kind (in the order of KINDS), then organisation."""
    with project.reading() as conn:
        rows = queries.network_contacts(conn)
    return sorted((_from_row(r) for r in rows), key=_sort_key)


# -- checking --------------------------------------------------------------------------


def normalized(contact: Contact) -> Contact:
    """Whitespace trimmed (single-line fields also collapsed); notes keep their lines."""
    return replace(
        contact,
        kind=clean(contact.kind),
        organisation=clean(contact.organisation),
        person=clean(contact.person),
        role=clean(contact.role),
        email=clean(contact.email),
        phone=clean(contact.phone),
        notes="\n".join(line.rstrip() for line in contact.notes.strip().splitlines()),
    )


def field_problems(contact: Contact, today: date | None = None) -> dict[str, str]:
    """Problems per input (keys FIELD_*); empty when the contact can be saved."""
    contact = normalized(contact)
    problems: dict[str, str] = {}
    if contact.kind not in KINDS:
        problems[FIELD_KIND] = "Bitte wählen Sie eine Art: " + ", ".join(KINDS) + "."
    if not contact.organisation and not contact.person:
        problems[FIELD_NAME] = "Bitte geben Sie eine Organisation oder eine Person an."
    if message := email_problem(contact.email):
        problems[FIELD_EMAIL] = message
    if message := phone_problem(contact.phone):
        problems[FIELD_PHONE] = message
    today = today or date.today()
    if contact.first_contact is not None and contact.first_contact > today:
        problems[FIELD_FIRST_CONTACT] = (
            f"Der Erstkontakt ({contact.first_contact:%d.%m.%Y}) liegt in der Zukunft. "
            "Bitte tragen Sie ein Datum bis heute ein."
        )
    return problems


def validate(contact: Contact, today: date | None = None) -> list[str]:
    """Plain German messages saying what is wrong (empty list: the contact is fine)."""
    return list(field_problems(contact, today).values())


# -- writing ---------------------------------------------------------------------------


def _checked(contact: Contact) -> Contact:
    contact = normalized(contact)
    problems = validate(contact)
    if problems:
        raise ValueError("\n".join(problems))
    return contact


def _fill(stored, contact: Contact, now: datetime) -> None:
    stored.kind = contact.kind
    stored.organisation = contact.organisation
    stored.person = contact.person
    stored.role = contact.role
    stored.email = contact.email
    stored.phone = contact.phone
    stored.notes = contact.notes
    stored.first_contact = contact.first_contact
    stored.updated_at = now


def save(project: Project, contact: Contact) -> int:
    """Add a contact (``id`` None) or change the stored one; returns its id.

    Raises ValueError with the joined messages of :func:`validate` when the
    contact is invalid, LookupError when the contact to change is gone.
    """
    from ozgdesk.store.models import NetworkContact

    contact = _checked(contact)
    now = datetime.now(UTC)
    with project.session() as session:
        stored: NetworkContact | None
        if contact.id is None:
            stored = NetworkContact(created_at=now, updated_at=now)
            session.add(stored)
        else:
            stored = session.get(NetworkContact, contact.id)
            if stored is None:
                raise LookupError(
                    f"Der Kontakt „{contact.label}“ ist nicht mehr vorhanden; "
                    "er wurde wohl inzwischen gelöscht."
                )
        _fill(stored, contact, now)
        session.flush()
        assert stored.id is not None
        return stored.id


def delete(project: Project, contact_id: int) -> Contact:
    """Remove a contact; returns it as it was, so that :func:`restore` can undo this."""
    from ozgdesk.store.models import NetworkContact

    with project.session() as session:
        stored = session.get(NetworkContact, contact_id)
        if stored is None:
            raise LookupError("Der Kontakt ist nicht mehr vorhanden.")
        removed = Contact(
            id=stored.id,
            kind=stored.kind,
            organisation=stored.organisation,
            person=stored.person,
            role=stored.role,
            email=stored.email,
            phone=stored.phone,
            notes=stored.notes,
            first_contact=stored.first_contact,
        )
        session.delete(stored)
    return removed


def restore(project: Project, contact: Contact) -> int:
    """Put a deleted contact back, with its old id if that is still free; returns the id."""
    from ozgdesk.store.models import NetworkContact

    contact = _checked(contact)
    now = datetime.now(UTC)
    with project.session() as session:
        free = contact.id is not None and session.get(NetworkContact, contact.id) is None
        stored = NetworkContact(id=contact.id if free else None, created_at=now, updated_at=now)
        _fill(stored, contact, now)
        session.add(stored)
        session.flush()
        assert stored.id is not None
        return stored.id


# -- picking from the reference lists --------------------------------------------------


def _provider(entry: ItProvider) -> Provider:
    place = " ".join(p for p in (entry.postcode, entry.town) if p)
    address = ", ".join(p for p in (entry.street, place) if p)
    return Provider(name=entry.name, address=address, town=entry.town, website=entry.website)


@lru_cache(maxsize=1)
def it_providers() -> tuple[Provider, ...]:
    """The municipal IT service providers of NRW shipped with the app (32 entries)."""
    path = paths.resource("catalogue", "it-dienstleister-nrw.csv")
    return tuple(_provider(e) for e in reference_csv.read_it_providers(path))


def municipalities(project: Project | None = None) -> tuple[Municipality, ...]:
    """The NRW municipalities; without the project's own one when ``project`` is given."""
    everyone = projects.municipalities()
    if project is None:
        return everyone
    with project.reading() as conn:
        own = queries.project_summary(conn).municipality.casefold()
    return tuple(m for m in everyone if m.name.casefold() != own)


def _notes(*lines: tuple[str, str]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in lines if value)


def contact_from_provider(provider: Provider) -> Contact:
    """A new contact for an IT service provider: kind, name, address and website filled in."""
    return Contact(
        kind=IT_PROVIDER,
        organisation=provider.name,
        notes=_notes(("Anschrift", provider.address), ("Website", provider.website)),
    )


def contact_from_municipality(municipality: Municipality) -> Contact:
    """A new contact for a neighbouring municipality: kind, name and website filled in."""
    return Contact(
        kind=NEIGHBOUR,
        organisation=municipality.name,
        notes=_notes(("Website", municipality.website)),
    )
