"""The offices as a list model that accepts services dropped onto an office."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from ozgdesk.ui.models.service_table import SERVICE_IDS_MIME, ids_from_mime
from ozgdesk.wording import plural
from ozgdesk.workflow.offices import Office

ModelIndex = QModelIndex | QPersistentModelIndex
OFFICE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_WARN = QBrush(QColor("#a15c00"))


class OfficeListModel(QAbstractListModel):
    services_dropped = Signal(int, list)  # office id, service ids

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._offices: list[Office] = []

    def set_offices(self, offices: list[Office]) -> None:
        self.beginResetModel()
        self._offices = list(offices)
        self.endResetModel()

    def office_at(self, row: int) -> Office:
        return self._offices[row]

    def row_of(self, office_id: int | None) -> int:
        return next((i for i, o in enumerate(self._offices) if o.id == office_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._offices)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._offices):
            return None
        office = self._offices[index.row()]
        missing_contact = office.relevant_services and not office.main_contacts
        if role == Qt.ItemDataRole.DisplayRole:
            prefix = f"{office.number} " if office.number else ""
            text = f"{prefix}{office.label}  ({office.relevant_services})"
            return text + (" ⚠" if missing_contact else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            contacts = ", ".join(
                c.name + (" (Vertretung)" if c.deputy else "") for c in office.contacts
            )
            lines = [
                office.name,
                f"{office.kind}"
                + (f", gehört zu {office.parent_name}" if office.parent_name else ""),
                "federführend für "
                + plural(office.relevant_services, "relevante Leistung", "relevante Leistungen"),
                f"OZG-Ansprechpersonen: {contacts or 'noch keine'}",
                "Leistungen hierher ziehen, um sie diesem Amt zuzuordnen.",
            ]
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and missing_contact:
            return _WARN
        if role == OFFICE_ID_ROLE:
            return office.id
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:
        return [SERVICE_IDS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        return parent.isValid() and data.hasFormat(SERVICE_IDS_MIME)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: ModelIndex
    ) -> bool:
        if not parent.isValid():
            return False
        ids = ids_from_mime(data)
        office = self._offices[parent.row()]
        if not ids or office.id is None:
            return False
        self.services_dropped.emit(office.id, ids)
        return True
