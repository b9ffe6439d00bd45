"""Problems found in an input file (row, column, value, message) as a table model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ozgdesk.workflow.problems import ERROR, Problem

ModelIndex = QModelIndex | QPersistentModelIndex
_ERROR_BG = QBrush(QColor("#fbe3e3"))


class ProblemTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._file = ""
        self._headers = [
            self.tr("Art"),
            self.tr("Zeile"),
            self.tr("Spalte"),
            self.tr("Wert"),
            self.tr("Meldung"),
        ]

    def set_problems(self, problems: list[Problem], file: str = "") -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self._file = file
        self.endResetModel()

    def problem_at(self, row: int) -> Problem:
        return self._problems[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

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
        if not index.isValid() or not (0 <= index.row() < len(self._problems)):
            return None
        problem = self._problems[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = [
                problem.level,
                str(problem.row) if problem.row else self.tr("Datei"),
                problem.column,
                problem.value,
                problem.message,
            ]
            text = values[index.column()] if index.column() < len(values) else ""
            if role == Qt.ItemDataRole.ToolTipRole and self._file:
                return f"{self._file}, {self.tr('Zeile')} {problem.row}: {problem.message}"
            return text
        if role == Qt.ItemDataRole.BackgroundRole and problem.level == ERROR:
            return _ERROR_BG
        return None
