"""The service catalogue as a Qt table model, with a fast filter proxy on top.

Sorting and matching run in plain Python over precomputed keys (a list sort
and a substring test per row) instead of per-comparison calls from C++, which
keeps a 50,000-row table responsive. The proxy forwards sorting to this model
and asks it which rows match the search and filters.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from ozgdesk.store.rows import ServiceRow
from ozgdesk.textnorm import fold

ModelIndex = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_KEY, COL_NAME, COL_TYP, COL_OZG, COL_LEBENSLAGE, COL_THEMENFELD, COL_SDG1, COL_SDG2 = range(8)

_GREY = QBrush(QColor("#6b6b6b"))


def _natural(text: str) -> tuple[str, str]:
    return (fold(text), text)


class ServiceTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ServiceRow] = []
        self._haystack: list[str] = []
        self.ids: list[int] = []  # service id per row, read by the proxy
        self._headers = [
            self.tr("LeiKa-Schlüssel"),
            self.tr("Leistung"),
            self.tr("Typ"),
            self.tr("OZG-Leistung"),
            self.tr("Lebenslage"),
            self.tr("Themenfeld"),
            self.tr("SDG 1"),
            self.tr("SDG 2"),
        ]
        self._without_key = self.tr("ohne Schlüssel")
        self._yes = self.tr("ja")
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- data --------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ServiceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.ids = [r.id for r in self._rows]
        self._haystack = [
            fold(f"{r.key} {r.key_raw} {r.name} {r.ozg} {r.lebenslage} {r.themenfeld}")
            for r in self._rows
        ]
        self.endResetModel()

    def row_at(self, row: int) -> ServiceRow:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # type: ignore[no-untyped-def]
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == COL_KEY:
                if row.key:
                    return row.key
                if role == Qt.ItemDataRole.ToolTipRole:
                    return self.tr("Kein gültiger LeiKa-Schlüssel (Quelle: „%1“)").replace(
                        "%1", row.key_raw or "leer"
                    )
                return self._without_key
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ID_ROLE:
            return row.id
        if column == COL_KEY and not row.key:
            if role == Qt.ItemDataRole.ForegroundRole:
                return _GREY
            if role == Qt.ItemDataRole.FontRole:
                return self._italic
        return None

    def _display(self, row: ServiceRow, column: int) -> str:
        if column == COL_NAME:
            return row.name
        if column == COL_TYP:
            return row.typ
        if column == COL_OZG:
            return row.ozg
        if column == COL_LEBENSLAGE:
            return row.lebenslage
        if column == COL_THEMENFELD:
            return row.themenfeld
        if column == COL_SDG1:
            return self._yes if row.sdg1 else ""
        if column == COL_SDG2:
            return self._yes if row.sdg2 else ""
        return ""

    @staticmethod
    def _sort_key(row: ServiceRow, column: int):  # type: ignore[no-untyped-def]
        if column == COL_KEY:
            # services with a key first, in key order; the others by their name
            return (0, row.key, "") if row.key else (1, "", fold(row.name))
        if column == COL_SDG1:
            return (not row.sdg1, fold(row.name))
        if column == COL_SDG2:
            return (not row.sdg2, fold(row.name))
        text = {
            COL_NAME: row.name,
            COL_TYP: row.typ,
            COL_OZG: row.ozg,
            COL_LEBENSLAGE: row.lebenslage,
            COL_THEMENFELD: row.themenfeld,
        }.get(column, "")
        return (text == "", fold(text), fold(row.name))

    # -- sorting and matching (called by the proxy) -----------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._headers)) or not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self._rows[i.row()].id for i in old_persistent]
        order_pairs = sorted(
            zip(self._rows, self._haystack, strict=True),
            key=lambda pair: self._sort_key(pair[0], column),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [p[0] for p in order_pairs]
        self._haystack = [p[1] for p in order_pairs]
        self.ids = [r.id for r in self._rows]
        position = {service_id: i for i, service_id in enumerate(self.ids)}
        self.changePersistentIndexList(
            old_persistent,
            [
                self.index(position[i], old.column())
                for i, old in zip(old_ids, old_persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def matching_rows(
        self,
        text: str = "",
        themenfeld: str | None = None,
        lebenslage: str | None = None,
        typ: str | None = None,
    ) -> set[int] | None:
        """Ids of the services matching all criteria, or None when nothing filters."""
        needles = fold(text).split()
        if not needles and not themenfeld and not lebenslage and typ is None:
            return None
        result = set()
        for row, hay in zip(self._rows, self._haystack, strict=True):
            if themenfeld and themenfeld not in row.themenfeld.split(", "):
                continue
            if lebenslage and lebenslage not in row.lebenslage.split(", "):
                continue
            if typ is not None and row.typ != typ:
                continue
            if all(n in hay for n in needles):
                result.add(row.id)
        return result


class ServiceFilterProxy(QSortFilterProxyModel):
    """Search and filters for the service table; sorting is delegated to the source."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._accepted: set[int] | None = None
        self._model: ServiceTableModel | None = None
        self._criteria: dict[str, object] = {
            "text": "",
            "themenfeld": None,
            "lebenslage": None,
            "typ": None,
        }
        self.setSortRole(SORT_ROLE)

    def setSourceModel(self, model: QAbstractTableModel) -> None:  # type: ignore[override]
        if not isinstance(model, ServiceTableModel):
            raise TypeError("ServiceFilterProxy braucht ein ServiceTableModel")
        self._model = model
        self._accepted = None
        super().setSourceModel(model)

    def source(self) -> ServiceTableModel:
        assert self._model is not None
        return self._model

    def set_criteria(self, **criteria: object) -> None:
        unknown = set(criteria) - set(self._criteria)
        if unknown:
            raise TypeError(f"unbekannte Filter: {unknown}")
        self._criteria.update(criteria)
        self.refilter()

    def refilter(self) -> None:
        self.beginFilterChange()
        self._accepted = self.source().matching_rows(**self._criteria)  # type: ignore[arg-type]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        return self._accepted is None or self._model.ids[source_row] in self._accepted  # type: ignore[union-attr]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts with Python's list sort (its layoutChanged updates this
        # proxy); the proxy itself keeps the source order.
        self.source().sort(column, order)
