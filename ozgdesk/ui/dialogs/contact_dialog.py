"""Adding or changing one network contact; problems are shown next to their fields.

The dialog only collects and checks input (through ``workflow.network``); the
caller saves :meth:`ContactDialog.contact` after the dialog was accepted. Tests
fill it with :meth:`set_contact` or by typing and read :meth:`is_valid`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.workflow import checks, network
from ozgdesk.workflow.network import Contact

ERROR_STYLE = "color: #a40000;"
HINT_STYLE = "color: #555;"


def _to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ContactDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, contact: Contact | None = None) -> None:
        super().__init__(parent)
        self._id: int | None = None
        self._touched = False
        self.setMinimumWidth(520)

        self.kind = QComboBox()
        self.kind.setObjectName("contactKind")
        self.kind.setAccessibleName(self.tr("Art des Kontakts"))
        self.kind.addItems(list(network.KINDS))

        self.organisation = self._line(
            "contactOrganisation", self.tr("Organisation"), self.tr("z. B. regio iT gmbh")
        )
        self.person = self._line("contactPerson", self.tr("Person"), self.tr("Vor- und Nachname"))
        self.role = self._line(
            "contactRole",
            self.tr("Funktion oder Rolle"),
            self.tr("z. B. OZG-Koordinatorin, Kundenbetreuer"),
        )
        self.email = self._line(
            "contactEmail",
            self.tr("E-Mail"),
            self.tr("z. B. %1").replace("%1", checks.EMAIL_EXAMPLE),
        )
        self.phone = self._line(
            "contactPhone",
            self.tr("Telefon"),
            self.tr("z. B. %1").replace("%1", checks.PHONE_EXAMPLE),
        )

        today = QDate.currentDate()
        self.first_contact = QDateEdit()
        self.first_contact.setObjectName("contactFirstContact")
        self.first_contact.setAccessibleName(self.tr("Datum des Erstkontakts"))
        self.first_contact.setDisplayFormat("dd.MM.yyyy")
        self.first_contact.setCalendarPopup(True)
        self.first_contact.setMinimumDate(QDate(1990, 1, 1))
        self.first_contact.setMaximumDate(today)
        self.first_contact.setDate(today)
        self.no_contact_yet = QCheckBox(self.tr("noch kein Kontakt"))
        self.no_contact_yet.setObjectName("contactNoContactYet")
        self.no_contact_yet.setAccessibleName(self.tr("Noch kein Kontakt"))
        self.no_contact_yet.toggled.connect(self._no_contact_toggled)

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("contactNotes")
        self.notes.setAccessibleName(self.tr("Notizen"))
        self.notes.setPlaceholderText(
            self.tr("z. B. Anschrift, Sprechzeiten, worüber Sie gesprochen haben")
        )
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)

        self._problem_labels: dict[str, QLabel] = {}
        date_row = QHBoxLayout()
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.first_contact)
        date_row.addWidget(self.no_contact_yet)
        date_row.addStretch(1)

        form = QFormLayout()
        form.addRow(
            self._label(self.tr("&Art:"), self.kind),
            self._with_problem(self.kind, network.FIELD_KIND),
        )
        form.addRow(
            self._label(self.tr("&Organisation:"), self.organisation),
            self._with_problem(self.organisation, network.FIELD_NAME),
        )
        form.addRow(self._label(self.tr("&Person:"), self.person), self.person)
        form.addRow(self._label(self.tr("&Funktion/Rolle:"), self.role), self.role)
        form.addRow(
            self._label(self.tr("&E-Mail:"), self.email),
            self._with_problem(self.email, network.FIELD_EMAIL),
        )
        form.addRow(
            self._label(self.tr("&Telefon:"), self.phone),
            self._with_problem(self.phone, network.FIELD_PHONE),
        )
        form.addRow(
            self._label(self.tr("Erst&kontakt:"), self.first_contact),
            self._with_problem(date_row, network.FIELD_FIRST_CONTACT),
        )
        form.addRow(self._label(self.tr("&Notizen:"), self.notes), self.notes)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Speichern"))
        self.ok_button.setAccessibleName(self.tr("Kontakt speichern"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Abbrechen"))
        cancel.setAccessibleName(self.tr("Abbrechen"))
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        for line in (self.organisation, self.person, self.role, self.email, self.phone):
            line.textChanged.connect(self._edited)
        self.kind.currentIndexChanged.connect(self._edited)
        self.first_contact.dateChanged.connect(self._edited)
        self.set_contact(contact or Contact())

    # -- building ---------------------------------------------------------------------

    def _line(self, object_name: str, accessible: str, placeholder: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(object_name)
        line.setAccessibleName(accessible)
        line.setPlaceholderText(placeholder)
        line.setClearButtonEnabled(True)
        return line

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _with_problem(self, field: QWidget | QHBoxLayout, key: str) -> QWidget:
        """The field with a (hidden until needed) problem text below it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if isinstance(field, QHBoxLayout):
            column.addLayout(field)
        else:
            column.addWidget(field)
        problem = QLabel()
        problem.setObjectName(f"problem_{key}")
        problem.setWordWrap(True)
        problem.setStyleSheet(ERROR_STYLE)
        problem.hide()
        column.addWidget(problem)
        self._problem_labels[key] = problem
        return box

    # -- values -----------------------------------------------------------------------

    def set_contact(self, contact: Contact) -> None:
        """Show ``contact`` in the form (its id is kept for :meth:`contact`)."""
        self._id = contact.id
        self.setWindowTitle(
            self.tr("Kontakt bearbeiten") if contact.id is not None else self.tr("Neuer Kontakt")
        )
        index = self.kind.findText(contact.kind)
        if index < 0 and contact.kind:
            self.kind.addItem(contact.kind)
            index = self.kind.count() - 1
        self.kind.setCurrentIndex(max(index, 0))
        self.organisation.setText(contact.organisation)
        self.person.setText(contact.person)
        self.role.setText(contact.role)
        self.email.setText(contact.email)
        self.phone.setText(contact.phone)
        self.notes.setPlainText(contact.notes)
        if contact.first_contact is not None:
            # beyond the maximum (today) QDateEdit would clamp silently; keep it visible
            if _to_qdate(contact.first_contact) > self.first_contact.maximumDate():
                self.first_contact.setMaximumDate(_to_qdate(contact.first_contact))
            self.first_contact.setDate(_to_qdate(contact.first_contact))
        self.no_contact_yet.setChecked(contact.first_contact is None)
        self._no_contact_toggled(contact.first_contact is None)
        # a contact that already has a name counts as touched: show its problems at once
        self._touched = bool(contact.organisation or contact.person)
        self._validate()

    def contact(self) -> Contact:
        return network.normalized(
            Contact(
                id=self._id,
                kind=self.kind.currentText(),
                organisation=self.organisation.text(),
                person=self.person.text(),
                role=self.role.text(),
                email=self.email.text(),
                phone=self.phone.text(),
                notes=self.notes.toPlainText(),
                first_contact=None
                if self.no_contact_yet.isChecked()
                else _from_qdate(self.first_contact.date()),
            )
        )

    def problems(self) -> dict[str, str]:
        return network.field_problems(self.contact())

    def is_valid(self) -> bool:
        return not self.problems()

    # -- behaviour --------------------------------------------------------------------

    def _no_contact_toggled(self, checked: bool) -> None:
        self.first_contact.setEnabled(not checked)
        self._validate()

    def _edited(self, *_args: object) -> None:
        self._touched = True
        self._validate()

    def _validate(self) -> None:
        if not self._problem_labels:  # still building
            return
        problems = self.problems()
        for key, label in self._problem_labels.items():
            text = problems.get(key, "")
            # an untouched new form gets a grey hint instead of a red reproach
            gentle = key == network.FIELD_NAME and not self._touched
            label.setStyleSheet(HINT_STYLE if gentle else ERROR_STYLE)
            label.setText(text)
            label.setVisible(bool(text))
        fields = {
            network.FIELD_KIND: self.kind,
            network.FIELD_NAME: self.organisation,
            network.FIELD_EMAIL: self.email,
            network.FIELD_PHONE: self.phone,
            network.FIELD_FIRST_CONTACT: self.first_contact,
        }
        for key, widget in fields.items():
            widget.setAccessibleDescription(problems.get(key, ""))
        self.ok_button.setEnabled(not problems)
        self.ok_button.setToolTip(
            self.tr("Bitte beheben Sie zuerst die rot markierten Angaben.") if problems else ""
        )

    def _accept_if_valid(self) -> None:
        if self.is_valid():
            self.accept()
        else:
            self._touched = True
            self._validate()
