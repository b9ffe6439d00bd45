"""Step 3, who is invited: the people to suggest (office contacts, the network, the usual
roles of the house), adding and editing participants, their invitation state and
attendance."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean
from ozgdesk.workflow.checks import email_problem
from ozgdesk.workflow.workshop_model import (
    GROUPS,
    INVITATION_STATES,
    Participant,
    detail,
)

# -- participants -----------------------------------------------------------------------------


def candidates(project: Project, workshop_id: int = 0) -> list[Participant]:
    """People to invite: office contacts, the network (IT service provider first), and
    the usual roles of the house, which the coordinator completes with names."""
    from ozgdesk.workflow import network, offices

    people: list[Participant] = []
    for office in offices.offices(project):
        for contact in office.contacts:
            role = f"{contact.function}, {office.name}" if contact.function else office.name
            people.append(
                Participant(None, workshop_id, contact.name, role, "Amt", contact.email, office.id)
            )
    for peer in network.contacts(project):
        group = "IT-Dienstleister" if peer.kind == network.IT_PROVIDER else "Netzwerk"
        name = peer.person or peer.organisation
        role = ", ".join(x for x in (peer.role, peer.organisation if peer.person else "") if x)
        people.append(Participant(None, workshop_id, name, role, group, peer.email))
    for name, group in (
        ("Bürgermeister/in", "Verwaltungsspitze"),
        ("Personalrat (Vorsitz)", "Personalrat"),
        ("Organisation", "Organisation/IT"),
        ("IT", "Organisation/IT"),
        ("Presse- und Öffentlichkeitsarbeit", "weitere"),
    ):
        people.append(Participant(None, workshop_id, name, "", group))
    return people


def add_participants(
    project: Project, workshop_id: int, people: Iterable[Participant]
) -> list[int]:
    """Add people; someone already on the list (same name and e-mail) is skipped."""
    from ozgdesk.store.models import WorkshopParticipant

    current = detail(project, workshop_id)
    if current is None:
        raise ValueError("Den Workshop gibt es nicht (mehr).")
    known = {(p.name.casefold(), p.email.casefold()) for p in current.participants}
    position = max((p.position for p in current.participants), default=0)
    added = []
    with project.session() as session:
        for person in people:
            key = (clean(person.name).casefold(), person.email.strip().casefold())
            if not key[0] or key in known:
                continue
            known.add(key)
            position += 1
            row = WorkshopParticipant(
                workshop_id=workshop_id,
                position=position,
                name=clean(person.name),
                role=clean(person.role),
                group=person.group if person.group in GROUPS else "weitere",
                email=person.email.strip(),
                office_id=person.office_id,
                invitation=person.invitation,
                attended=person.attended,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            added.append(row.id)
    return added


def save_participant(project: Project, person: Participant) -> int:
    from ozgdesk.store.models import WorkshopParticipant

    if not clean(person.name):
        raise ValueError("Bitte geben Sie einen Namen an.")
    if message := email_problem(person.email):
        raise ValueError(message)
    if person.invitation not in INVITATION_STATES:
        raise ValueError(f"Unbekannter Stand der Einladung „{person.invitation}“.")
    if person.id is None:
        return add_participants(project, person.workshop_id, [person])[0]
    with project.session() as session:
        row = session.get(WorkshopParticipant, person.id)
        if row is None:
            raise ValueError("Die Person steht nicht (mehr) auf der Liste.")
        row.name, row.role, row.group = clean(person.name), clean(person.role), person.group
        row.email, row.office_id = person.email.strip(), person.office_id
        row.invitation, row.attended = person.invitation, person.attended
        return person.id


def set_invitation(project: Project, ids: Sequence[int], state: str) -> None:
    from sqlalchemy import update

    from ozgdesk.store.models import WorkshopParticipant

    if state not in INVITATION_STATES:
        raise ValueError(f"Unbekannter Stand der Einladung „{state}“.")
    with project.session() as session:
        session.execute(
            update(WorkshopParticipant)
            .where(col(WorkshopParticipant.id).in_(list(ids)))
            .values(invitation=state)
        )


def set_attended(project: Project, ids: Sequence[int], attended: bool) -> None:
    from sqlalchemy import update

    from ozgdesk.store.models import WorkshopParticipant

    with project.session() as session:
        session.execute(
            update(WorkshopParticipant)
            .where(col(WorkshopParticipant.id).in_(list(ids)))
            .values(attended=attended)
        )


def remove_participants(project: Project, ids: Sequence[int]) -> None:
    from sqlalchemy import delete

    from ozgdesk.store.models import WorkshopParticipant

    with project.session() as session:
        session.execute(
            delete(WorkshopParticipant).where(col(WorkshopParticipant.id).in_(list(ids)))
        )
