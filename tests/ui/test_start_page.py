"""The start page: five steps with status and next action, open tasks, next dates."""

from __future__ import annotations

from datetime import date, timedelta

from ozgdesk.store.project import Project
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow import dashboard, overview, relevance, tasks


def test_start_page_guides_to_the_next_step(qtbot, app, project: Project, settings) -> None:
    ids = [r.id for r in overview.catalogue_rows(project)][:12]
    relevance.decide(project, ids, relevance.RELEVANT)
    tasks.save(
        project,
        tasks.Task(
            None, "Bauamt anrufen", "Koordination", date.today() - timedelta(days=2), step=2
        ),
    )
    tasks.save(
        project,
        tasks.Task(None, "Rat informieren", "Spitze", date.today() + timedelta(days=10), step=5),
    )
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    start = window.start_page
    assert window.stack.currentWidget() is start
    assert "Ahaus" in start.heading.text()
    texts = [card.action.text() for card in start.cards]
    assert (
        texts[0] == "5.235 Leistungen sind noch nicht entschieden (relevant oder nicht relevant)."
    )
    assert texts[1].startswith("Legen Sie die Ämter")
    assert start.cards[0].chip.text() == "Status: in Arbeit"
    assert start.tasks.rowCount() == 2 and "1 überfällig" in start.tasks_label.text()
    assert start.tasks.item(0, 1).text() == "Bauamt anrufen"
    assert any("Rat informieren" in start.dates.item(i).text() for i in range(start.dates.count()))
    start.cards[1].button.click()
    assert window.current_page().step.key == "assignment"
    window.start_button.click()
    assert window.stack.currentWidget() is start


def test_next_action_counts_unassigned_services(project: Project) -> None:
    from ozgdesk.workflow import offices

    ids = [r.id for r in overview.catalogue_rows(project)][:12]
    relevance.decide(project, ids, relevance.RELEVANT)
    offices.add_offices(project, offices.SMALL_MUNICIPALITY)
    summaries = {s.key: s for s in dashboard.step_summaries(project)}
    assert (
        summaries["assignment"].next_action
        == "12 relevante Leistungen sind noch keinem Amt zugeordnet."
    )
    assert summaries["workshop"].next_action.startswith("Planen Sie den Auftakt-Workshop")
    assert "Schnittstelle" in summaries["delivery"].next_action
    assert summaries["roadmap"].next_action == "12 relevante Leistungen sind noch nicht eingeplant."
