"""Step 1 "vernetzen": the coordinator's network contacts, as a tab of the step 1 page.

The button slots open dialogs and then call the plain methods
(:meth:`NetworkPanel.add_contact`, :meth:`NetworkPanel.edit_selected_with`,
:meth:`NetworkPanel.delete_selected` …), which tests call directly. Dialogs run
through :meth:`NetworkPanel._run_dialog`, which tests may replace.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.dialogs.contact_dialog import ContactDialog
from ozgdesk.ui.dialogs.pick_list import PickEntry, PickListDialog
from ozgdesk.ui.models.contact_table import (
    COL_EMAIL,
    COL_FIRST_CONTACT,
    COL_KIND,
    COL_ORGANISATION,
    COL_PERSON,
    COL_PHONE,
    COL_ROLE,
    ContactTableModel,
)
from ozgdesk.ui.widgets.list_editing import make_editable
from ozgdesk.workflow import network
from ozgdesk.workflow.network import Contact

T = TypeVar("T")


class NetworkPanel(QWidget):
    """The network contacts list with buttons to add, take over, edit and delete."""

    changed = Signal()  # after every stored change (add, edit, delete, undo)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkPanel")
        self.project = project
        self._last_deleted: Contact | None = None

        intro = QLabel(
            self.tr(
                "Wer hilft Ihnen bei der OZG-Umsetzung? Tragen Sie hier Ihre Ansprechpersonen "
                "ein: den kommunalen IT-Dienstleister, das Kompetenzzentrum des Landes, die "
                "OZG-Verantwortlichen der Nachbarkommunen und das Team beim Kreis. Alles wird "
                "sofort im Projekt gespeichert."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("networkIntro")

        self.new_button = self._button(
            self.tr("&Neuer Kontakt…"), self.tr("Neuen Kontakt anlegen"), self.new_contact
        )
        self.provider_button = self._button(
            self.tr("IT-&Dienstleister übernehmen…"),
            self.tr("IT-Dienstleister aus der NRW-Liste übernehmen"),
            self.take_provider,
        )
        self.municipality_button = self._button(
            self.tr("Nachbar&kommune übernehmen…"),
            self.tr("Nachbarkommune aus der NRW-Liste übernehmen"),
            self.take_municipality,
        )
        self.edit_button = self._button(
            self.tr("&Bearbeiten…"), self.tr("Ausgewählten Kontakt bearbeiten"), self.edit_selected
        )
        self.delete_button = self._button(
            self.tr("&Löschen"), self.tr("Ausgewählten Kontakt löschen"), self.ask_delete_selected
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.provider_button)
        buttons.addWidget(self.municipality_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)

        # shown after deleting: what happened, and a way back
        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("networkUndoBar")
        self.undo_bar.setStyleSheet(
            "QFrame#networkUndoBar { background: #fdf3d8; border: 1px solid #e6d29a; "
            "border-radius: 4px; }"
        )
        self.undo_label = QLabel()
        self.undo_label.setObjectName("networkUndoText")
        self.undo_button = QPushButton(self.tr("&Rückgängig"))
        self.undo_button.setAccessibleName(self.tr("Löschen rückgängig machen"))
        self.undo_button.clicked.connect(self.undo_delete)
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(8, 4, 8, 4)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()

        self.model = ContactTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("networkTable")
        self.table.setAccessibleName(self.tr("Netzwerk-Kontakte"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(60)
        # columns fit their contents (up to these widths) until the user resizes one
        self._max_widths = {
            COL_KIND: 150,
            COL_ORGANISATION: 240,
            COL_PERSON: 170,
            COL_ROLE: 170,
            COL_EMAIL: 240,
            COL_PHONE: 150,
            COL_FIRST_CONTACT: 110,
        }
        self._user_sized = False
        self._fitting = False
        header.sectionResized.connect(self._section_resized)
        make_editable(self.table, lambda: None if self.edit_selected() else None)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.ask_delete_selected)

        self.empty_label = QLabel(
            self.tr(
                "Noch keine Kontakte. Beginnen Sie am besten mit Ihrem IT-Dienstleister "
                "(„IT-Dienstleister übernehmen…“) und den Nachbarkommunen."
            )
        )
        self.empty_label.setObjectName("networkEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #555;")

        self.read_only_label = QLabel(
            self.tr(
                "Das Projekt ist schreibgeschützt geöffnet; Kontakte können nur gelesen werden."
            )
        )
        self.read_only_label.setStyleSheet("color: #555;")
        self.read_only_label.setVisible(project.read_only)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

        self.reload()

    def _button(self, text: str, accessible: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- data -------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self.model.set_contacts(network.contacts(self.project))
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self._fit_columns()
        if select_id is not None:
            self.select_contact(select_id)
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Columns as wide as their contents (capped), leaving room for the notes."""
        if self._user_sized:
            return
        header = self.table.horizontalHeader()
        padding = self.table.fontMetrics().horizontalAdvance("MM") // 2
        wanted = {
            column: min(
                most,
                max(header.sectionSizeHint(column), self.table.sizeHintForColumn(column) + padding),
            )
            for column, most in self._max_widths.items()
        }
        # a narrow window: the long-text columns give up room in proportion, down to a floor
        excess = sum(wanted.values()) - (self.table.viewport().width() - 180)
        slack = {
            c: max(0, wanted[c] - max(header.sectionSizeHint(c), 110))
            for c in (COL_ORGANISATION, COL_PERSON, COL_ROLE, COL_EMAIL)
        }
        total_slack = sum(slack.values())
        if excess > 0 and total_slack:
            for column, spare in slack.items():
                wanted[column] -= min(spare, round(excess * spare / total_slack))
        self._fitting = True
        try:
            for column, width in wanted.items():
                self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        # the last column stretches with the window: that is no choice of the user's
        if not self._fitting and column in self._max_widths and self.table.isVisible():
            self._user_sized = True

    def contacts(self) -> list[Contact]:
        """The contacts as the table shows them."""
        return self.model.contacts()

    def select_contact(self, contact_id: int) -> bool:
        row = self.model.row_of(contact_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def selected_contact(self) -> Contact | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.contact_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        writable = not self.project.read_only
        selected = self.selected_contact() is not None
        for button in (self.new_button, self.provider_button, self.municipality_button):
            button.setEnabled(writable)
        self.edit_button.setEnabled(writable and selected)
        self.delete_button.setEnabled(writable and selected)

    # -- storing (called by the slots below, and by tests) ----------------------------

    def _store(self, action: Callable[[], T]) -> T | None:
        """Run a workflow write; problems become messages instead of exceptions."""
        try:
            return action()
        except ProjectError as error:
            messages.show_project_error(self, error)
        except (ValueError, LookupError) as error:
            messages.info(self, self.tr("Kontakt nicht gespeichert"), str(error))
            self.reload()
        return None

    def add_contact(self, contact: Contact) -> int | None:
        """Store a new contact and select it; returns its id (None if it was refused)."""
        new_id = self._store(lambda: network.save(self.project, contact))
        if new_id is not None:
            self._hide_undo()
            self.reload(select_id=new_id)
            self.changed.emit()
        return new_id

    def add_contacts(self, contacts: Sequence[Contact]) -> list[int]:
        ids = []
        for contact in contacts:
            new_id = self._store(partial(network.save, self.project, contact))
            if new_id is not None:
                ids.append(new_id)
        if ids:
            self._hide_undo()
            self.reload(select_id=ids[0])
            self.changed.emit()
        return ids

    def edit_selected_with(self, contact: Contact) -> bool:
        """Store ``contact``'s values for the selected contact (its own id is ignored)."""
        selected = self.selected_contact()
        if selected is None or selected.id is None:
            return False
        edited = replace(contact, id=selected.id)
        if self._store(lambda: network.save(self.project, edited)) is None:
            return False
        self.reload(select_id=selected.id)
        self.changed.emit()
        return True

    def delete_selected(self, ask: bool = True) -> Contact | None:
        """Delete the selected contact (after asking); returns it, or None if nothing happened."""
        selected = self.selected_contact()
        if selected is None or selected.id is None:
            return None
        if ask and not messages.confirm(
            self,
            self.tr("Kontakt löschen"),
            self.tr("Den Kontakt „%1“ löschen?").replace("%1", selected.label),
            self.tr("Löschen"),
        ):
            return None
        row = self.model.row_of(selected.id)
        selected_id = selected.id
        assert selected_id is not None  # a listed contact is stored
        removed = self._store(lambda: network.delete(self.project, selected_id))
        if removed is None:
            return None
        self._last_deleted = removed
        self.reload()
        if self.model.rowCount():
            neighbour = self.model.contact_at(min(row, self.model.rowCount() - 1))
            if neighbour.id is not None:
                self.select_contact(neighbour.id)
        self.undo_label.setText(
            self.tr("Der Kontakt „%1“ wurde gelöscht.").replace("%1", removed.label)
        )
        self.undo_bar.show()
        self.changed.emit()
        return removed

    def undo_delete(self) -> int | None:
        """Put the last deleted contact back."""
        if self._last_deleted is None:
            return None
        deleted = self._last_deleted
        restored = self._store(lambda: network.restore(self.project, deleted))
        self._hide_undo()
        if restored is not None:
            self.reload(select_id=restored)
            self.changed.emit()
        return restored

    def _hide_undo(self) -> None:
        self._last_deleted = None
        self.undo_bar.hide()

    # -- slots: dialogs first, then the methods above ---------------------------------

    def _run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog modally; tests replace this to fill and accept it instead."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _edit_and_add(self, contact: Contact) -> int | None:
        dialog = ContactDialog(self, contact)
        try:
            if self._run_dialog(dialog):
                return self.add_contact(dialog.contact())
            return None
        finally:
            dialog.deleteLater()

    def new_contact(self) -> int | None:
        return self._edit_and_add(Contact())

    def _present(self) -> set[str]:
        return {c.organisation.casefold() for c in self.model.contacts() if c.organisation}

    def take_provider(self) -> int | None:
        present = self._present()
        entries = [
            PickEntry(
                label=p.name,
                detail=p.town,
                value=p,
                tooltip="\n".join(x for x in (p.address, p.website) if x),
                present=p.name.casefold() in present,
            )
            for p in sorted(network.it_providers(), key=lambda p: p.name.casefold())
        ]
        dialog = PickListDialog(
            self.tr("IT-Dienstleister übernehmen"),
            self.tr(
                "Wählen Sie Ihren kommunalen IT-Dienstleister. Name, Anschrift und Website "
                "werden übernommen; Person, E-Mail und Telefon ergänzen Sie danach."
            ),
            entries,
            multiple=False,
            parent=self,
        )
        try:
            if not self._run_dialog(dialog) or not dialog.chosen():
                return None
            provider = dialog.chosen()[0]
        finally:
            dialog.deleteLater()
        assert isinstance(provider, network.Provider)
        return self._edit_and_add(network.contact_from_provider(provider))

    def take_municipality(self) -> list[int]:
        present = self._present()
        entries = [
            PickEntry(
                label=m.name,
                value=m,
                tooltip=m.website,
                present=m.name.casefold() in present,
            )
            for m in network.municipalities(self.project)
        ]
        dialog = PickListDialog(
            self.tr("Nachbarkommune übernehmen"),
            self.tr(
                "Wählen Sie eine oder mehrere Nachbarkommunen. Bei einer Kommune können Sie "
                "gleich die Ansprechperson ergänzen; mehrere werden direkt übernommen und "
                "lassen sich danach bearbeiten."
            ),
            entries,
            multiple=True,
            parent=self,
        )
        try:
            if not self._run_dialog(dialog):
                return []
            chosen = dialog.chosen()
        finally:
            dialog.deleteLater()
        found = [network.contact_from_municipality(m) for m in chosen]  # type: ignore[arg-type]  # the pick list returns the municipality rows it was given
        if len(found) == 1:
            new_id = self._edit_and_add(found[0])
            return [new_id] if new_id is not None else []
        return self.add_contacts(found)

    def edit_selected(self) -> bool:
        selected = self.selected_contact()
        if selected is None or self.project.read_only:
            return False
        dialog = ContactDialog(self, selected)
        try:
            if not self._run_dialog(dialog):
                return False
            return self.edit_selected_with(dialog.contact())
        finally:
            dialog.deleteLater()

    def ask_delete_selected(self) -> Contact | None:
        if self.project.read_only:
            return None
        return self.delete_selected(ask=True)
