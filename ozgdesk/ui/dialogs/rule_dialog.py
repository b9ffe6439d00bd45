"""Add or change a relevance rule."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.workflow.relevance import CHECK, NOT_RELEVANT, RELEVANT, RULE_KINDS, Rule


class RuleDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        rule: Rule | None = None,
        values: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Vorschlagsregel"))
        self.setMinimumWidth(480)
        self._id = rule.id if rule else None
        self._position = rule.position if rule else 0
        self._values = values or {}
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Bedingung"))
        for key, label in RULE_KINDS.items():
            self.kind.addItem(label, key)
        self.value = QComboBox()
        self.value.setEditable(True)
        self.value.setAccessibleName(self.tr("Wert"))
        self.suggestion = QComboBox()
        self.suggestion.setAccessibleName(self.tr("Vorschlag"))
        for value in (NOT_RELEVANT, RELEVANT, CHECK):
            self.suggestion.addItem(value, value)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Begründung"))
        self.reason.setPlaceholderText(self.tr("z. B. „Wir haben keine eigene Schule“"))
        self.enabled = QCheckBox(self.tr("Regel ist aktiv"))
        self.enabled.setChecked(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a40000;")
        form = QFormLayout()
        form.addRow(self.tr("&Wenn:"), self.kind)
        form.addRow(self.tr("W&ert:"), self.value)
        form.addRow(self.tr("&Vorschlag:"), self.suggestion)
        form.addRow(self.tr("&Begründung:"), self.reason)
        form.addRow("", self.enabled)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Regeln schlagen eine Entscheidung vor; übernommen wird sie erst, wenn Sie "
                    "„Vorschläge übernehmen“ wählen. Es gilt die erste passende aktive Regel; "
                    "ohne passende Regel schlägt die mitgelieferte Zuständigkeitstabelle vor."
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.value.currentTextChanged.connect(self._validate)
        if rule is not None:
            self.set_rule(rule)
        self._kind_changed()

    def _kind_changed(self) -> None:
        text = self.value.currentText()
        self.value.clear()
        self.value.addItems(self._values.get(self.kind.currentData(), []))
        self.value.setCurrentText(text)
        self._validate()

    def _validate(self) -> None:
        ok = bool(self.value.currentText().strip())
        self.problem.setText("" if ok else self.tr("Bitte einen Wert angeben."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def set_rule(self, rule: Rule) -> None:
        self._id, self._position = rule.id, rule.position
        self.kind.setCurrentIndex(max(0, self.kind.findData(rule.kind)))
        self.value.setCurrentText(rule.value)
        self.suggestion.setCurrentIndex(max(0, self.suggestion.findData(rule.suggestion)))
        self.reason.setText(rule.reason)
        self.enabled.setChecked(rule.enabled)

    def rule(self) -> Rule:
        return Rule(
            id=self._id,
            kind=self.kind.currentData(),
            value=self.value.currentText().strip(),
            suggestion=self.suggestion.currentData(),
            reason=self.reason.text().strip(),
            enabled=self.enabled.isChecked(),
            position=self._position,
        )
