"""Step 5 page: decisions with undo, plan dialog, timeline view, capacity, communication, council."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog

from ozgdesk.store.project import Project
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.ui.pages.roadmap_panels import PlanDialog
from ozgdesk.workflow import assignment, communication, offices, overview, relevance, roadmap
from ozgdesk.workflow.offices import Office


def _setup(project: Project) -> tuple[int, list[int]]:
    ids = [r.id for r in overview.catalogue_rows(project) if r.ozg.startswith("10519 ")]
    relevance.decide(project, ids, relevance.RELEVANT)
    office = offices.save_office(project, Office(None, "Bauamt"))
    assignment.assign(project, ids, office)
    return office, ids


def _page(qtbot, project, settings):
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.sidebar.setCurrentRow(4)
    return window, window.pages["roadmap"]


def test_decide_selection_and_undo(qtbot, app, project: Project, settings) -> None:
    office, ids = _setup(project)
    window, page = _page(qtbot, project, settings)
    plan = page.plan
    assert plan.model.rowCount() == len(ids)
    assert page.status_chip.text() == "Status: nicht begonnen"
    plan.table.selectAll()
    plan.decision.setCurrentText(roadmap.EARLY)
    plan.quarter.setText("q2/2027")
    plan.decide_selected()
    rows = roadmap.plan_rows(project)
    assert all(
        r.plan.decision == roadmap.EARLY and r.plan.planned_quarter == "2027-Q2" for r in rows
    )
    assert page.status_chip.text() == "Status: erledigt"
    assert f"{len(ids)} von {len(ids)}" in plan.summary.text()
    window.undo_action.trigger()
    assert all(r.plan.decision is None for r in roadmap.plan_rows(project))
    window.redo_action.trigger()
    assert all(r.plan.decision == roadmap.EARLY for r in roadmap.plan_rows(project))


def test_plan_dialog_and_timeline(qtbot, app, project: Project, settings, monkeypatch) -> None:
    office, ids = _setup(project)
    window, page = _page(qtbot, project, settings)
    plan = page.plan
    plan.table.selectRow(0)
    chosen = plan.selected_ids()[0]

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, PlanDialog)
        dialog.decision.setCurrentIndex(dialog.decision.findData(roadmap.LATER))
        dialog.quarter.setText("Sommer")
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.quarter.setText("2027-Q4")
        dialog.current_level.setCurrentIndex(dialog.current_level.findData(2))
        dialog.target_level.setCurrentIndex(dialog.target_level.findData(1))
        assert "Ziel-Reifegrad" in dialog.problem.text()
        dialog.target_level.setCurrentIndex(dialog.target_level.findData(3))
        dialog.effort.setValue(5)
        return True

    monkeypatch.setattr(plan, "run_dialog", fill)
    plan.edit_selected()
    (row,) = roadmap.plan_rows(project, ids=[chosen])
    assert (
        row.plan.decision,
        row.plan.planned_quarter,
        row.plan.current_level,
        row.plan.target_level,
        row.plan.effort_days,
    ) == (
        roadmap.LATER,
        "2027-Q4",
        2,
        3,
        5.0,
    )
    roadmap.save_milestone(project, roadmap.MilestoneItem(None, "Start", date(2027, 12, 1)))
    page.tabs.setCurrentWidget(page.timeline)
    view = page.timeline.view
    assert view.row_count() == 1 + 1 + 1 + 1  # milestone group, milestone, office group, bar
    width = view.sizeHint().width()
    view.set_zoom(2.0)
    assert view.sizeHint().width() > width
    image = view.render_image()
    assert image.width() == view.sizeHint().width() and not image.isNull()


def test_capacity_warning_and_communication(
    qtbot, app, project: Project, settings, monkeypatch
) -> None:
    office, ids = _setup(project)
    roadmap.update_plans(
        project,
        ids,
        decision=roadmap.EARLY,
        planned_quarter=roadmap.quarter_of(date.today()),
        effort_days=3,
    )
    window, page = _page(qtbot, project, settings)
    page.tabs.setCurrentWidget(page.capacity)
    capacity = page.capacity
    assert capacity.table.rowCount() == 1
    capacity.table.item(0, 0).setText("2")
    assert roadmap.capacities(project)[(office, roadmap.quarter_of(date.today()))] == 2
    page.plan.reload()
    assert "Bauamt" in page.plan.warnings.text()
    page.tabs.setCurrentWidget(page.communication)
    comm = page.communication
    from PySide6.QtCore import QDate

    comm.go_live.setDate(QDate(2028, 3, 1))
    comm.generate()
    assert comm.table.rowCount() == len(communication.items(project)) > 40
    comm.audience.setCurrentIndex(comm.audience.findData(communication.COUNCIL))
    assert all(comm.table.item(r, 1).text() == "Rat" for r in range(comm.table.rowCount()))
    comm.table.selectRow(0)
    comm.set_done(True)
    assert sum(i.done for i in communication.items(project)) == 1


def test_council_inputs_are_saved(qtbot, app, project: Project, settings) -> None:
    window, page = _page(qtbot, project, settings)
    page.tabs.setCurrentWidget(page.council)
    council = page.council
    council.situation.setPlainText("Lage")
    council.implementation.setValue(20000)
    council.operation.setValue(5000)
    assert "Summe im ersten Jahr" in council.total.text()
    assert council.save()
    stored = communication.council_inputs(project)
    assert (stored.situation, stored.implementation_cost, stored.operation_cost) == (
        "Lage",
        20000,
        5000,
    )
    assert len(stored.benefits) == len(communication.DEFAULT_BENEFITS)
