"""Step 4 workflow: inheritance, overrides, checks, progress, status and personal data."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import assignment, delivery, offices, overview, relevance, tech
from ozgdesk.workflow.delivery import Person
from ozgdesk.workflow.info import project_facts
from ozgdesk.workflow.offices import Contact, Office
from ozgdesk.workflow.problems import ERROR, WARNING
from ozgdesk.workflow.steps import StepStatus

GOOD_UNIT = {
    "unit_name": "Bürgerbüro Ahaus",
    "street": "Rathausplatz",
    "house_number": "1",
    "postcode": "48683",
    "town": "Ahaus",
    "phone": "02561 72-0",
    "email": "buergerbuero@ahaus.de",
    "opening_hours": "Mo–Fr 8–12 Uhr",
}


def _setup(project: Project, count: int = 3) -> tuple[int, list[int]]:
    ids = [r.id for r in overview.catalogue_rows(project) if r.themenfeld == "Bauen & Wohnen"][
        :count
    ]
    relevance.decide(project, ids, relevance.RELEVANT)
    office = offices.save_office(project, Office(None, "Bauamt"))
    assignment.assign(project, ids, office)
    return office, ids


def test_services_inherit_the_office_contact_point(project: Project) -> None:
    office, ids = _setup(project)
    delivery.save_unit(
        project,
        office,
        GOOD_UNIT,
        [Person(None, "Erika", "Muster", "02561 72-100", "e.muster@ahaus.de", "Di 14–16 Uhr")],
    )
    (row, *_rest) = delivery.effective_rows(project, ids=ids[:1])
    assert row.get("street") == "Rathausplatz" and "street" in row.inherited
    assert row.persons[0].name == "Erika Muster" and row.persons_inherited
    assert [c.message for c in row.checks] == ["Die Seite der Leistung auf der Website fehlt."]
    assert not row.complete
    delivery.edit_services(
        project, ids[:1], page_url="https://www.ahaus.de/bauen/abbruch", phone="02561 72-200"
    )
    (row,) = delivery.effective_rows(project, ids=ids[:1])
    assert row.complete and row.get("phone") == "02561 72-200" and "phone" not in row.inherited


def test_checks_name_the_problem(project: Project) -> None:
    office, ids = _setup(project)
    bad = dict(GOOD_UNIT, postcode="4868", email="buergerbuero(at)ahaus.de", phone="x")
    delivery.save_unit(project, office, bad)
    delivery.edit_services(project, ids[:1], page_url="www.ahaus.de/x")
    delivery.edit_services(project, ids[1:2], page_url="https://www.example.org/bauen")
    rows = {r.service_id: r for r in delivery.effective_rows(project, ids=ids)}
    messages = " ".join(c.message for c in rows[ids[0]].checks)
    assert "fünf Ziffern" in messages and "@" in messages and "https://" in messages
    assert any(
        c.level == WARNING and "nicht auf der Website" in c.message for c in rows[ids[1]].checks
    )


def test_same_url_for_unrelated_services_is_a_warning(project: Project) -> None:
    office, ids = _setup(project, 30)
    delivery.save_unit(project, office, GOOD_UNIT)
    unrelated = [
        ids[0],
        next(
            i
            for i in ids
            if overview.catalogue_rows(project, [i])[0].key[:8]
            != overview.catalogue_rows(project, [ids[0]])[0].key[:8]
        ),
    ]
    delivery.edit_services(project, unrelated, page_url="https://www.ahaus.de/bauen")
    rows = {r.service_id: r for r in delivery.effective_rows(project, ids=unrelated)}
    assert all(any("Dieselbe Seite" in c.message for c in rows[i].checks) for i in unrelated)


def test_service_without_unit_and_unassigned_is_an_error(project: Project) -> None:
    ids = [r.id for r in overview.catalogue_rows(project)][:1]
    relevance.decide(project, ids, relevance.RELEVANT)
    (row,) = delivery.effective_rows(project, ids=ids)
    assert any(c.level == ERROR and "Schritt 2" in c.message for c in row.checks)


def test_status_dates_undo_and_progress(project: Project) -> None:
    office, ids = _setup(project)
    delivery.save_unit(project, office, GOOD_UNIT)
    assert delivery.status(project).status is StepStatus.IN_PROGRESS
    previous = delivery.set_status(project, ids, delivery.REQUESTED)
    stored = delivery.stored(project, ids)
    assert all(s.status == delivery.REQUESTED and s.dates["requested_on"] for s in stored)
    delivery.save_services(project, previous)  # undo
    assert all(not s.exists for s in delivery.stored(project, ids))
    for i, service in enumerate(ids):
        delivery.edit_services(
            project, [service], page_url=f"https://www.ahaus.de/s{i}", status=delivery.ENTERED
        )
    total, per_office = delivery.progress(delivery.effective_rows(project))
    assert (total.total, total.complete) == (3, 3) and per_office[0].office == "Bauamt"
    assert delivery.status(project).status is StepStatus.DONE
    facts = project_facts(project)
    assert (facts["delivery_complete"], facts["delivery_total"]) == (3, 3)
    with pytest.raises(ValueError):
        delivery.set_status(project, ids, "vielleicht")


def test_forget_a_person_everywhere(project: Project) -> None:
    office, ids = _setup(project)
    person = Person(None, "Erika", "Muster", "02561 1", "e.muster@ahaus.de")
    delivery.save_unit(project, office, GOOD_UNIT, [person])
    delivery.edit_services(project, ids[:1], persons=[person])
    offices.save_contact(project, Contact(None, office, "Erika Muster", email="e.muster@ahaus.de"))
    from ozgdesk.workflow import network, workshop

    network.save(
        project,
        network.Contact(
            None, network.NEIGHBOUR, "Nachbarstadt", "Erika Muster", email="e.muster@ahaus.de"
        ),
    )
    workshop_id = workshop.save_workshop(project, workshop.proposal())
    workshop.add_participants(
        project,
        workshop_id,
        [workshop.Participant(None, workshop_id, "Erika Muster", email="e.muster@ahaus.de")],
    )
    from ozgdesk.workflow import persons

    found = persons.find(project, "Erika Muster")
    assert {o.table for o in found.places} == {
        "delivery_person",
        "office_contact",
        "workshop_participant",
        "network_contact",
    }
    assert len({(o.table, o.record) for o in found.places}) == 5
    outcome = persons.forget(project, found)
    assert outcome.verified, [(b.path, b.problem) for b in outcome.backups if not b.ok]
    assert persons.find(project, "Muster").places == []
    assert persons.find(project, "e.muster@ahaus.de").places == []
    (contact,) = network.contacts(project)
    assert contact.organisation == "Nachbarstadt" and contact.person == ""


def test_tech_prerequisite_is_a_blocker(project: Project) -> None:
    assert tech.get(project).blocks_delivery
    tech.save(project, replace(tech.get(project), status=tech.YES))
    assert not tech.get(project).blocks_delivery
