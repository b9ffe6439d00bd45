"""Step 3 page: plan a workshop end to end (plan, participants, agenda, invitation, minutes)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QDialog

from ozgdesk.store.project import Project
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow import offices, tasks, workshop
from ozgdesk.workflow.offices import Contact, Office


def _window(qtbot, project: Project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.sidebar.setCurrentRow(2)
    return window


def test_plan_a_kick_off_end_to_end(qtbot, app, project: Project, settings, monkeypatch) -> None:
    office = offices.save_office(project, Office(None, "Bauamt"))
    offices.save_contact(
        project, Contact(None, office, "Erika Muster", "Leitung", "e.muster@kommune.example")
    )
    window = _window(qtbot, project, settings)
    page = window.pages["workshop"]
    assert page.empty_hint.isVisible()
    assert page.status_chip.text() == "Status: nicht begonnen"

    workshop_id = page.new_workshop("Auftakt")
    assert workshop_id is not None and page.list.count() == 1
    assert page.status_chip.text() == "Status: in Arbeit"
    assert page.agenda.table.rowCount() == len(workshop.DEFAULT_AGENDA)
    assert page.agenda.table.item(0, 0).text().startswith("10:00")

    # plan: hybrid in the council chamber, with a link
    # (saved as the user goes: no button; incomplete input stays pending, not saved)
    page.plan.format.setCurrentText("hybrid")
    assert page.plan.autosave.pending  # place missing: not saved
    assert "Ort" in page.plan.problem.text()
    assert workshop.detail(project, workshop_id).workshop.format == "Video"
    page.plan.place.setText("Ratssaal, Rathaus")
    page.plan.video_link.setText("https://video.example/ozg")
    assert "Im Kalender blockieren: 08:00–12:00 Uhr" in page.plan.blocked.text()
    qtbot.waitUntil(lambda: not page.plan.autosave.pending, timeout=3000)  # after a pause
    saved = workshop.detail(project, workshop_id).workshop
    assert (saved.format, saved.place, saved.sequence) == ("hybrid", "Ratssaal, Rathaus", 1)

    # participants from offices and network (the dialog is accepted as proposed)
    monkeypatch.setattr(page.participants, "run_dialog", lambda dialog: True)
    page.participants.pick_candidates()
    names = [p.name for p in workshop.detail(project, workshop_id).participants]
    assert names[0] == "Erika Muster" and "Bürgermeister/in" in names
    page.participants.table.selectRow(0)
    page.participants.set_invitation(workshop.ACCEPTED)
    assert workshop.detail(project, workshop_id).participants[0].invitation == "zugesagt"
    assert "1 zugesagt" in page.participants.summary.text()

    # agenda: move the second item up; times follow
    page.agenda.table.selectRow(1)
    page.agenda.move_selected(-1)
    agenda = workshop.detail(project, workshop_id).agenda
    assert agenda[0].title.startswith("Einführung in das OZG")
    assert page.agenda.table.item(1, 0).text().startswith("10:20")

    # invitation text for Erika, mentioning her office's list
    page.tabs.setCurrentWidget(page.invitation)
    page.invitation.person.setCurrentIndex(1)
    text = page.invitation.text.toPlainText()
    assert (
        "Guten Tag Erika Muster" in text
        and "Ratssaal" in text
        and "https://video.example/ozg" in text
    )

    # minutes: a decision and a task
    def fill(dialog: QDialog) -> bool:
        from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

        editors = dialog.findChildren(QPlainTextEdit) or dialog.findChildren(QLineEdit)
        if isinstance(editors[0], QPlainTextEdit):
            editors[0].setPlainText("Jedes Amt benennt zwei Ansprechpersonen.")
        else:
            editors[0].setText("Leistungsliste Bauamt prüfen")
            editors[1].setText("Erika Muster")
        return True

    monkeypatch.setattr(page.minutes, "run_dialog", fill)
    page.minutes.add_decision()
    page.minutes.add_task()
    detail = workshop.detail(project, workshop_id)
    assert [d.text for d in detail.decisions] == ["Jedes Amt benennt zwei Ansprechpersonen."]
    (task,) = tasks.tasks(project, workshop_id=workshop_id)
    assert (task.title, task.owner, task.step, task.status) == (
        "Leistungsliste Bauamt prüfen",
        "Erika Muster",
        4,
        "offen",
    )
    assert page.minutes.tasks_table.rowCount() == 1


def test_past_kick_off_with_minutes_is_done(qtbot, app, project: Project, settings) -> None:
    start = datetime.now().replace(microsecond=0) - timedelta(days=20)
    workshop_id = workshop.save_workshop(
        project, workshop.with_times(workshop.proposal(), start, 120)
    )
    workshop.save_decision(
        project, workshop.Decision(None, workshop_id, "Start der Datenlieferung")
    )
    window = _window(qtbot, project, settings)
    assert window.pages["workshop"].status_chip.text() == "Status: erledigt"
