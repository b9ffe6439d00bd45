"""Step 2 workflow: offices, contacts, assignments, rules with preview, merge, delete protection."""

from __future__ import annotations

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import assignment, briefings, offices, overview, relevance, tech
from ozgdesk.workflow.assignment import BY_RULE, MANUAL, Rule
from ozgdesk.workflow.offices import Contact, Office, OfficeError
from ozgdesk.workflow.steps import StepStatus


def _relevant_building(project: Project) -> list[int]:
    ids = [r.id for r in overview.catalogue_rows(project) if r.themenfeld == "Bauen & Wohnen"]
    relevance.decide(project, ids, relevance.RELEVANT)
    return ids


def test_templates_and_unique_names(project: Project) -> None:
    assert len(offices.standard_offices()) == 45
    added = offices.add_offices(project, offices.SMALL_MUNICIPALITY, kind="Fachbereich")
    assert len(added) == 5
    assert offices.add_offices(project, offices.SMALL_MUNICIPALITY) == []  # no duplicates
    with pytest.raises(OfficeError, match="gibt es schon"):
        offices.save_office(project, Office(None, "finanzen", kind="Amt"))
    with pytest.raises(OfficeError, match="Namen"):
        offices.save_office(project, Office(None, "  "))


def test_parent_cycle_refused(project: Project) -> None:
    a = offices.save_office(project, Office(None, "Fachbereich 1", kind="Fachbereich"))
    b = offices.save_office(project, Office(None, "Amt 10", parent_id=a))
    with pytest.raises(OfficeError, match="untergeordnet"):
        offices.save_office(project, Office(a, "Fachbereich 1", kind="Fachbereich", parent_id=b))
    assert {o.name: o.parent_name for o in offices.offices(project)}["Amt 10"] == "Fachbereich 1"


def test_contacts_are_checked(project: Project) -> None:
    office = offices.save_office(project, Office(None, "Bauamt"))
    with pytest.raises(OfficeError, match="@"):
        offices.save_contact(
            project, Contact(None, office, "Erika Muster", email="erika.muster.de")
        )
    with pytest.raises(OfficeError, match="Telefonnummer"):
        offices.save_contact(project, Contact(None, office, "Erika Muster", phone="12"))
    offices.save_contact(
        project,
        Contact(
            None, office, "Erika Muster", "Sachgebietsleitung", "e.muster@kommune.de", "02561 123-4"
        ),
    )
    offices.save_contact(project, Contact(None, office, "Max Vertreter", deputy=True))
    (bauamt,) = offices.offices(project)
    assert [c.name for c in bauamt.main_contacts] == ["Erika Muster"]
    assert len(bauamt.contacts) == 2


def test_assign_and_undo(project: Project) -> None:
    ids = _relevant_building(project)[:3]
    office = offices.save_office(project, Office(None, "Bauamt"))
    helper = offices.save_office(project, Office(None, "Ordnungsamt"))
    previous = assignment.assign(project, ids, office)
    assert all(p.lead_office_id is None for p in previous)
    assignment.set_involved(project, ids[:1], helper)
    (first,) = assignment.current(project, ids[:1])
    assert (first.lead_office_id, first.source, first.involved) == (office, MANUAL, (helper,))
    assert {r.office for r in overview.catalogue_rows(project, ids)} == {"Bauamt"}
    assignment.apply(project, previous)  # undo the lead assignment
    assert all(a.lead_office_id is None for a in assignment.current(project, ids))


def test_rules_preview_never_overwrites_manual(project: Project) -> None:
    ids = _relevant_building(project)
    bauamt = offices.save_office(project, Office(None, "Bauamt"))
    other = offices.save_office(project, Office(None, "Liegenschaften"))
    assignment.assign(project, ids[:2], other)  # manual
    rule = Rule(None, "themenfeld", "Bauen & Wohnen", bauamt)
    changes = assignment.preview(project, [rule])
    by_id = {c.service_id: c for c in changes}
    assert by_id[ids[0]].action == "bleibt (manuell)" and not by_id[ids[0]].applies
    assert sum(c.action == "neu" for c in changes) == len(ids) - 2
    previous = assignment.apply_changes(project, changes)
    assert len(previous) == len(ids) - 2
    stored = {a.service_id: a for a in assignment.current(project, ids)}
    assert stored[ids[0]].lead_office_id == other
    assert stored[ids[5]].lead_office_id == bauamt and stored[ids[5]].source == BY_RULE
    # a rule may replace another rule's assignment
    rule2 = Rule(None, "themenfeld", "Bauen & Wohnen", other)
    again = assignment.preview(project, [rule2])
    assert {c.action for c in again} == {"ersetzt"}
    # only relevant services are assigned by rules
    assert all(
        r.relevance == "relevant"
        for r in overview.catalogue_rows(project, [c.service_id for c in changes])
    )


def test_stored_rules(project: Project) -> None:
    bauamt = offices.save_office(project, Office(None, "Bauamt"))
    rule_id = assignment.save_rule(project, Rule(None, "lebenslage", "Bauen & Immobilien", bauamt))
    (rule,) = assignment.rules(project)
    assert (rule.id, rule.office_name) == (rule_id, "Bauamt")
    with pytest.raises(ValueError):
        assignment.save_rule(project, Rule(None, "lebenslage", "", bauamt))
    assert assignment.parse_rule_text("Themenfeld=Bauen & Wohnen") == (
        "themenfeld",
        "Bauen & Wohnen",
    )
    assert assignment.parse_rule_text("OZG-ID = 10513") == ("ozg", "10513")
    with pytest.raises(ValueError):
        assignment.parse_rule_text("Farbe=blau")


