"""The one editing model: fields save as the user goes (after a pause or on leaving the field),
each save one undo step; incomplete forms ask before they are left; no save buttons; window
geometry clamped to the screen; lists editable by F2/Enter/double-click/context menu."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from ozgdesk.store.project import Project
from ozgdesk.ui.autosave import AutoSave
from ozgdesk.ui.main_window import MainWindow, window_title
from ozgdesk.ui.widgets.list_editing import context_menu
from ozgdesk.workflow import briefings, communication, delivery, offices, tech, workshop
from ozgdesk.workflow.offices import Office


def _window(qtbot, project: Project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _save_buttons(window: MainWindow) -> list[str]:
    """Buttons that save form input (not files: "… speichern…" opens a file dialog)."""
    for key in ("overview", "assignment", "workshop", "delivery", "roadmap"):
        window.pages[key]  # noqa: B018 - builds the page
    found = []
    for button in window.findChildren(QPushButton):
        text = button.text().replace("&", "")
        if "speichern" in text.casefold() and not text.endswith("…"):
            found.append(text)
    return found


def test_no_save_buttons_left(qtbot, app, project: Project, settings) -> None:
    window = _window(qtbot, project, settings)
    assert _save_buttons(window) == []


def test_workshop_plan_saves_while_typing_and_undoes(qtbot, app, project, settings) -> None:
    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(2)
    page = window.pages["workshop"]
    workshop_id = page.new_workshop("Auftakt")
    page.plan.title.setFocus()
    page.plan.title.selectAll()
    qtbot.keyClicks(page.plan.title, "Auftakt OZG")
    assert page.plan.autosave.pending  # typing: saved after a short pause
    qtbot.waitUntil(lambda: not page.plan.autosave.pending, timeout=3000)
    assert workshop.detail(project, workshop_id).workshop.title == "Auftakt OZG"
    assert page.plan.title.hasFocus() and page.plan.title.text() == "Auftakt OZG"
    page.plan.notes.setPlainText("Beamer mitbringen")
    page.plan.notes.setFocus()
    page.plan.title.setFocus()  # leaving the notes saves at once
    assert workshop.detail(project, workshop_id).workshop.notes == "Beamer mitbringen"
    assert window.undo_stack.count() == 2
    window.undo_stack.undo()
    assert workshop.detail(project, workshop_id).workshop.notes == ""
    window.undo_stack.undo()
    assert workshop.detail(project, workshop_id).workshop.title != "Auftakt OZG"
    assert page.plan.title.text() == workshop.detail(project, workshop_id).workshop.title


def test_incomplete_plan_asks_before_leaving(
    qtbot, app, project, settings, monkeypatch, _no_blocking_messages
) -> None:
    from ozgdesk.ui import messages

    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(2)
    page = window.pages["workshop"]
    workshop_id = page.new_workshop("Auftakt")
    page.plan.title.clear()  # a workshop needs a title
    assert page.plan.autosave.pending and "Titel" in page.plan.problem.text()
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: False)  # "stay"
    window.sidebar.setCurrentRow(3)
    assert window.stack.currentWidget() is page  # still here
    assert window.sidebar.currentRow() == 2
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)  # "discard and go on"
    window.sidebar.setCurrentRow(3)
    assert window.stack.currentWidget() is window.pages["delivery"]
    assert workshop.detail(project, workshop_id).workshop.title  # never saved empty
    window.sidebar.setCurrentRow(2)
    assert page.plan.title.text() == workshop.detail(project, workshop_id).workshop.title


def test_leaving_the_step_saves_what_was_typed(qtbot, app, project, settings) -> None:
    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(2)
    page = window.pages["workshop"]
    workshop_id = page.new_workshop("Auftakt")
    page.plan.place.setText("Ratssaal")  # pending, the pause has not passed yet
    assert page.plan.autosave.pending
    window.sidebar.setCurrentRow(0)  # switching steps (the lost-input bug)
    assert workshop.detail(project, workshop_id).workshop.place == "Ratssaal"


def test_briefing_and_interface_save_as_you_go(qtbot, app, project, settings) -> None:
    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(1)
    page = window.pages["assignment"]
    page.tabs.setCurrentWidget(page.briefing)
    panel = page.briefing
    panel.table.selectRow(0)
    first = panel.selected()
    panel.person.setText("Frau Schmidt im Verwaltungsvorstand")
    panel.table.selectRow(1)  # the text belongs to the first row, saved before the switch
    saved = {b.id: b for b in briefings.briefings(project)}
    assert saved[first.id].person == "Frau Schmidt im Verwaltungsvorstand"
    assert panel.person.text() == saved[panel.selected().id].person
    panel.done.setChecked(True)  # a choice saves at once
    assert {b.id: b for b in briefings.briefings(project)}[panel.selected().id].done
    panel.status.setCurrentIndex(panel.status.findData(tech.YES))
    assert tech.get(project).status == tech.YES
    panel.cms.setText("Beispiel-CMS")
    qtbot.waitUntil(lambda: tech.get(project).cms_product == "Beispiel-CMS", timeout=3000)
    window.undo_stack.undo()
    assert tech.get(project).cms_product == "" and panel.cms.text() == ""


def test_contact_point_saves_for_the_office_it_shows(qtbot, app, project, settings) -> None:
    first = offices.save_office(project, Office(None, "Bürgerbüro"))
    second = offices.save_office(project, Office(None, "Bauamt"))
    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(3)
    page = window.pages["delivery"]
    page.tabs.setCurrentWidget(page.units)
    units = page.units
    row = next(i for i, u in enumerate(units._units) if u.office_id == first)
    units.offices.setCurrentRow(row)
    units.fields["phone"].setText("02561 100")
    other = next(i for i, u in enumerate(units._units) if u.office_id == second)
    units.offices.setCurrentRow(other)
    stored = {u.office_id: u for u in delivery.units(project)}
    assert stored[first].get("phone") == "02561 100"
    assert stored[second].get("phone") == ""
    assert units.fields["phone"].text() == ""


def test_council_inputs_save_on_close(qtbot, app, project, settings) -> None:
    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(4)
    page = window.pages["roadmap"]
    page.tabs.setCurrentWidget(page.council)
    page.council.goal.setPlainText("Alle Leistungen online")
    assert page.council.autosave.pending
    path = project.path
    window.close()
    reopened = Project.open(path)
    try:
        assert communication.council_inputs(reopened).goal == "Alle Leistungen online"
    finally:
        reopened.close()


def test_every_form_is_watched(qtbot, app, project, settings) -> None:
    window = _window(qtbot, project, settings)
    for key in ("assignment", "workshop", "delivery", "roadmap"):
        window.pages[key]  # noqa: B018
    owners = {type(s.owner).__name__ for s in window.findChildren(AutoSave)}
    assert {"WorkshopPlanPanel", "BriefingPanel", "UnitPanel", "CouncilPanel"} <= owners


def test_window_fits_the_screen(qtbot, app, project, settings) -> None:
    window = _window(qtbot, project, settings)
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()) or available == window.frameGeometry()
    # a geometry remembered on a bigger screen is clamped to this one
    big = MainWindow(project, settings)
    qtbot.addWidget(big)
    big.setGeometry(QRect(700, 600, 1900, 1200))
    remembered: QByteArray = big.saveGeometry()
    big.place_on_screen(remembered)
    assert big.width() <= available.width() and big.height() <= available.height()
    assert big.x() >= available.x() and big.y() >= available.y()
    assert big.x() + big.width() <= available.right() + 1


def test_window_title_names_the_municipality_once(tmp_path) -> None:
    assert window_title("Ahaus", tmp_path / "Ahaus.ozgdesk") == "Ahaus – ozgdesk"
    assert (
        window_title("Ahaus", tmp_path / "OZG 2025.ozgdesk") == "Ahaus (OZG 2025.ozgdesk) – ozgdesk"
    )


def test_participants_edit_by_keyboard_and_context_menu(qtbot, app, project, settings) -> None:
    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(2)
    page = window.pages["workshop"]
    workshop_id = page.new_workshop("Auftakt")
    panel = page.participants
    monkeypatch_dialogs: list[str] = []

    def fill(dialog) -> bool:  # the edit dialog: give the role a name
        monkeypatch_dialogs.append(dialog.windowTitle())
        name, role, *_ = panel._fields
        if not name.text():
            name.setText("Anna Schmidt")
            panel._address.setCurrentIndex(panel._address.findData("Frau"))
        return True

    panel.run_dialog = fill  # type: ignore[method-assign]
    workshop.add_participants(
        project, workshop_id, [workshop.Participant(None, workshop_id, "Bürgermeister/in")]
    )
    page.reload_current()
    assert "(Name fehlt)" in panel.table.item(0, 0).text()
    assert "fehlt noch der Name" in panel.summary.text()
    page.tabs.setCurrentWidget(panel)
    panel.table.setFocus()
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    person = workshop.detail(project, workshop_id).participants[0]
    assert (person.name, person.role) == ("Frau Anna Schmidt", "Bürgermeister/in")
    assert monkeypatch_dialogs == ["Person bearbeiten"]
    window.undo_stack.undo()
    assert workshop.detail(project, workshop_id).participants[0].name == "Bürgermeister/in"
    menu = context_menu(panel.table, panel.edit_selected, [])
    menu.actions()[0].trigger()  # "Bearbeiten…" from the context menu
    assert workshop.detail(project, workshop_id).participants[0].name == "Frau Anna Schmidt"
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert len(monkeypatch_dialogs) == 3
    text = workshop.invitation_text(
        "Ahaus",
        workshop.detail(project, workshop_id),
        workshop.detail(project, workshop_id).participants[0],
    )
    assert text.startswith("Sehr geehrte Frau Schmidt,")
    QApplication.processEvents()


def test_cancelling_a_dialog_after_typing_asks(qtbot, app, monkeypatch) -> None:
    from PySide6.QtWidgets import QLineEdit

    from ozgdesk.ui import messages
    from ozgdesk.ui.dialogs.form_dialog import FormDialog

    name = QLineEdit()
    dialog = FormDialog(None, "Person", [("Name:", name)])
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda *a, **k: asked.append(a[2]) or False)
    dialog.reject()  # nothing typed: closes without asking
    assert not asked and not dialog.isVisible()
    dialog.show()
    name.setText("Erika Muster")
    dialog.reject()  # typed: asks, and "stay" keeps the dialog open
    assert asked and dialog.isVisible()


def test_tabs_leave_room_for_capital_umlauts(qtbot, app) -> None:
    """Plain Fusion cut the dots off "Ä" in tab labels ("Ansprechstellen der Amter")."""
    from PySide6.QtWidgets import QStyleFactory, QTabWidget, QWidget

    from ozgdesk.ui.style import TAB_EXTRA_HEIGHT, UmlautSafeStyle

    assert isinstance(app.style(), UmlautSafeStyle)
    heights = []
    plain = QStyleFactory.create(app.style().baseStyle().name())
    for style in (app.style(), plain):
        tabs = QTabWidget()
        qtbot.addWidget(tabs)
        tabs.setStyle(style)
        tabs.tabBar().setStyle(style)
        tabs.addTab(QWidget(), "Ansprechstellen der Ämter")
        tabs.show()
        heights.append(tabs.tabBar().tabRect(0).height())
    assert heights[0] >= heights[1] + TAB_EXTRA_HEIGHT


def test_invitation_state_and_removal_are_undo_steps(qtbot, app, project, settings) -> None:
    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(2)
    page = window.pages["workshop"]
    workshop_id = page.new_workshop("Auftakt")
    workshop.add_participants(
        project,
        workshop_id,
        [
            workshop.Participant(None, workshop_id, "Erika Muster", invitation=workshop.ACCEPTED),
            workshop.Participant(None, workshop_id, "Jonas Weber"),
        ],
    )
    page.reload_current()
    panel = page.participants
    panel.table.selectAll()
    panel.set_invitation(workshop.INVITED)
    states = [p.invitation for p in workshop.detail(project, workshop_id).participants]
    assert states == [workshop.INVITED, workshop.INVITED]
    window.undo_stack.undo()
    states = [p.invitation for p in workshop.detail(project, workshop_id).participants]
    assert states == [workshop.ACCEPTED, ""]  # each one's earlier state
    panel.table.selectRow(1)
    panel.remove_selected()  # confirmed by the test's message stub
    assert [p.name for p in workshop.detail(project, workshop_id).participants] == ["Erika Muster"]
    window.undo_stack.undo()
    names = [p.name for p in workshop.detail(project, workshop_id).participants]
    assert names == ["Erika Muster", "Jonas Weber"]
    window.undo_stack.redo()
    assert [p.name for p in workshop.detail(project, workshop_id).participants] == ["Erika Muster"]


def test_agenda_moves_and_task_states_are_undo_steps(qtbot, app, project, settings) -> None:
    from ozgdesk.workflow import tasks

    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(2)
    page = window.pages["workshop"]
    workshop_id = page.new_workshop("Auftakt")
    first = [e.title for e in workshop.detail(project, workshop_id).agenda]
    page.agenda.table.selectRow(1)
    page.agenda.move_selected(-1)
    moved = [e.title for e in workshop.detail(project, workshop_id).agenda]
    assert moved[:2] == [first[1], first[0]]
    window.undo_stack.undo()
    assert [e.title for e in workshop.detail(project, workshop_id).agenda] == first
    tasks.save(project, tasks.Task(None, "Liste prüfen", "Bauamt", workshop_id=workshop_id))
    page.reload_current()
    page.minutes.tasks_table.selectRow(0)
    page.minutes.set_task_status(tasks.DONE)
    assert tasks.tasks(project, workshop_id=workshop_id)[0].status == tasks.DONE
    window.undo_stack.undo()
    assert tasks.tasks(project, workshop_id=workshop_id)[0].status == tasks.OPEN
