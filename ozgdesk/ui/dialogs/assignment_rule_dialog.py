"""Add or change an assignment rule ("Themenfeld Bauen & Wohnen → Bauamt")."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.workflow.assignment import RULE_KINDS, Rule
from ozgdesk.workflow.offices import Office


class AssignmentRuleDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        offices: list[Office],
        values: dict[str, list[str]],
        rule: Rule | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Zuordnungsregel"))
        self.setMinimumWidth(460)
        self._id = rule.id if rule else None
        self._position = rule.position if rule else 0
        self._values = values
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Wenn"))
        for key, label in RULE_KINDS.items():
            self.kind.addItem(label, key)
        self.value = QComboBox()
        self.value.setEditable(True)
        self.value.setAccessibleName(self.tr("Wert"))
        self.office = QComboBox()
        self.office.setAccessibleName(self.tr("Amt"))
        for office in offices:
            self.office.addItem(office.label, office.id)
        self.enabled = QCheckBox(self.tr("Regel ist aktiv"))
        self.enabled.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("&Wenn:"), self.kind)
        form.addRow(self.tr("W&ert:"), self.value)
        form.addRow(self.tr("→ &Amt:"), self.office)
        form.addRow("", self.enabled)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.value.currentTextChanged.connect(self._validate)
        if rule is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
            self._kind_changed()
            self.value.setCurrentText(rule.value)
            self.office.setCurrentIndex(max(0, self.office.findData(rule.office_id)))
            self.enabled.setChecked(rule.enabled)
        else:
            self._kind_changed()

    def _kind_changed(self) -> None:
        text = self.value.currentText()
        self.value.clear()
        self.value.addItems(self._values.get(self.kind.currentData(), []))
        self.value.setCurrentText(text)
        self._validate()

    def _validate(self) -> None:
        ok = bool(self.value.currentText().strip()) and self.office.count() > 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def rule(self) -> Rule:
        return Rule(
            self._id,
            self.kind.currentData(),
            self.value.currentText().strip(),
            self.office.currentData(),
            self.enabled.isChecked(),
            self._position,
            self.office.currentText(),
        )