def test_undoing_a_merge_brings_back_what_hung_off_the_merged_office(project: Project) -> None:
    """Merging deletes the merged office, and the database removes what hangs off it (office
    unit of step 4, capacity of step 5, contact persons) or forgets the reference (workshop
    participants); undo must bring all of it back, not only the office."""
    from ozgdesk.workflow import delivery, roadmap
    from tests import dbstate

    bauamt = offices.save_office(project, Office(None, "Bauamt"))
    planung = offices.save_office(project, Office(None, "Stadtplanungsamt"))
    delivery.save_unit(project, planung, {"unit_name": "Planung", "town": "Ahaus"})
    roadmap.set_capacity(project, planung, "2027-Q1", 12.5)
    before = dbstate.dump(project)
    snapshot = offices.capture(project)
    offices.merge_offices(project, [planung], bauamt)
    assert roadmap.capacities(project).get((planung, "2027-Q1")) is None
    offices.restore(project, snapshot)
    assert roadmap.capacities(project)[(planung, "2027-Q1")] == 12.5
    assert _without_services(dbstate.dump(project)) == _without_services(before)


def _without_services(dump: str) -> str:
    """A dump without the service rows (an undo is a change of its own: versions count up)."""
    skip = ('INSERT INTO "service" ', "service: ")
    return "\n".join(line for line in dump.splitlines() if not line.startswith(skip))


def test_delete_protection_and_merge(project: Project) -> None:
    ids = _relevant_building(project)[:4]
    bauamt = offices.save_office(project, Office(None, "Bauamt"))
    planung = offices.save_office(project, Office(None, "Stadtplanungsamt"))
    ordnung = offices.save_office(project, Office(None, "Ordnungsamt"))
    assignment.assign(project, ids[:2], bauamt)
    assignment.assign(project, ids[2:], planung)
    assignment.set_involved(project, ids[2:3], ordnung)
    offices.save_contact(project, Contact(None, planung, "Paul Plan"))
    assignment.save_rule(project, Rule(None, "themenfeld", "Bauen & Wohnen", planung))
    with pytest.raises(OfficeError, match="noch für 2 Leistung"):
        offices.delete_office(project, planung)
    snapshot = offices.capture(project)
    offices.merge_offices(project, [planung], bauamt)
    merged = {o.name: o for o in offices.offices(project)}
    assert "Stadtplanungsamt" not in merged
    assert merged["Bauamt"].lead_services == 4
    assert [c.name for c in merged["Bauamt"].contacts] == ["Paul Plan"]
    assert assignment.rules(project)[0].office_name == "Bauamt"
    assert assignment.current(project, ids[2:3])[0].involved == (ordnung,)
    offices.restore(project, snapshot)  # undo the merge exactly
    restored = {o.name: o for o in offices.offices(project)}
    assert restored["Stadtplanungsamt"].lead_services == 2
    assert restored["Bauamt"].lead_services == 2
    # deleting with a move
    offices.delete_office(project, ordnung, move_to=bauamt)
    assert "Ordnungsamt" not in {o.name for o in offices.offices(project)}
    empty = offices.save_office(project, Office(None, "Leeres Amt"))
    offices.delete_office(project, empty)


def test_counters_warnings_and_status(project: Project) -> None:
    assert assignment.status(project).status is StepStatus.NOT_STARTED
    ids = _relevant_building(project)
    bauamt = offices.save_office(project, Office(None, "Bauamt"))
    state = assignment.status(project)
    assert state.status is StepStatus.IN_PROGRESS
    assert state.counts["relevant_unassigned"] == len(ids)
    assignment.assign(project, ids, bauamt)
    assert offices.warnings(project) == [
        f"„Bauamt“ ist für {len(ids)} relevante Leistungen zuständig, hat aber noch keine OZG-Ansprechperson."
    ]
    offices.save_contact(project, Contact(None, bauamt, "Erika Muster"))
    assert offices.warnings(project) == []
    assert assignment.status(project).status is StepStatus.IN_PROGRESS  # leadership not yet briefed
    lead = next(b for b in briefings.briefings(project) if "Verwaltungsspitze" in b.audience)
    from datetime import date

    briefings.save(
        project,
        briefings.Briefing(lead.id, lead.audience, date(2026, 11, 2), "Bürgermeisterin", ""),
    )
    assert assignment.status(project).status is StepStatus.DONE
    numbers = assignment.counters(project)
    assert numbers.per_office == {bauamt: len(ids)}


def test_briefings_and_tech(project: Project) -> None:
    audiences = [b.audience for b in briefings.briefings(project)]
    assert len(audiences) == 5 and audiences[0] == "Organisation"
    with pytest.raises(ValueError, match="schon"):
        briefings.save(project, briefings.Briefing(None, "organisation"))
    assert tech.get(project).status == tech.UNCLEAR and tech.get(project).blocks_delivery
    from datetime import date

    tech.save(
        project,
        tech.Prerequisite(tech.YES, "Example-CMS 5", "Herr IT", date(2026, 10, 1), "XZuFi 2.2"),
    )
    value = tech.get(project)
    assert (value.status, value.cms_product, value.asked_on) == (
        tech.YES,
        "Example-CMS 5",
        date(2026, 10, 1),
    )
    assert not value.blocks_delivery
    with pytest.raises(ValueError):
        tech.save(project, tech.Prerequisite("vielleicht"))
