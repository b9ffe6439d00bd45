"""The items of a share-file review, each with a check box (take over or not)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ozgdesk.workflow.sharing import Item

HEADERS = ("Übernehmen", "Art", "Betrifft", "bisher", "Vorlage", "Stand")
Index = QModelIndex | QPersistentModelIndex


class ReviewModel(QAbstractTableModel):
    def __init__(self, items: Sequence[Item], accepted: set[str]) -> None:
        super().__init__()
        self.items = [i for i in items if i.changes]
        self.accepted = {i for i in accepted if any(x.id == i for x in self.items)}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = 0) -> object:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if item.id in self.accepted else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = ("", item.kind, item.label, item.current or "–", item.proposed, item.status)
            return values[column]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: object, role: int = 0) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        item = self.items[index.row()]
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        (self.accepted.add if checked else self.accepted.discard)(item.id)
        self.dataChanged.emit(index, index, [role])
        return True

    def select(self, statuses: set[str]) -> None:
        """Tick exactly the items of the given statuses."""
        self.beginResetModel()
        self.accepted = {i.id for i in self.items if i.status in statuses}
        self.endResetModel()

    def toggle(self, rows: Sequence[int]) -> None:
        for row in rows:
            self.setData(self.index(row, 0), Qt.CheckState.Unchecked
                         if self.items[row].id in self.accepted else Qt.CheckState.Checked,
                         Qt.ItemDataRole.CheckStateRole)  # fmt: skip
