"""Step 2, tab "Regeln": rules that assign relevant services to offices, with preview."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.dialogs.assignment_rule_dialog import AssignmentRuleDialog
from ozgdesk.ui.dialogs.rule_preview_dialog import RulePreviewDialog
from ozgdesk.ui.widgets.list_editing import make_editable
from ozgdesk.workflow import assignment, offices, overview
from ozgdesk.workflow.assignment import RULE_KINDS, Rule


class AssignmentRulesPanel(QWidget):
    applied = Signal(list)  # previous assignments (for undo)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._rules: list[Rule] = []
        intro = QLabel(
            self.tr(
                "Regeln ordnen viele relevante Leistungen auf einmal zu, z. B. „Themenfeld Bauen & Wohnen → "
                "Bauamt“. Vor dem Übernehmen sehen Sie, was sich ändert. Manuell zugeordnete Leistungen "
                "werden nie überschrieben. Es gilt die erste passende aktive Regel."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Zuordnungsregeln"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Aktiv"), self.tr("Wenn"), self.tr("Wert"), self.tr("→ Amt")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        make_editable(self.table, self.edit_selected)
        buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("&Neue Regel…"), self.add),
            (self.tr("&Bearbeiten…"), self.edit_selected),
            (self.tr("&Löschen"), self.delete_selected),
            (self.tr("&Vorschau und anwenden…"), self.preview_and_apply),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog modally; tests replace this."""
        return bool(dialog.exec())

    def reload(self) -> None:
        self._rules = assignment.rules(self.project)
        self.table.setRowCount(len(self._rules))
        for row, rule in enumerate(self._rules):
            values = (
                "✓" if rule.enabled else "–",
                RULE_KINDS.get(rule.kind, rule.kind),
                rule.value,
                rule.office_name,
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def _values(self) -> dict[str, list[str]]:
        options = overview.filter_options(self.project)
        return {"themenfeld": options["themenfeld"], "lebenslage": options["lebenslage"]}

    def selected_rule(self) -> Rule | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rules[rows[0].row()] if rows else None

    def save(self, rule: Rule) -> bool:
        try:
            assignment.save_rule(self.project, rule)
        except ValueError as error:
            messages.info(self, self.tr("Regel nicht gespeichert"), str(error))
            return False
        except ProjectError as error:
            messages.show_project_error(self, error)
            return False
        self.reload()
        return True

    def add(self) -> None:
        all_offices = offices.offices(self.project)
        if not all_offices:
            messages.info(
                self,
                self.tr("Regel"),
                self.tr("Legen Sie zuerst im Reiter „Ämter und Leistungen“ Ämter an."),
            )
            return
        dialog = AssignmentRuleDialog(self, all_offices, self._values())
        if self.run_dialog(dialog):
            self.save(dialog.rule())

    def edit_selected(self) -> None:
        rule = self.selected_rule()
        if rule is None:
            return
        dialog = AssignmentRuleDialog(self, offices.offices(self.project), self._values(), rule)
        if self.run_dialog(dialog):
            self.save(dialog.rule())

    def delete_selected(self) -> None:
        rule = self.selected_rule()
        if rule is None or rule.id is None:
            return
        if messages.confirm(
            self,
            self.tr("Regel löschen?"),
            self.tr("Die Regel „%1“ löschen?").replace("%1", rule.describe()),
        ):
            assignment.delete_rule(self.project, rule.id)
            self.reload()

    def preview_and_apply(self) -> None:
        changes = assignment.preview(self.project, self._rules)
        if not changes:
            messages.info(
                self,
                self.tr("Nichts zu tun"),
                self.tr(
                    "Die aktiven Regeln ändern an der Zuordnung der relevanten Leistungen nichts."
                ),
            )
            return
        if not self.run_dialog(RulePreviewDialog(self, changes)):
            return
        try:
            previous = assignment.apply_changes(self.project, changes)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        self.applied.emit(previous)
