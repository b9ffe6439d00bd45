"""Sorting and searching list-backed table models in Python, not row by row from C++.

A plain ``QSortFilterProxyModel`` sorts by calling the model's ``data()`` from C++
n·log n times and searches by calling it for every cell; with thousands of rows that
takes seconds. Here the source model sorts its own list once with precomputed keys
(``SortedRowsMixin``), and the proxy only filters, against one folded text per row
built on the first search (``RowSearchProxy``). Rows keep their order in the proxy.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ozgdesk.textnorm import fold


class SortedRowsMixin:
    """For a ``QAbstractTableModel`` keeping its rows in ``self._rows``.

    The model defines ``sort_key(row, column)`` and ``search_text(row)`` for one row
    object; ``set_rows`` must call ``_prepare_rows`` on the new list."""

    _rows: list[Any]
    _sort_column: int = -1
    _sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    _haystack: list[str] | None = None

    def sort_key(self, row: Any, column: int) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError

    def search_text(self, row: Any) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _sorted(self, rows: list[Any]) -> list[Any]:
        if self._sort_column < 0 or not rows:
            return rows
        column = self._sort_column
        return sorted(
            rows,
            key=lambda r: self.sort_key(r, column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def _prepare_rows(self, rows: list[Any]) -> list[Any]:
        """Put new rows in the current sort order; forget the search texts."""
        self._haystack = None
        return self._sorted(rows)

    def haystack(self, source_row: int) -> str:
        if self._haystack is None:
            self._haystack = [fold(self.search_text(r)) for r in self._rows]
        return self._haystack[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model: Any = self
        self._sort_column, self._sort_order = column, order
        if not self._rows:
            return
        model.layoutAboutToBeChanged.emit()
        old = model.persistentIndexList()
        old_objects = [id(self._rows[i.row()]) for i in old]
        self._rows = self._sorted(self._rows)
        self._haystack = None
        position = {id(r): n for n, r in enumerate(self._rows)}
        model.changePersistentIndexList(
            old,
            [
                model.index(position[obj], index.column()) if obj in position else QModelIndex()
                for obj, index in zip(old_objects, old, strict=True)
            ],
        )
        model.layoutChanged.emit()


class RowSearchProxy(QSortFilterProxyModel):
    """Filters by a search text; sorting is left to the source model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_search(self, text: str) -> None:
        needle = fold(text).strip()
        if needle != self._needle:
            self._needle = needle
            self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._needle:
            return True
        return self._needle in self.sourceModel().haystack(source_row)  # type: ignore[attr-defined]  # the source is one of our row models, all of which have haystack()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)
