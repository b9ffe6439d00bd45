"""The network contacts (step 1 "vernetzen") as a small Qt table model."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ozgdesk.workflow.network import Contact

ModelIndex = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1

(
    COL_KIND,
    COL_ORGANISATION,
    COL_PERSON,
    COL_ROLE,
    COL_EMAIL,
    COL_PHONE,
    COL_FIRST_CONTACT,
    COL_NOTES,
) = range(8)


class ContactTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._contacts: list[Contact] = []
        self._headers = [
            self.tr("Art"),
            self.tr("Organisation"),
            self.tr("Person"),
            self.tr("Funktion"),
            self.tr("E-Mail"),
            self.tr("Telefon"),
            self.tr("Erstkontakt"),
            self.tr("Notizen"),
        ]

    # -- data --------------------------------------------------------------------------

    def set_contacts(self, contacts: Sequence[Contact]) -> None:
        self.beginResetModel()
        self._contacts = list(contacts)
        self.endResetModel()

    def contacts(self) -> list[Contact]:
        return list(self._contacts)

    def contact_at(self, row: int) -> Contact:
        return self._contacts[row]

    def row_of(self, contact_id: int) -> int:
        """The row showing ``contact_id``, or -1."""
        return next((r for r, c in enumerate(self._contacts) if c.id == contact_id), -1)

    # -- QAbstractTableModel -----------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._contacts)):
            return None
        contact = self._contacts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(contact, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_NOTES:
                return contact.notes or None
            text = self._display(contact, column)
            return text or None
        if role == ID_ROLE:
            return contact.id
        return None

    def _display(self, contact: Contact, column: int) -> str:
        if column == COL_KIND:
            return contact.kind
        if column == COL_ORGANISATION:
            return contact.organisation
        if column == COL_PERSON:
            return contact.person
        if column == COL_ROLE:
            return contact.role
        if column == COL_EMAIL:
            return contact.email
        if column == COL_PHONE:
            return contact.phone
        if column == COL_FIRST_CONTACT:
            first = contact.first_contact
            return first.strftime("%d.%m.%Y") if first else ""
        if column == COL_NOTES:
            return " · ".join(line.strip() for line in contact.notes.splitlines() if line.strip())
        return ""
