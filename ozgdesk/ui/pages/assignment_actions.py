"""Step 2, assigning services to offices: lead office, involved offices or no office for the
selected (or all shown) services, also by dragging onto an office; each change is one undo step
and asks when someone else changed a service meanwhile (server)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QTableView, QWidget

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.models.service_table import ID_ROLE, ServiceFilterProxy, ServiceTableModel
from ozgdesk.ui.undo import push_done
from ozgdesk.wording import plural
from ozgdesk.workflow import assignment, offices
from ozgdesk.workflow.assignment import Assignment

if TYPE_CHECKING:
    _Panel = QWidget
else:
    _Panel = object  # a mixin: AssignmentPanel is the QWidget


def _n(value: int) -> str:
    return QLocale(QLocale.Language.German, QLocale.Country.Germany).toString(value)


class AssignActions(_Panel):
    """Mixed into AssignmentPanel, which holds the attributes declared here."""

    project: Project
    undo_stack: QUndoStack | None
    model: ServiceTableModel
    proxy: ServiceFilterProxy
    table: QTableView
    target: QComboBox

    if TYPE_CHECKING:

        def services_changed(self, ids: list[int]) -> None: ...

    def target_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return [index.data(ID_ROLE) for index in rows]
        return self.proxy.shown_ids()

    def _confirm_all_shown(self, count: int, what: str) -> bool:
        if self.table.selectionModel().selectedRows() or count <= 1:
            return True
        return messages.confirm(
            self,
            self.tr("Für alle angezeigten Leistungen?"),
            self.tr("Es ist nichts ausgewählt. %1 für alle %2 angezeigten Leistungen?")
            .replace("%1", what)
            .replace("%2", _n(count)),
        )

    def _record(self, text: str, previous: list[Assignment]) -> None:
        ids = [a.service_id for a in previous]
        new = assignment.current(self.project, ids)

        def put(assignments: list[Assignment]) -> None:
            from ozgdesk.ui.conflict_choice import store_checked

            def store(chosen: list[int], versions: Mapping[int, int]) -> object:
                keep = set(chosen)
                return assignment.apply(
                    self.project, [a for a in assignments if a.service_id in keep], versions
                )

            store_checked(self, self.project, ids, store)
            self.services_changed(ids)

        def redo() -> None:
            put(new)

        def undo() -> None:
            put(previous)

        push_done(self.undo_stack, text, redo, undo)
        self.services_changed(ids)

    def _change(self, text: str, action: Callable[[], list[Assignment] | None]) -> None:
        try:
            previous = action()
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        if previous is not None:  # None: nothing stored (a conflict the user cancelled)
            self._record(text, previous)

    def _assign_seen(self, ids: list[int], office_id: int | None) -> list[Assignment] | None:
        """Assign with the versions the table shows: a lead office someone else set meanwhile
        (on a server) is shown with both values and the user chooses."""
        from ozgdesk.ui.conflict_choice import store_asking

        seen = {i: row.version for i in ids if (row := self.model.row_by_id(i)) is not None}
        stored = store_asking(
            self,
            ids,
            seen,
            lambda chosen, versions: assignment.assign(
                self.project, chosen, office_id, seen=versions
            ),
        )
        if stored is None:
            self.services_changed(ids)  # shows the other person's values
            return None
        return stored[1]

    def assign_to(self, office_id: int, ids: list[int]) -> None:
        """Make ``office_id`` the lead office of ``ids`` (used by buttons and drops)."""
        name = next((o.name for o in offices.offices(self.project) if o.id == office_id), "")
        self._change(
            self.tr("%1 → %2")
            .replace("%1", plural(len(ids), "Leistung", "Leistungen"))
            .replace("%2", name),
            lambda: self._assign_seen(ids, office_id),
        )

    def assign_selected(self) -> None:
        office_id = self.target.currentData()
        ids = self.target_ids()
        if office_id is None:
            messages.info(self, self.tr("Zuordnen"), self.tr("Legen Sie zuerst links ein Amt an."))
            return
        if ids and self._confirm_all_shown(
            len(ids), self.tr("Zuordnen an „%1“").replace("%1", self.target.currentText())
        ):
            self.assign_to(office_id, ids)

    def add_involved_selected(self) -> None:
        office_id = self.target.currentData()
        ids = self.target_ids()
        if (
            office_id is None
            or not ids
            or not self._confirm_all_shown(len(ids), self.tr("Als beteiligt eintragen"))
        ):
            return
        self._change(
            self.tr("„%1“ an %2 beteiligt")
            .replace("%1", self.target.currentText())
            .replace("%2", plural(len(ids), "Leistung", "Leistungen")),
            lambda: assignment.set_involved(self.project, ids, office_id),
        )

    def clear_selected(self) -> None:
        ids = self.target_ids()
        if not ids or not self._confirm_all_shown(len(ids), self.tr("Zuordnung entfernen")):
            return
        self._change(
            self.tr("Zuordnung von %1 entfernt").replace(
                "%1", plural(len(ids), "Leistung", "Leistungen")
            ),
            lambda: self._assign_seen(ids, None),
        )
