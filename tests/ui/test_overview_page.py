"""Step 1 page: relevance decisions with undo/redo, suggestions, rules tab, status."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ozgdesk.store.project import Project
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.ui.models.service_table import COL_RELEVANCE, COL_SUGGESTION, FILTER_UNDECIDED
from ozgdesk.workflow import overview
from ozgdesk.workflow.relevance import NOT_RELEVANT, RELEVANT


def _window(qtbot, project: Project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.sidebar.setCurrentRow(0)  # step 1 (the window opens on the start page)
    return window


def test_decide_selection_with_undo_and_redo(qtbot, app, project: Project, settings) -> None:
    window = _window(qtbot, project, settings)
    page = window.pages["overview"]
    panel = page.catalogue
    panel.search.setText("99012001000000")
    assert panel.proxy.rowCount() == 1
    panel.table.selectRow(0)
    panel.reason.setText("Bauamt")
    qtbot.mouseClick(panel.relevant_button, Qt.MouseButton.LeftButton)
    assert panel.proxy.index(0, COL_RELEVANCE).data() == RELEVANT
    decided = [r for r in overview.catalogue_rows(project) if r.relevance]
    assert len(decided) == 1 and decided[0].relevance_reason == "Bauamt"
    assert "Entschieden: 1 von" in panel.progress_label.text()

    window.undo_action.trigger()
    assert not any(r.relevance for r in overview.catalogue_rows(project))
    assert panel.proxy.index(0, COL_RELEVANCE).data() == "–"
    window.redo_action.trigger()
    assert [r.relevance for r in overview.catalogue_rows(project) if r.relevance] == [RELEVANT]


def test_without_selection_all_shown_after_confirmation(
    qtbot, app, project: Project, settings, _no_blocking_messages
) -> None:
    window = _window(qtbot, project, settings)
    panel = window.pages["overview"].catalogue
    panel.themenfeld.setCurrentIndex(panel.themenfeld.findData("Steuern & Zoll"))
    shown = panel.proxy.rowCount()
    assert shown > 10
    panel.table.clearSelection()
    qtbot.mouseClick(panel.not_relevant_button, Qt.MouseButton.LeftButton)
    assert any(kind == "confirm" for kind, _ in _no_blocking_messages)
    rows = overview.catalogue_rows(project)
    assert sum(1 for r in rows if r.relevance == NOT_RELEVANT) == shown
    # the filter "noch offen" hides them now
    panel.relevance_filter.setCurrentIndex(panel.relevance_filter.findData(FILTER_UNDECIDED))
    assert panel.proxy.rowCount() == 0


def test_accept_suggestions_for_typ_1(qtbot, app, project: Project, settings) -> None:
    window = _window(qtbot, project, settings)
    panel = window.pages["overview"].catalogue
    panel.typ.setCurrentIndex(panel.typ.findData("1"))
    shown = panel.proxy.rowCount()
    qtbot.waitUntil(lambda: bool(panel.model.suggestions()))  # filled in after the first paint
    assert panel.proxy.index(0, COL_SUGGESTION).data() == NOT_RELEVANT
    panel.table.selectAll()
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    rows = [r for r in overview.catalogue_rows(project) if r.typ == "1"]
    assert len(rows) == shown
    assert all(
        r.relevance == NOT_RELEVANT and r.relevance_reason.startswith("Vorschlag:") for r in rows
    )
    window.undo_action.trigger()
    assert not any(r.relevance for r in overview.catalogue_rows(project))


def test_rules_tab_lists_rules_with_matches(qtbot, app, project: Project, settings) -> None:
    from ozgdesk.workflow import relevance
    from ozgdesk.workflow.relevance import Rule

    # the project's own rule wins over the built-in classification while it is on
    relevance.save_rule(project, Rule(None, "typ", "1", RELEVANT, "Alles prüfen wir selbst"))
    window = _window(qtbot, project, settings)
    page = window.pages["overview"]
    page.tabs.setCurrentWidget(page.rules)
    assert page.rules.model.rowCount() == 1
    typ1 = 0
    assert int(page.rules.model.index(typ1, 5).data()) > 100
    panel = page.catalogue
    panel.typ.setCurrentIndex(panel.typ.findData("1"))
    qtbot.waitUntil(lambda: panel.proxy.index(0, COL_SUGGESTION).data() == RELEVANT)
    # switching the rule off brings back the classification's suggestion (federal: not ours)
    index = page.rules.model.index(typ1, 0)
    page.rules.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: panel.proxy.index(0, COL_SUGGESTION).data() == "nicht relevant")
    assert "Bund" in panel.proxy.index(0, COL_SUGGESTION + 1).data()


def test_step_status_updates_in_sidebar(qtbot, app, project: Project, settings) -> None:
    window = _window(qtbot, project, settings)
    panel = window.pages["overview"].catalogue
    panel.table.clearSelection()
    qtbot.mouseClick(panel.not_relevant_button, Qt.MouseButton.LeftButton)  # all 5,247 (confirmed)
    assert window.pages["overview"].status_chip.text() == "Status: erledigt"
    assert "erledigt" in window.sidebar.item(0).text()


def test_catalogue_shows_changes_made_in_other_steps(
    qtbot, app, project: Project, settings
) -> None:
    from ozgdesk.workflow import assignment, offices, relevance

    window = _window(qtbot, project, settings)
    panel = window.pages["overview"].catalogue
    service = overview.catalogue_rows(project)[0]
    assert panel.model.row_by_id(service.id).office == ""
    # step 2 (here through its workflow) assigns the service to an office
    relevance.decide(project, [service.id], RELEVANT)
    offices.add_offices(project, offices.SMALL_MUNICIPALITY, kind="Fachbereich")
    bauen = offices.office_by_name(project, "Bauen und Planen")
    assignment.assign(project, [service.id], bauen.id)
    window.sidebar.setCurrentRow(1)
    window.sidebar.setCurrentRow(0)  # back in step 1: the table has read the change
    row = panel.model.row_by_id(service.id)
    assert (row.relevance, row.office) == (RELEVANT, "Bauen und Planen")
    assert "davon relevant: 1" in panel.progress_label.text()
