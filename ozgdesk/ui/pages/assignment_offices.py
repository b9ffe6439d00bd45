"""Step 2, the offices and their OZG contacts: creating, editing, templates, merging and
deleting offices (moving their services), adding and editing contacts; each change is one undo
step (a snapshot of the offices before and after)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QListView, QListWidget, QWidget

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.dialogs.choice_dialog import ChoiceDialog
from ozgdesk.ui.dialogs.office_contact_dialog import OfficeContactDialog
from ozgdesk.ui.dialogs.office_dialog import OfficeDialog
from ozgdesk.ui.models.office_list import OfficeListModel
from ozgdesk.ui.undo import push_done
from ozgdesk.wording import plural
from ozgdesk.workflow import offices
from ozgdesk.workflow.offices import Contact, Office, OfficeError

if TYPE_CHECKING:
    _Panel = QWidget
else:
    _Panel = object  # a mixin: AssignmentPanel is the QWidget


def _office_id(value: object) -> int:
    """The office id a ChoiceDialog of offices returns."""
    assert isinstance(value, int)
    return value


class OfficeActions(_Panel):
    """Mixed into AssignmentPanel, which holds the attributes declared here."""

    project: Project
    undo_stack: QUndoStack | None
    office_model: OfficeListModel
    office_list: QListView
    contacts: QListWidget

    if TYPE_CHECKING:

        def refresh_all(self, select_id: int | None = None) -> None: ...

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog modally; tests replace this to fill and accept dialogs."""
        return bool(dialog.exec())

    def selected_offices(self) -> list[Office]:
        rows = sorted(i.row() for i in self.office_list.selectionModel().selectedIndexes())
        return [self.office_model.office_at(r) for r in rows]

    def selected_office(self) -> Office | None:
        chosen = self.selected_offices()
        return chosen[0] if len(chosen) == 1 else None

    def selected_office_id(self) -> int | None:
        office = self.selected_office()
        return office.id if office else None

    def select_office(self, office_id: int) -> None:
        row = self.office_model.row_of(office_id)
        if row >= 0:
            self.office_list.setCurrentIndex(self.office_model.index(row))

    def _org_change(
        self, text: str, action: Callable[[], object], select_id: int | None = None
    ) -> bool:
        """Run an office operation with snapshot undo; show expected problems."""
        before = offices.capture(self.project)
        try:
            result = action()
        except (OfficeError, ValueError) as error:
            messages.info(self, self.tr("Nicht möglich"), str(error))
            return False
        except ProjectError as error:
            messages.show_project_error(self, error)
            return False
        after = offices.capture(self.project)

        def restore(snapshot: offices.Snapshot) -> Callable[[], None]:
            def run() -> None:
                offices.restore(self.project, snapshot)
                self.refresh_all()

            return run

        push_done(self.undo_stack, text, restore(after), restore(before))
        if select_id is None and isinstance(result, int):
            select_id = result
        self.refresh_all(select_id)
        return True

    def new_office(self) -> None:
        dialog = OfficeDialog(self, offices.offices(self.project))
        if self.run_dialog(dialog):
            office = dialog.office()
            self._org_change(
                self.tr("Amt „%1“ angelegt").replace("%1", office.name),
                lambda: offices.save_office(self.project, office),
            )

    def edit_office(self) -> None:
        office = self.selected_office()
        if office is None:
            return
        dialog = OfficeDialog(self, offices.offices(self.project), office)
        if self.run_dialog(dialog):
            changed = dialog.office()
            self._org_change(
                self.tr("Amt „%1“ geändert").replace("%1", changed.name),
                lambda: offices.save_office(self.project, changed),
                office.id,
            )

    def add_template(self, which: str) -> None:
        if which == "small":
            entries, kind = list(offices.SMALL_MUNICIPALITY), "Fachbereich"
        else:
            entries, kind = [(name, "") for name in offices.standard_offices()], "Amt"
        self._org_change(
            self.tr("Ämter aus Vorlage angelegt"),
            lambda: offices.add_offices(self.project, entries, kind),
        )

    def merge_selected(self) -> None:
        chosen = self.selected_offices()
        if len(chosen) < 2:
            messages.info(
                self,
                self.tr("Zusammenführen"),
                self.tr(
                    "Wählen Sie links mindestens zwei Ämter aus (mit Strg-Klick), die zusammengeführt werden sollen."
                ),
            )
            return
        dialog = ChoiceDialog(
            self,
            self.tr("Ämter zusammenführen"),
            self.tr(
                "In welches Amt sollen die ausgewählten Ämter aufgehen? Leistungen, Ansprechpersonen und Regeln wechseln mit; die anderen Ämter werden entfernt."
            ),
            [(o.name, o.id) for o in chosen],
            self.tr("Zusammenführen"),
        )
        if self.run_dialog(dialog):
            target = _office_id(dialog.value())
            sources = [o.id for o in chosen if o.id != target and o.id is not None]
            self._org_change(
                self.tr("Ämter zusammengeführt"),
                lambda: offices.merge_offices(self.project, sources, target),
                target,
            )

    def delete_selected(self) -> None:
        office = self.selected_office()
        if office is None or office.id is None:
            return
        office_id = office.id
        if office.lead_services or office.involved_services:
            others = [(o.name, o.id) for o in offices.offices(self.project) if o.id != office_id]
            if not others:
                messages.info(
                    self,
                    self.tr("Löschen nicht möglich"),
                    self.tr(
                        "„%1“ hat noch Leistungen und es gibt kein anderes Amt, das sie übernehmen könnte."
                    ).replace("%1", office.name),
                )
                return
            dialog = ChoiceDialog(
                self,
                self.tr("Amt löschen"),
                self.tr("„%1“ hat noch %2. Welches Amt soll sie übernehmen?")
                .replace("%1", office.name)
                .replace(
                    "%2",
                    plural(
                        office.lead_services + office.involved_services, "Leistung", "Leistungen"
                    ),
                ),
                others,
                self.tr("Verschieben und löschen"),
            )
            if not self.run_dialog(dialog):
                return
            target = _office_id(dialog.value())
            self._org_change(
                self.tr("Amt „%1“ gelöscht").replace("%1", office.name),
                lambda: offices.delete_office(self.project, office_id, move_to=target),
                target,
            )
            return
        if messages.confirm(
            self, self.tr("Amt löschen?"), self.tr("„%1“ löschen?").replace("%1", office.name)
        ):
            self._org_change(
                self.tr("Amt „%1“ gelöscht").replace("%1", office.name),
                lambda: offices.delete_office(self.project, office_id),
            )

    # -- contacts -------------------------------------------------------------------------------

    def selected_contact(self) -> Contact | None:
        item = self.contacts.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def add_contact(self) -> None:
        office = self.selected_office()
        if office is None or office.id is None:
            messages.info(
                self, self.tr("Ansprechperson"), self.tr("Wählen Sie links zuerst ein Amt.")
            )
            return
        dialog = OfficeContactDialog(self, office.id, office.name)
        if self.run_dialog(dialog):
            contact = dialog.contact()
            self._org_change(
                self.tr("Ansprechperson „%1“ eingetragen").replace("%1", contact.name),
                lambda: offices.save_contact(self.project, contact),
                office.id,
            )

    def edit_contact(self) -> None:
        office, contact = self.selected_office(), self.selected_contact()
        if office is None or contact is None or office.id is None:
            return
        dialog = OfficeContactDialog(self, office.id, office.name, contact)
        if self.run_dialog(dialog):
            changed = dialog.contact()
            self._org_change(
                self.tr("Ansprechperson geändert"),
                lambda: offices.save_contact(self.project, changed),
                office.id,
            )

    def remove_contact(self) -> None:
        office, contact = self.selected_office(), self.selected_contact()
        if office is None or contact is None or contact.id is None:
            return
        contact_id = contact.id
        self._org_change(
            self.tr("Ansprechperson „%1“ entfernt").replace("%1", contact.name),
            lambda: offices.delete_contact(self.project, contact_id),
            office.id,
        )
