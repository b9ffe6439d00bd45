"""Step 1, tab "Vorschlagsregeln": the visible, editable rules behind the suggestions."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from ozgdesk.ui.dialogs.rule_dialog import RuleDialog
from ozgdesk.ui.models.rule_table import COL_REASON, RuleTableModel
from ozgdesk.ui.widgets.list_editing import make_editable
from ozgdesk.ui.widgets.loading import LoadingCover
from ozgdesk.workflow import overview, relevance
from ozgdesk.workflow.relevance import Rule


class RulesPanel(QWidget):
    rules_changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.model = RuleTableModel(self)
        self.model.enabled_toggled.connect(self._toggle)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Vorschlagsregeln"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            COL_REASON, QHeaderView.ResizeMode.Stretch
        )
        make_editable(self.table, self.edit_selected)
        self.loading_cover = LoadingCover(self.table, self.tr("Die Treffer werden gezählt …"))
        intro = QLabel(
            self.tr(
                "Diese Regeln schlagen für viele Leistungen auf einmal eine Entscheidung vor – "
                "mit Begründung. Sie sind ein Vorschlag: Sie übernehmen ihn im Reiter „Leistungen“ "
                "mit „Vorschläge übernehmen“ oder entscheiden anders. Beispiel: Hat Ihre Kommune "
                "keine eigene Schule, legen Sie „Themenfeld ist Bildung → nicht relevant“ an."
            )
        )
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("&Neue Regel…"), self.add),
            (self.tr("&Bearbeiten…"), self.edit_selected),
            (self.tr("&Löschen"), self.delete_selected),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        """Show the rules, with how many services each one suggests (counted on the
        loader's thread when that takes a while)."""
        self.loading_cover.fetch(
            self.project, "suggestions", lambda: relevance.suggestions(self.project), self._fill
        )

    def _fill(self, suggestions: dict[int, relevance.Suggestion]) -> None:
        matches = Counter(s.rule_id for s in suggestions.values() if s.rule_id is not None)
        self.model.set_rules(relevance.rules(self.project), dict(matches))
        self.table.resizeColumnsToContents()

    def _values(self) -> dict[str, list[str]]:
        options = overview.filter_options(self.project)
        return {
            "typ": options["typ"],
            "themenfeld": options["themenfeld"],
            "lebenslage": options["lebenslage"],
        }

    def selected_rule(self) -> Rule | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rule_at(rows[0].row()) if rows else None

    def save(self, rule: Rule) -> bool:
        try:
            relevance.save_rule(self.project, rule)
        except ValueError as error:
            messages.info(self, self.tr("Regel nicht gespeichert"), str(error))
            return False
        except ProjectError as error:
            messages.show_project_error(self, error)
            return False
        self.reload()
        self.rules_changed.emit()
        return True

    def add(self) -> None:
        dialog = RuleDialog(self, values=self._values())
        if dialog.exec():
            self.save(dialog.rule())

    def edit_selected(self) -> None:
        rule = self.selected_rule()
        if rule is None:
            return
        dialog = RuleDialog(self, rule, values=self._values())
        if dialog.exec():
            self.save(dialog.rule())

    def delete_selected(self) -> None:
        rule = self.selected_rule()
        if rule is None or rule.id is None:
            return
        if not messages.confirm(
            self,
            self.tr("Regel löschen?"),
            self.tr("Die Regel „%1“ löschen?").replace("%1", rule.describe()),
        ):
            return
        try:
            relevance.delete_rule(self.project, rule.id)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        self.reload()
        self.rules_changed.emit()

    def _toggle(self, rule: Rule, enabled: bool) -> None:
        self.save(replace(rule, enabled=enabled))
