"""Step 4 page: blocker, contact point with undo, service edit and status, personal data."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog

from ozgdesk.store.project import Project
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.ui.pages.delivery_panels import ServiceEditDialog
from ozgdesk.workflow import assignment, delivery, offices, overview, persons, relevance, tech
from ozgdesk.workflow.offices import Office

UNIT = {
    "unit_name": "Bauverwaltung",
    "street": "Markt",
    "house_number": "1",
    "postcode": "48683",
    "town": "Ahaus",
    "phone": "02561 72-0",
    "email": "bau@ahaus.de",
}


def _setup(project: Project) -> tuple[int, list[int]]:
    ids = [r.id for r in overview.catalogue_rows(project) if r.themenfeld == "Bauen & Wohnen"][:4]
    relevance.decide(project, ids, relevance.RELEVANT)
    office = offices.save_office(project, Office(None, "Bauamt"))
    assignment.assign(project, ids, office)
    return office, ids


def _page(qtbot, project, settings):
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.sidebar.setCurrentRow(3)
    return window, window.pages["delivery"]


def test_blocker_unit_undo_and_progress(qtbot, app, project: Project, settings) -> None:
    office, ids = _setup(project)
    window, page = _page(qtbot, project, settings)
    assert page.blocker.isVisible() and "XZuFi" in page.blocker.text()
    assert page.total.value() == 0 and page.total.maximum() == 4
    page.tabs.setCurrentWidget(page.units)
    units = page.units
    for name, value in UNIT.items():
        units.fields[name].setText(value)
    units.fields["postcode"].setText("4868")
    assert "fünf Ziffern" in units.problems.text()
    units.fields["postcode"].setText("48683")
    assert "fünf Ziffern" not in units.problems.text()
    units.save()
    assert delivery.units(project)[0].get("street") == "Markt"
    window.undo_action.trigger()
    assert delivery.units(project)[0].get("street") == ""
    window.redo_action.trigger()
    assert delivery.units(project)[0].get("street") == "Markt"
    tech.save(project, tech.Prerequisite(tech.YES))
    page.refresh_progress()
    assert not page.blocker.isVisible()


def test_edit_service_and_set_status_with_undo(
    qtbot, app, project: Project, settings, monkeypatch
) -> None:
    office, ids = _setup(project)
    delivery.save_unit(project, office, UNIT)
    window, page = _page(qtbot, project, settings)
    services = page.services
    assert services.model.rowCount() == 4
    services.table.selectRow(0)
    chosen = services.selected_ids()[0]

    def fill(dialog: QDialog) -> bool:
        assert isinstance(dialog, ServiceEditDialog)
        assert "vom Amt" in dialog.edits["street"].placeholderText()
        dialog.edits["page_url"].setText("ahaus.de/bauen")
        assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        dialog.edits["page_url"].setText("https://www.ahaus.de/bauen/a")
        assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        return True

    monkeypatch.setattr(services, "run_dialog", fill)
    services.edit_selected()
    (row,) = delivery.effective_rows(project, ids=[chosen])
    assert row.complete and row.get("page_url") == "https://www.ahaus.de/bauen/a"
    assert page.total.value() == 1
    services.table.selectAll()
    services.set_status(delivery.REQUESTED)
    assert {s.status for s in delivery.stored(project, ids)} == {delivery.REQUESTED}
    window.undo_action.trigger()
    statuses = {s.service_id: s.status for s in delivery.stored(project, ids)}
    assert statuses[chosen] == delivery.OPEN and list(statuses.values()).count(delivery.OPEN) == 4
    window.undo_action.trigger()
    (row,) = delivery.effective_rows(project, ids=[chosen])
    assert row.get("page_url") == ""


def test_forget_person(qtbot, app, project: Project, settings) -> None:
    office, ids = _setup(project)
    delivery.save_unit(
        project, office, UNIT, [delivery.Person(None, "Erika", "Muster", email="e.muster@ahaus.de")]
    )
    window, page = _page(qtbot, project, settings)
    page.tabs.setCurrentWidget(page.persons)
    project.backup("vorher")
    project.memo("people", lambda: [p.person.name for p in persons.overview(project)])
    window.undo_stack.push(QUndoCommand("Ansprechperson geändert"))
    page.persons.query.setText("Muster")
    qtbot.waitUntil(lambda: page.persons.results.count() == 3)  # first and last name, e-mail
    assert "Erika Muster" in page.persons.summary.text() and page.persons.remove.isEnabled()
    page.persons.forget()
    assert delivery.units(project)[0].persons == ()
    assert window.undo_stack.count() == 0  # its commands could bring the person back
    assert "Erika Muster" not in project.memo("people", lambda: ["neu berechnet"])
    assert persons.find(project, "e.muster@ahaus.de").places == []
    assert not persons.find(project, "Erika Muster").anything  # backups too
    assert page.persons.results.count() == 0 and not page.persons.remove.isEnabled()


def test_persons_panel_refuses_an_ambiguous_name(qtbot, app, project: Project, settings) -> None:
    office, _ids = _setup(project)
    delivery.save_unit(
        project,
        office,
        UNIT,
        [
            delivery.Person(None, "Erika", "Muster", email="e.muster@ahaus.de"),
            delivery.Person(None, "Tobias", "Muster", email="t.muster@ahaus.de"),
        ],
    )
    _window, page = _page(qtbot, project, settings)
    page.persons.query.setText("Muster")
    page.persons.search()
    assert "mehrere Personen" in page.persons.summary.text()
    assert not page.persons.remove.isEnabled()
    page.persons.forget()
    assert len(delivery.units(project)[0].persons) == 2


def test_persons_panel_finds_a_person_left_only_in_backups(
    qtbot, app, project: Project, settings
) -> None:
    office, _ids = _setup(project)
    person = delivery.Person(None, "Erika", "Muster", email="e.muster@ahaus.de")
    delivery.save_unit(project, office, UNIT, [person])
    saved = project.backup("vorher")
    delivery.save_unit(project, office, UNIT, [])  # removed by hand, the backup still has her
    _window, page = _page(qtbot, project, settings)
    page.persons.query.setText("Erika Muster")
    page.persons.search(deep=False)  # while typing: the project only
    assert "Eingabetaste" in page.persons.summary.text()
    assert not page.persons.remove.isEnabled()
    page.persons.query.returnPressed.emit()
    assert "1 Sicherung" in page.persons.summary.text() and page.persons.remove.isEnabled()
    page.persons.forget()
    assert b"e.muster@ahaus.de" not in saved.read_bytes()
    assert not persons.find(project, "Erika Muster").anything
