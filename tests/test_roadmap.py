"""Step 5 workflow: plans with OZG defaults, decisions, capacity warnings, timeline,
communication plan from a go-live date, council inputs."""

from __future__ import annotations

from datetime import date

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import assignment, communication, offices, overview, relevance, roadmap
from ozgdesk.workflow.info import project_facts
from ozgdesk.workflow.offices import Office
from ozgdesk.workflow.roadmap import EARLY, STATUS_QUO, Plan
from ozgdesk.workflow.steps import StepStatus


def _setup(project: Project) -> tuple[int, list[int]]:
    rows = [
        r for r in overview.catalogue_rows(project) if r.ozg.startswith("10519 ")
    ]  # Baugenehmigung
    ids = [r.id for r in rows]
    relevance.decide(project, ids, relevance.RELEVANT)
    office = offices.save_office(project, Office(None, "Bauamt"))
    assignment.assign(project, ids, office)
    return office, ids


def test_quarters() -> None:
    assert roadmap.quarter_of(date(2027, 5, 3)) == "2027-Q2"
    assert roadmap.normalise_quarter("q3/2027") == "2027-Q3"
    assert roadmap.shift_quarter("2027-Q1", -1) == "2026-Q4"
    assert roadmap.quarter_end("2027-Q4") == date(2027, 12, 31)
    assert roadmap.quarters_between("2026-Q4", "2027-Q2") == ["2026-Q4", "2027-Q1", "2027-Q2"]
    with pytest.raises(ValueError):
        roadmap.parse_quarter("Sommer")


def test_ozg_plan_sets_defaults_and_service_values_win(project: Project) -> None:
    office, ids = _setup(project)
    from ozgdesk.store import queries

    with project.reading() as conn:
        ozg_id = next(i for i, code, _n in queries.ozg_service_rows(conn) if code == "10519")
    roadmap.save_ozg_plan(
        project,
        ozg_id,
        Plan(
            efa_kind="EfA aus anderem Land",
            efa_state="gesichert",
            decision=EARLY,
            planned_quarter="2027-Q2",
            target_level=3,
        ),
    )
    rows = {r.service_id: r for r in roadmap.plan_rows(project)}
    assert all(
        r.plan.decision == EARLY and r.plan.planned_quarter == "2027-Q2" for r in rows.values()
    )
    assert "decision" in rows[ids[0]].inherited
    previous = roadmap.update_plans(
        project, ids[:1], decision=STATUS_QUO, decision_reason="Fachverfahren wird 2028 ersetzt"
    )
    row = roadmap.plan_rows(project, ids=ids[:1])[0]
    assert (
        row.plan.decision == STATUS_QUO
        and "decision" not in row.inherited
        and row.plan.target_level == 3
    )
    roadmap.save_plans(project, previous)  # undo
    assert roadmap.plan_rows(project, ids=ids[:1])[0].plan.decision == EARLY
    with pytest.raises(ValueError, match="Reifegrad"):
        roadmap.update_plans(project, ids[:1], current_level=3, target_level=2)


def test_capacity_warning_and_timeline(project: Project) -> None:
    office, ids = _setup(project)
    roadmap.update_plans(project, ids, decision=EARLY, planned_quarter="2027-Q2", effort_days=4)
    roadmap.set_capacity(project, office, "2027-Q2", 5)
    warnings = roadmap.capacity_warnings(project)
    assert (
        len(warnings) == 1
        and "Bauamt, Q2/2027" in warnings[0]
        and f"geplant {4 * len(ids)}" in warnings[0]
    )
    roadmap.set_capacity(project, office, "2027-Q2", 4 * len(ids))
    assert roadmap.capacity_warnings(project) == []
    roadmap.save_milestone(
        project, roadmap.MilestoneItem(None, "Bauantrag online", date(2027, 6, 30))
    )
    timeline = roadmap.timeline(project)
    assert len(timeline.bars) == len(ids) and timeline.groups == ["Bauamt"]
    bar = timeline.bars[0]
    assert (bar.prep_start, bar.start, bar.end) == (
        date(2027, 1, 1),
        date(2027, 4, 1),
        date(2027, 6, 30),
    )
    assert timeline.milestones[0].title == "Bauantrag online"


