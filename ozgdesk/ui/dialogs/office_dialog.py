"""Add or change an office (name, short name, number, kind, parent)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.workflow.offices import KINDS, Office


class OfficeDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, offices: list[Office], office: Office | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Amt bearbeiten") if office else self.tr("Neues Amt"))
        self.setMinimumWidth(440)
        self._id = office.id if office else None
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.short_name = QLineEdit()
        self.short_name.setAccessibleName(self.tr("Kürzel"))
        self.short_name.setPlaceholderText(self.tr("z. B. FB 3"))
        self.number = QLineEdit()
        self.number.setAccessibleName(self.tr("Nummer"))
        self.number.setPlaceholderText(self.tr("z. B. 32"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Art"))
        self.kind.addItems(list(KINDS))
        self.parent_office = QComboBox()
        self.parent_office.setAccessibleName(self.tr("Übergeordnet"))
        self.parent_office.addItem(self.tr("(keine)"), None)
        for other in offices:
            if office is None or other.id != office.id:
                self.parent_office.addItem(other.name, other.id)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Kürzel:"), self.short_name)
        form.addRow(self.tr("N&ummer:"), self.number)
        form.addRow(self.tr("&Art:"), self.kind)
        form.addRow(self.tr("&Übergeordnet:"), self.parent_office)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a40000;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._validate)
        if office is not None:
            self.name.setText(office.name)
            self.short_name.setText(office.short_name)
            self.number.setText(office.number)
            self.kind.setCurrentText(office.kind)
            self.parent_office.setCurrentIndex(
                max(0, self.parent_office.findData(office.parent_id))
            )
        self._validate()

    def _validate(self) -> None:
        ok = bool(self.name.text().strip())
        self.problem.setText("" if ok else self.tr("Bitte einen Namen angeben."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def office(self) -> Office:
        return Office(
            id=self._id,
            name=self.name.text().strip(),
            short_name=self.short_name.text().strip(),
            number=self.number.text().strip(),
            kind=self.kind.currentText(),
            parent_id=self.parent_office.currentData(),
        )
