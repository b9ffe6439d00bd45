"""Step 2 page: offices, contacts, bulk assignment, drag and drop, rules, undo, briefings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ozgdesk.store.project import Project
from ozgdesk.ui.dialogs.choice_dialog import ChoiceDialog
from ozgdesk.ui.dialogs.office_contact_dialog import OfficeContactDialog
from ozgdesk.ui.dialogs.office_dialog import OfficeDialog
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.ui.models.service_table import COL_OFFICE, SERVICE_IDS_MIME
from ozgdesk.workflow import assignment, offices, overview, relevance


def _window(qtbot, project: Project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _prepare(project: Project) -> list[int]:
    ids = [r.id for r in overview.catalogue_rows(project) if r.themenfeld == "Bauen & Wohnen"]
    relevance.decide(project, ids, relevance.RELEVANT)
    offices.add_offices(project, offices.SMALL_MUNICIPALITY, kind="Fachbereich")
    return ids


def _page(qtbot, project, settings):
    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(1)
    page = window.pages["assignment"]
    return window, page, page.panel


def test_counter_and_bulk_assignment_with_undo(qtbot, app, project: Project, settings) -> None:
    ids = _prepare(project)
    window, page, panel = _page(qtbot, project, settings)
    assert (
        f"{len(ids)} relevante Leistungen sind noch keinem Amt zugeordnet" in panel.counter.text()
    )
    assert panel.proxy.rowCount() == len(ids)  # "Relevante ohne Amt"
    bauen = offices.office_by_name(project, "Bauen und Planen")
    panel.target.setCurrentIndex(panel.target.findData(bauen.id))
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.lead_button, Qt.MouseButton.LeftButton)
    assert assignment.counters(project).relevant_unassigned == len(ids) - 1
    assert panel.proxy.rowCount() == len(ids) - 1  # the assigned one left the "ohne Amt" view
    # everything the filter shows (confirmed)
    panel.table.clearSelection()
    qtbot.mouseClick(panel.lead_button, Qt.MouseButton.LeftButton)
    assert assignment.counters(project).relevant_unassigned == 0
    assert "Alle" in panel.counter.text()
    assert page.status_chip.text() == "Status: in Arbeit"
    window.undo_action.trigger()
    assert assignment.counters(project).relevant_unassigned == len(ids) - 1
    window.undo_action.trigger()
    assert assignment.counters(project).relevant_unassigned == len(ids)
    window.redo_action.trigger()
    assert assignment.counters(project).relevant_unassigned == len(ids) - 1


def test_drag_and_drop_onto_an_office(qtbot, app, project: Project, settings) -> None:
    ids = _prepare(project)
    window, page, panel = _page(qtbot, project, settings)
    panel.table.selectRow(0)
    rows = panel.table.selectionModel().selectedRows()
    service = rows[0].data(Qt.ItemDataRole.UserRole + 1)  # (indexes go stale after the drop)
    dragged = panel.proxy.mimeData(rows)
    assert dragged.hasFormat(SERVICE_IDS_MIME)
    ordnung = offices.office_by_name(project, "Bürgerservice und Ordnung")
    row = panel.office_model.row_of(ordnung.id)
    target = panel.office_model.index(row)
    assert panel.office_model.canDropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, target)
    panel.office_model.dropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, target)
    assert assignment.current(project, [service])[0].lead_office_id == ordnung.id
    assert service in ids
    # the events a mouse drag delivers to the office list: enter, move, drop
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    panel.table.selectRow(0)
    mime = panel.proxy.mimeData(panel.table.selectionModel().selectedRows())
    target = panel.office_model.index(panel.office_model.row_of(ordnung.id))
    point = panel.office_list.visualRect(target).center()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    viewport = panel.office_list.viewport()
    for event_type in (QDragEnterEvent, QDragMoveEvent, QDropEvent):
        event = event_type(point, Qt.DropAction.CopyAction, mime, buttons, modifiers)
        app.sendEvent(viewport, event)
        assert event.isAccepted()
    assert assignment.counters(project).relevant_unassigned == len(ids) - 2


def test_offices_contacts_merge_and_undo(
    qtbot, app, project: Project, settings, monkeypatch
) -> None:
    _prepare(project)
    window, page, panel = _page(qtbot, project, settings)
    answers: list = []

    def fake_dialog(dialog: QDialog) -> bool:
        fill = answers.pop(0)
        fill(dialog)
        return True

    monkeypatch.setattr(panel, "run_dialog", fake_dialog)
    answers.append(lambda d: isinstance(d, OfficeDialog) and d.name.setText("Bauamt"))
    panel.new_office()
    bauamt = offices.office_by_name(project, "Bauamt")
    assert bauamt is not None
    panel.select_office(bauamt.id)

    def fill_contact(dialog: OfficeContactDialog) -> None:
        dialog.name.setText("Erika Muster")
        dialog.email.setText("falsch")
        assert not dialog.is_valid()
        assert "@" in dialog.problem.text()
        dialog.email.setText("e.muster@musterhausen.example")
        dialog.phone.setText("02561 123-45")
        assert dialog.is_valid()

    answers.append(fill_contact)
    panel.add_contact()
    assert [c.name for c in offices.office_by_name(project, "Bauamt").contacts] == ["Erika Muster"]
    assert panel.contacts.count() == 1

    bauen = offices.office_by_name(project, "Bauen und Planen")
    panel.assign_to(bauen.id, [r.id for r in overview.catalogue_rows(project) if r.relevance][:3])
    # merge "Bauen und Planen" into "Bauamt"
    for office_id in (bauen.id, bauamt.id):
        panel.office_list.selectionModel().select(
            panel.office_model.index(panel.office_model.row_of(office_id)),
            panel.office_list.selectionModel().SelectionFlag.Select,
        )

    def choose_bauamt(dialog: ChoiceDialog) -> None:
        dialog.choose(bauamt.id)

    answers.append(choose_bauamt)
    panel.merge_selected()
    names = {o.name: o for o in offices.offices(project)}
    assert "Bauen und Planen" not in names and names["Bauamt"].lead_services == 3
    window.undo_action.trigger()
    names = {o.name: o for o in offices.offices(project)}
    assert names["Bauen und Planen"].lead_services == 3 and names["Bauamt"].lead_services == 0
    assert panel.office_model.rowCount() == len(names)


def test_rules_preview_and_apply(qtbot, app, project: Project, settings, monkeypatch) -> None:
    ids = _prepare(project)
    window, page, panel = _page(qtbot, project, settings)
    bauen = offices.office_by_name(project, "Bauen und Planen")
    assignment.save_rule(project, assignment.Rule(None, "themenfeld", "Bauen & Wohnen", bauen.id))
    page.tabs.setCurrentWidget(page.rules)
    assert page.rules.table.rowCount() == 1
    shown: list = []
    monkeypatch.setattr(page.rules, "run_dialog", lambda dialog: shown.append(dialog) or True)
    page.rules.preview_and_apply()
    assert shown and shown[0].table.rowCount() == len(ids)
    assert assignment.counters(project).relevant_unassigned == 0
    panel.show_combo.setCurrentIndex(1)  # all relevant
    assert {panel.proxy.index(r, COL_OFFICE).data() for r in range(panel.proxy.rowCount())} == {
        "Bauen und Planen"
    }
    window.undo_action.trigger()
    assert assignment.counters(project).relevant_unassigned == len(ids)


def test_briefing_and_tech_prerequisite(qtbot, app, project: Project, settings) -> None:
    window, page, panel = _page(qtbot, project, settings)
    page.tabs.setCurrentWidget(page.briefing)
    briefing = page.briefing
    assert briefing.table.rowCount() == 5
    briefing.table.selectRow(3)
    briefing.done.setChecked(True)
    briefing.person.setText("Bürgermeisterin im Verwaltungsvorstand")
    briefing.save_selected()
    from ozgdesk.workflow import briefings, tech

    assert briefings.leadership_briefed(project)
    briefing.status.setCurrentIndex(briefing.status.findData(tech.NO))
    briefing.cms.setText("Beispiel-CMS")
    briefing.save_tech()
    assert tech.get(project).status == tech.NO
    assert "noch keine Schnittstelle" in briefing.tech_hint.text()


def test_delete_office_with_services_asks_where_to(
    qtbot, app, project: Project, settings, monkeypatch
) -> None:
    ids = _prepare(project)
    window, page, panel = _page(qtbot, project, settings)
    finanzen = offices.office_by_name(project, "Finanzen")
    zentral = offices.office_by_name(project, "Zentrale Dienste")
    assignment.assign(project, ids[:2], finanzen.id)
    panel.reload_offices(finanzen.id)
    monkeypatch.setattr(panel, "run_dialog", lambda dialog: dialog.choose(zentral.id) or True)
    panel.delete_selected()
    names = {o.name: o for o in offices.offices(project)}
    assert "Finanzen" not in names and names["Zentrale Dienste"].lead_services == 2
