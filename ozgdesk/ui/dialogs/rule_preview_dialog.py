"""Preview of what assignment rules would change, before anything is applied."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.workflow.assignment import Change


class RulePreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, changes: list[Change]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vorschau: Zuordnung nach Regeln"))
        self.resize(900, 560)
        applies = [c for c in changes if c.applies]
        kept = [c for c in changes if not c.applies]
        summary = QLabel(
            self.tr(
                "<b>%1 Leistungen würden zugeordnet</b> (%2 neu, %3 ersetzen eine Regel-Zuordnung). "
                "%4 manuell oder per Import zugeordnete Leistungen bleiben, wie sie sind."
            )
            .replace("%1", str(len(applies)))
            .replace("%2", str(sum(c.action == "neu" for c in changes)))
            .replace("%3", str(sum(c.action == "ersetzt" for c in changes)))
            .replace("%4", str(len(kept)))
        )
        summary.setWordWrap(True)
        self.table = QTableWidget(len(changes), 6)
        self.table.setAccessibleName(self.tr("Änderungen"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Aktion"),
                self.tr("Schlüssel"),
                self.tr("Leistung"),
                self.tr("bisher"),
                self.tr("neu"),
                self.tr("Regel"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        for row, change in enumerate(changes):
            for column, value in enumerate(
                (
                    change.action,
                    change.key,
                    change.name,
                    change.old_office,
                    change.new_office,
                    change.rule,
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("%1 Zuordnungen übernehmen").replace("%1", str(len(applies)))
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(applies))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
