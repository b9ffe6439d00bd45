"""The network contacts panel (step 1 "vernetzen"), driven without exec()."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from ozgdesk.store.project import Project
from ozgdesk.ui.dialogs.contact_dialog import ContactDialog
from ozgdesk.ui.dialogs.pick_list import PickListDialog
from ozgdesk.ui.models.contact_table import (
    COL_EMAIL,
    COL_FIRST_CONTACT,
    COL_NOTES,
    COL_ORGANISATION,
    ContactTableModel,
)
from ozgdesk.ui.pages.network_panel import NetworkPanel
from ozgdesk.workflow import network
from ozgdesk.workflow.network import Contact


@pytest.fixture
def panel(qtbot, app, project: Project) -> NetworkPanel:
    widget = NetworkPanel(project)
    qtbot.addWidget(widget)
    return widget


def _cell(panel: NetworkPanel, row: int, column: int) -> str:
    return panel.model.data(panel.model.index(row, column))


def test_add_edit_delete_and_undo(
    qtbot, panel: NetworkPanel, project: Project, _no_blocking_messages
) -> None:
    assert panel.model.rowCount() == 0
    assert not panel.empty_label.isHidden()
    assert not panel.edit_button.isEnabled()

    with qtbot.waitSignal(panel.changed):
        new_id = panel.add_contact(
            Contact(
                kind=network.NEIGHBOUR,
                organisation="Vreden",
                person="Max Muster",
                email="max.muster@vreden.de",
                first_contact=date(2024, 2, 29),
            )
        )
    assert new_id is not None
    assert panel.model.rowCount() == 1
    assert panel.empty_label.isHidden()
    assert _cell(panel, 0, COL_ORGANISATION) == "Vreden"
    assert _cell(panel, 0, COL_FIRST_CONTACT) == "29.02.2024"
    assert panel.selected_contact().id == new_id  # the new contact is selected
    assert panel.edit_button.isEnabled()

    with qtbot.waitSignal(panel.changed):
        assert panel.edit_selected_with(
            Contact(kind=network.NEIGHBOUR, organisation="Stadt Vreden", phone="02564 303-0")
        )
    [stored] = network.contacts(project)
    assert stored.id == new_id
    assert stored.organisation == "Stadt Vreden"
    assert stored.person == ""
    assert _cell(panel, 0, COL_EMAIL) == ""

    with qtbot.waitSignal(panel.changed):
        removed = panel.delete_selected()
    assert removed is not None and removed.organisation == "Stadt Vreden"
    assert ("confirm", "Den Kontakt „Stadt Vreden“ löschen?") in _no_blocking_messages
    assert panel.model.rowCount() == 0
    assert network.contacts(project) == []
    assert not panel.undo_bar.isHidden()
    assert "gelöscht" in panel.undo_label.text()

    with qtbot.waitSignal(panel.changed):
        assert panel.undo_delete() == new_id
    assert panel.undo_bar.isHidden()
    assert [c.organisation for c in panel.contacts()] == ["Stadt Vreden"]


def test_delete_is_not_done_without_confirmation(panel: NetworkPanel, monkeypatch) -> None:
    from ozgdesk.ui import messages

    panel.add_contact(Contact(person="Erika Muster"))
    monkeypatch.setattr(messages, "confirm", lambda *args, **kwargs: False)
    assert panel.delete_selected() is None
    assert panel.model.rowCount() == 1


def test_invalid_contact_from_the_api_becomes_a_message(
    panel: NetworkPanel, _no_blocking_messages
) -> None:
    assert panel.add_contact(Contact(email="kaputt")) is None
    assert panel.model.rowCount() == 0
    kind, text = _no_blocking_messages[-1]
    assert kind == "info"
    assert "Organisation oder eine Person" in text


def test_table_is_sorted_and_shows_notes_on_one_line(panel: NetworkPanel) -> None:
    provider = next(p for p in network.it_providers() if p.name == "regio iT gmbh")
    panel.add_contacts(
        [
            Contact(kind=network.NEIGHBOUR, organisation="Vreden"),
            network.contact_from_provider(provider),
        ]
    )
    assert [c.organisation for c in panel.contacts()] == ["regio iT gmbh", "Vreden"]
    assert (
        _cell(panel, 0, COL_NOTES) == "Anschrift: Lombardenstr., 52070 Aachen · Website: regioit.de"
    )
    tooltip = panel.model.data(panel.model.index(0, COL_NOTES), Qt.ItemDataRole.ToolTipRole)
    assert "\n" in tooltip


def test_dialog_disables_ok_while_invalid(qtbot, app) -> None:
    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Neuer Kontakt"
    assert not dialog.ok_button.isEnabled()  # neither organisation nor person yet
    dialog.person.setText("Erika Muster")
    assert dialog.ok_button.isEnabled()
    assert dialog.is_valid()

    dialog.email.setText("erika.muster")
    assert not dialog.ok_button.isEnabled()
    problem = dialog.findChild(QWidget, "problem_email")
    assert problem.isVisibleTo(dialog)
    assert "@-Zeichen" in problem.text()
    assert "a40000" in problem.styleSheet()  # red
    assert dialog.email.accessibleDescription() == problem.text()

    dialog.email.setText("erika.muster@ahaus.de")
    assert dialog.ok_button.isEnabled()
    assert not problem.isVisibleTo(dialog)

    dialog.phone.setText("0251.1")
    assert not dialog.ok_button.isEnabled()
    assert "0251 123456-0 oder +49 251 123456" in dialog.findChild(QWidget, "problem_phone").text()


def test_dialog_round_trip(qtbot, app) -> None:
    contact = Contact(
        id=7,
        kind=network.DISTRICT_TEAM,
        organisation="Kreis Borken",
        person="Erika Muster",
        role="Digitalisierung",
        email="e.muster@kreis-borken.de",
        phone="02861 681-0",
        notes="Zeile 1\nZeile 2",
        first_contact=date(2023, 11, 2),
    )
    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    dialog.set_contact(contact)
    assert dialog.windowTitle() == "Kontakt bearbeiten"
    assert dialog.contact() == contact
    dialog.no_contact_yet.setChecked(True)
    assert not dialog.first_contact.isEnabled()
    assert dialog.contact().first_contact is None
    dialog.set_contact(Contact(person="X"))
    assert dialog.no_contact_yet.isChecked()
    assert dialog.contact().id is None


def _inside(child: QWidget, kinds: tuple[type, ...], top: QWidget) -> bool:
    parent = child.parent()
    while parent is not None and parent is not top:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent()
    return False


def test_every_interactive_widget_has_an_accessible_name(qtbot, app, panel: NetworkPanel) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
    )

    interactive = (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
    )
    dialog = ContactDialog()
    qtbot.addWidget(dialog)
    picker = PickListDialog("Titel", "Text", [])
    qtbot.addWidget(picker)
    for widget in (panel, dialog, picker):
        for child in widget.findChildren(QWidget):
            if not isinstance(child, interactive):
                continue
            # inner parts of composite widgets (the date edit's line edit, a combo's popup …)
            if _inside(child, interactive, widget) or child.objectName().startswith("qt_"):
                continue
            assert child.accessibleName(), f"{type(child).__name__} {child.objectName()!r}"


def test_take_provider_through_the_dialogs(
    panel: NetworkPanel, monkeypatch, project: Project
) -> None:
    def run(dialog: QDialog) -> bool:
        if isinstance(dialog, PickListDialog):
            dialog.set_filter("aachen")
            assert dialog.count_label.text() == "1 von 32"
            assert dialog.ok_button.isEnabled()  # the only hit is selected
        else:
            assert isinstance(dialog, ContactDialog)
            assert dialog.organisation.text() == "regio iT gmbh"
            dialog.person.setText("Erika Muster")
            dialog.email.setText("erika.muster@regioit.de")
        return True

    monkeypatch.setattr(panel, "_run_dialog", run)
    new_id = panel.take_provider()
    [stored] = network.contacts(project)
    assert stored.id == new_id
    assert stored.kind == "IT-Dienstleister"
    assert stored.person == "Erika Muster"
    assert "52070 Aachen" in stored.notes


def test_take_several_municipalities(panel: NetworkPanel, monkeypatch, project: Project) -> None:
    seen: list[object] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, PickListDialog)  # several: no contact dialog
        seen.extend(dialog.visible_values())
        dialog.set_filter("")
        picks = [m for m in dialog.visible_values() if m.name in {"Vreden", "Stadtlohn"}]
        dialog.select_values(picks)
        return True

    monkeypatch.setattr(panel, "_run_dialog", run)
    ids = panel.take_municipality()
    assert len(ids) == 2
    assert len(seen) == 426  # not the project's own municipality (Ahaus)
    assert [(c.kind, c.organisation) for c in network.contacts(project)] == [
        ("Nachbarkommune", "Stadtlohn"),
        ("Nachbarkommune", "Vreden"),
    ]


def test_pick_list_search_is_umlaut_insensitive(qtbot, app) -> None:
    from ozgdesk.ui.dialogs.pick_list import PickEntry

    entries = [PickEntry(m.name, value=m.name) for m in network.municipalities()]
    dialog = PickListDialog("Kommunen", "", entries, multiple=True)
    qtbot.addWidget(dialog)
    dialog.set_filter("munster")
    assert "Münster" in dialog.visible_values()
    dialog.set_filter("zzzz")
    assert dialog.visible_values() == []
    assert not dialog.ok_button.isEnabled()


def test_read_only_project_disables_editing(qtbot, app, catalogue_path) -> None:
    with Project.open(catalogue_path, read_only=True) as read_only:
        widget = NetworkPanel(read_only)
        qtbot.addWidget(widget)
        assert not widget.new_button.isEnabled()
        assert not widget.provider_button.isEnabled()
        assert not widget.read_only_label.isHidden()


def test_contact_table_model(qtmodeltester) -> None:
    model = ContactTableModel()
    qtmodeltester.check(model, force_py=True)
    model.set_contacts(
        [
            Contact(id=1, kind=network.IT_PROVIDER, organisation="citeq", notes="a\nb"),
            Contact(id=2, kind=network.NEIGHBOUR, person="Max", first_contact=date(2024, 1, 5)),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.row_of(2) == 1
    assert model.row_of(99) == -1
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Art"