def test_dependencies_refuse_cycles(project: Project) -> None:
    office, ids = _setup(project)
    roadmap.set_dependencies(project, ids[0], [ids[1]])
    with pytest.raises(ValueError, match="Kreis"):
        roadmap.set_dependencies(project, ids[1], [ids[0]])


def test_prerequisites(project: Project) -> None:
    office, ids = _setup(project)
    roadmap.save_prerequisite(
        project,
        roadmap.PrerequisiteItem(
            None,
            ids[0],
            "Fachverfahren",
            "ProBauG",
            "Beispiel GmbH",
            "unklar",
            "in Arbeit",
            "Erika Muster",
        ),
    )
    (row,) = roadmap.plan_rows(project, ids=ids[:1])
    assert row.prerequisites[0].name == "ProBauG" and row.prerequisites[0].interface == "unklar"
    with pytest.raises(ValueError):
        roadmap.save_prerequisite(project, roadmap.PrerequisiteItem(None, ids[0], "Zauberei"))


def test_status_and_info(project: Project) -> None:
    office, ids = _setup(project)
    assert roadmap.status(project).status is StepStatus.NOT_STARTED
    roadmap.update_plans(project, ids[:1], decision=EARLY, planned_quarter="2027-Q1")
    assert roadmap.status(project).status is StepStatus.IN_PROGRESS
    roadmap.update_plans(project, ids, decision=STATUS_QUO)
    assert roadmap.status(project).status is StepStatus.DONE
    assert project_facts(project)["services_planned"] == len(ids)


def test_communication_plan_from_go_live(project: Project) -> None:
    go_live = date(2028, 3, 1)
    added, moved = communication.generate(project, go_live)
    items = communication.items(project)
    assert added == len(items) > 40 and moved == 0
    by_key = {i.template: i for i in items}
    assert by_key["staff-kickoff"].due_on == date(2027, 1, 1)  # month 1 = 14 months before
    assert by_key["staff-champions"].due_on == date(2027, 2, 1)
    assert by_key["citizens-press-release"].due_on == date(2028, 2, 23)  # one week before
    assert by_key["citizens-survey"].due_on == date(2028, 6, 1)  # three months after
    assert by_key["staff-feedback"].due_on == date(2028, 9, 1)  # six months after
    assert (
        date(2028, 2, 2) <= by_key["staff-training"].due_on <= date(2028, 2, 16)
    )  # 2-4 weeks before
    assert {i.audience for i in items} == set(communication.AUDIENCES)
    assert project_facts(project)["communication_items_open"] == len(items)
    # done and manual items stay; the others move with a new date
    communication.set_done(project, [by_key["staff-kickoff"].id], True)
    communication.save_item(
        project,
        communication.Item(
            None, communication.CITIZENS, "Stand auf dem Wochenmarkt", date(2028, 2, 10)
        ),
    )
    added, moved = communication.generate(project, date(2028, 6, 1))
    assert added == 0 and moved > 30
    by_key = {i.template: i for i in communication.items(project)}
    assert by_key["staff-kickoff"].due_on == date(2027, 1, 1)
    assert any(i.title == "Stand auf dem Wochenmarkt" for i in communication.items(project))
    assert communication.go_live(project) == date(2028, 6, 1)


def test_council_inputs(project: Project) -> None:
    inputs = communication.council_inputs(project)
    assert inputs.risk_buffer_percent == 15 and inputs.coordination_fte == 0.5 and inputs.benefits
    changed = communication.CouncilInputs(
        situation="Lage",
        goal="Ziel",
        implementation_cost=20000,
        operation_cost=5000,
        benefits=inputs.benefits,
        risks=inputs.risks,
    )
    communication.save_council_inputs(project, changed)
    again = communication.council_inputs(project)
    assert again.implementation_cost == 20000 and again.personnel_cost == 37500
    assert again.risk_buffer == pytest.approx((20000 + 5000 + 37500) * 0.15)
    with pytest.raises(ValueError):
        communication.save_council_inputs(
            project, communication.CouncilInputs(risk_buffer_percent=150)
        )
