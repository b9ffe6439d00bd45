"""Step 1, the relevance decisions: relevant / not relevant / check / reset for the selected
(or all shown) services, for a whole import list, and taking over the rules' suggestions; each
change is one undo step and asks when someone else changed a service meanwhile (server)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QLineEdit, QTableView, QWidget

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.models.service_table import ID_ROLE, ServiceFilterProxy, ServiceTableModel
from ozgdesk.ui.undo import push_done
from ozgdesk.wording import plural
from ozgdesk.workflow import overview, relevance
from ozgdesk.workflow.relevance import Decision

if TYPE_CHECKING:
    _Panel = QWidget
else:
    _Panel = object  # a mixin: CataloguePanel is the QWidget


class CatalogueDecisions(_Panel):
    """Mixed into CataloguePanel, which holds the attributes declared here."""

    project: Project
    undo_stack: QUndoStack | None
    model: ServiceTableModel
    proxy: ServiceFilterProxy
    table: QTableView
    reason: QLineEdit
    list_filter: QComboBox
    _locale: QLocale

    if TYPE_CHECKING:

        def decisions_applied(self, ids: list[int]) -> None: ...

    def target_ids(self) -> list[int]:
        """The selected services, or (without a selection) all the view shows."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return [index.data(ID_ROLE) for index in rows]
        return self.proxy.shown_ids()

    def _confirm_many(self, count: int, what: str) -> bool:
        if self.table.selectionModel().selectedRows() or count <= 1:
            return True
        return messages.confirm(
            self,
            self.tr("Für alle angezeigten Leistungen?"),
            self.tr(
                "Es ist nichts ausgewählt. Soll „%1“ für alle %2 angezeigten Leistungen gelten?"
            )
            .replace("%1", what)
            .replace("%2", self._locale.toString(count)),
        )

    def decide(self, value: str) -> None:
        ids = self.target_ids()
        label = value or self.tr("zurücksetzen")
        if not ids or not self._confirm_many(len(ids), label):
            return
        reason = self.reason.text().strip()
        try:
            stored = self._decide_seen(ids, value, reason)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        if stored is None:
            self.decisions_applied(ids)  # shows the other person's values
            return
        ids, previous = stored
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        new = [Decision(i, value, reason if value else "", now if value else None) for i in ids]
        self._record(
            self.tr("Relevanz „%1“ für %2")
            .replace("%1", label)
            .replace("%2", plural(len(ids), "Leistung", "Leistungen")),
            new,
            previous,
        )

    def _decide_seen(
        self, ids: list[int], value: str, reason: str
    ) -> tuple[list[int], list[Decision]] | None:
        """Decide with the versions the table shows: a change someone else made meanwhile
        (on a server) is shown with both values and the user chooses."""
        from ozgdesk.ui.conflict_choice import store_asking

        seen = {}
        for i in ids:
            row = self.model.row_by_id(i)
            if row is not None:
                seen[i] = row.version
        return store_asking(
            self,
            ids,
            seen,
            lambda chosen, versions: relevance.decide(
                self.project, chosen, value, reason, seen=versions
            ),
        )

    def decide_list(self, value: str) -> None:
        """Decide every service of the list chosen in the list filter (other filters
        and the search do not narrow it), in one step that can be undone."""
        label = self.list_filter.currentData()
        if not label:
            return
        ids = sorted(overview.list_members(self.project).get(label, frozenset()))
        what = value or self.tr("zurücksetzen")
        if not ids or not messages.confirm(
            self,
            self.tr("Für die ganze Liste?"),
            self.tr("Soll „%1“ für alle %2 Leistungen der Liste „%3“ gelten?")
            .replace("%1", what)
            .replace("%2", self._locale.toString(len(ids)))
            .replace("%3", label),
        ):
            return
        reason = self.reason.text().strip() or self.tr("Liste „%1“").replace("%1", label)
        try:
            previous = relevance.decide(self.project, ids, value, reason)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        new = [Decision(i, value, reason if value else "", now if value else None) for i in ids]
        self._record(
            self.tr("Liste „%1“: „%2“ für %3 Leistung(en)")
            .replace("%1", label)
            .replace("%2", what)
            .replace("%3", str(len(ids))),
            new,
            previous,
        )

    def accept_suggestions(self) -> None:
        suggestions = self.model.suggestions()
        ids = [
            i
            for i in self.target_ids()
            if i in suggestions and not getattr(self.model.row_by_id(i), "relevance", "x")
        ]
        if not ids:
            messages.info(
                self,
                self.tr("Keine Vorschläge"),
                self.tr(
                    "Für die gewählten Leistungen gibt es keinen offenen Vorschlag: Vorschläge "
                    "füllen nur Leistungen, die noch nicht entschieden sind."
                ),
            )
            return
        if not self._confirm_many(len(ids), self.tr("Vorschläge übernehmen")):
            return
        try:
            previous = relevance.accept(self.project, suggestions, ids)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        new = relevance.current(self.project, ids)
        self._record(
            self.tr("Vorschläge für %1 übernommen").replace(
                "%1", plural(len(ids), "Leistung", "Leistungen")
            ),
            new,
            previous,
        )

    def _record(self, text: str, new: list[Decision], previous: list[Decision]) -> None:
        ids = [d.service_id for d in new]

        def put(decisions: list[Decision]) -> None:
            from ozgdesk.ui.conflict_choice import store_checked

            def store(chosen: list[int], versions: Mapping[int, int]) -> object:
                keep = set(chosen)
                return relevance.apply(
                    self.project, [d for d in decisions if d.service_id in keep], versions
                )

            store_checked(self, self.project, ids, store)
            self.decisions_applied(ids)

        def redo() -> None:
            put(new)

        def undo() -> None:
            put(previous)

        push_done(self.undo_stack, text, redo, undo)
        self.decisions_applied(ids)
