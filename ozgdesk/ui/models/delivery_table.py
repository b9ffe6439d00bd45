"""Step 4: the relevant services' delivery data as a table model."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ozgdesk.textnorm import fold_cached
from ozgdesk.ui.models.row_sorting import SortedRowsMixin
from ozgdesk.workflow.delivery import Effective
from ozgdesk.workflow.problems import ERROR

ModelIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1

COL_KEY, COL_NAME, COL_UNIT, COL_STATUS, COL_COMPLETE, COL_PAGE, COL_PROBLEMS = range(7)
_RED = QBrush(QColor("#fbe3e3"))
_GREEN = QBrush(QColor("#dff2df"))
_AMBER = QBrush(QColor("#fdf0cf"))


class DeliveryTableModel(SortedRowsMixin, QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Effective] = []
        self._headers = [
            self.tr("LeiKa-Schlüssel"),
            self.tr("Leistung"),
            self.tr("Zuständige Stelle"),
            self.tr("Stand"),
            self.tr("Vollständig"),
            self.tr("Seite auf der Website"),
            self.tr("Offen"),
        ]

    def set_rows(self, rows: Sequence[Effective]) -> None:
        self.beginResetModel()
        self._rows = self._prepare_rows(list(rows))
        self.endResetModel()

    def _display(self, row: Effective, column: int) -> str:
        if column == COL_KEY:
            return row.key or self.tr("ohne Schlüssel")
        if column == COL_NAME:
            return row.name
        if column == COL_UNIT:
            return row.get("unit_name") or row.unit_office
        if column == COL_STATUS:
            return row.status
        if column == COL_COMPLETE:
            return self.tr("ja") if row.complete else self.tr("nein")
        if column == COL_PAGE:
            return row.get("page_url")
        if column == COL_PROBLEMS:
            return str(len(row.checks)) if row.checks else ""
        return ""

    def sort_key(self, row: Effective, column: int):
        return (
            len(row.checks) if column == COL_PROBLEMS else 0,
            fold_cached(self._display(row, column)),
            row.service_id,
        )

    def search_text(self, row: Effective) -> str:
        return " ".join(self._display(row, c) for c in range(len(self._headers)))

    def row_at(self, row: int) -> Effective:
        return self._rows[row]

    def rows(self) -> list[Effective]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (COL_PROBLEMS, COL_COMPLETE) and row.checks:
                return "\n".join(f"{c.level}: {c.message}" for c in row.checks)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_COMPLETE:
            return _GREEN if row.complete else _RED
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and column == COL_PROBLEMS
            and row.checks
            and not any(c.level == ERROR for c in row.checks)
        ):
            return _AMBER
        if role == ID_ROLE:
            return row.service_id
        return None
