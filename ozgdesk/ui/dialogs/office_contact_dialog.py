"""Add or change an office's OZG contact, with inline checks of e-mail and phone."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.workflow import checks
from ozgdesk.workflow.offices import Contact, contact_problems


class OfficeContactDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        office_id: int,
        office_name: str,
        contact: Contact | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("OZG-Ansprechperson – %1").replace("%1", office_name))
        self.setMinimumWidth(460)
        self._office_id = office_id
        self._id = contact.id if contact else None
        self._position = contact.position if contact else 0
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.function = QLineEdit()
        self.function.setAccessibleName(self.tr("Funktion"))
        self.function.setPlaceholderText(self.tr("z. B. Sachgebietsleitung"))
        self.email = QLineEdit()
        self.email.setAccessibleName(self.tr("E-Mail"))
        self.email.setPlaceholderText(self.tr("z. B. %1").replace("%1", checks.EMAIL_EXAMPLE))
        self.phone = QLineEdit()
        self.phone.setAccessibleName(self.tr("Telefon"))
        self.phone.setPlaceholderText(self.tr("z. B. %1").replace("%1", checks.PHONE_EXAMPLE))
        self.deputy = QCheckBox(self.tr("Vertretung"))
        self.deputy.setAccessibleName(self.tr("Vertretung"))
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Funktion:"), self.function)
        form.addRow(self.tr("&E-Mail:"), self.email)
        form.addRow(self.tr("&Telefon:"), self.phone)
        form.addRow("", self.deputy)
        self.problem = QLabel()
        self.problem.setObjectName("contactProblem")
        self.problem.setWordWrap(True)
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
        for edit in (self.name, self.email, self.phone):
            edit.textChanged.connect(self._validate)
        if contact is not None:
            self.name.setText(contact.name)
            self.function.setText(contact.function)
            self.email.setText(contact.email)
            self.phone.setText(contact.phone)
            self.deputy.setChecked(contact.deputy)
        self._validate()

    def contact(self) -> Contact:
        return Contact(
            self._id,
            self._office_id,
            self.name.text().strip(),
            self.function.text().strip(),
            self.email.text().strip(),
            self.phone.text().strip(),
            self.deputy.isChecked(),
            self._position,
        )

    def is_valid(self) -> bool:
        return not contact_problems(self.contact())

    def _validate(self) -> None:
        problems = contact_problems(self.contact())
        shown = {
            k: v
            for k, v in problems.items()
            if k != "name" or self.email.text() or self.phone.text()
        }
        self.problem.setText("\n".join(shown.values()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
