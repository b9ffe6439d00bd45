"""A row-per-service table with its search box, over a ``SortedRowsMixin`` model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTableView, QWidget

from ozgdesk.ui.models.row_sorting import RowSearchProxy


def searchable_table(
    parent: QWidget,
    model: QAbstractItemModel,
    *,
    object_name: str,
    table_name: str,
    search_name: str,
    sort_column: int,
) -> tuple[RowSearchProxy, QLineEdit, QTableView]:
    """The proxy, the search box wired to it and a read-only row table sorted by
    ``sort_column``; the accessible names are given already translated. The first
    column shows LeiKa keys and is sized for them once (measuring thousands of rows
    on every refill would take a while)."""
    proxy = RowSearchProxy(parent)
    proxy.setSourceModel(model)
    search = QLineEdit()
    search.setClearButtonEnabled(True)
    search.setPlaceholderText(QCoreApplication.translate("searchable_table", "Suchen …"))
    search.setAccessibleName(search_name)
    search.textChanged.connect(proxy.set_search)
    table = QTableView()
    table.setObjectName(object_name)
    table.setAccessibleName(table_name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    widest = max(
        table.fontMetrics().horizontalAdvance(text)
        for text in ("99999999999999", model.headerData(0, Qt.Orientation.Horizontal))
    )
    table.setColumnWidth(0, widest + 28)  # room for padding and the sort arrow
    return proxy, search, table
