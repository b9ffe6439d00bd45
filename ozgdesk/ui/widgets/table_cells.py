"""Reading a QTableWidget's cells: an empty cell has no item at all."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget


def cell_text(table: QTableWidget, row: int, column: int) -> str:
    """The cell's text ("" for a cell without an item)."""
    item = table.item(row, column)
    return item.text() if item is not None else ""
