"""Step 5: relevant services with their effective plan, as a table model."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ozgdesk.textnorm import fold_cached
from ozgdesk.ui.models.row_sorting import SortedRowsMixin
from ozgdesk.wording import number
from ozgdesk.workflow import roadmap
from ozgdesk.workflow.roadmap import PlanRow

ModelIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
(
    COL_KEY,
    COL_NAME,
    COL_OFFICE,
    COL_DECISION,
    COL_QUARTER,
    COL_LEVEL,
    COL_EFA,
    COL_EFFORT,
    COL_PREREQ,
) = range(9)
_INHERITED = QBrush(QColor("#6b6b6b"))
_DECISION = {
    roadmap.EARLY: QBrush(QColor("#dbe8f7")),
    roadmap.LATER: QBrush(QColor("#eef3f9")),
    roadmap.STATUS_QUO: QBrush(QColor("#ececec")),
}


class PlanTableModel(SortedRowsMixin, QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanRow] = []
        self._headers = [
            self.tr("LeiKa-Schlüssel"),
            self.tr("Leistung"),
            self.tr("Amt"),
            self.tr("Entscheidung"),
            self.tr("Quartal"),
            self.tr("Reifegrad"),
            self.tr("Online-Dienst"),
            self.tr("Aufwand (PT)"),
            self.tr("Voraussetzungen"),
        ]

    def set_rows(self, rows: Sequence[PlanRow]) -> None:
        self.beginResetModel()
        self._rows = self._prepare_rows(list(rows))
        self.endResetModel()

    def sort_key(self, row: PlanRow, column: int):
        if column == COL_QUARTER:
            return (row.plan.planned_quarter or "9999", row.service_id)
        return (fold_cached(self._text(row, column)), row.service_id)

    def search_text(self, row: PlanRow) -> str:
        return " ".join(self._text(row, c) for c in range(len(self._headers)))

    def row_at(self, row: int) -> PlanRow:
        return self._rows[row]

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

    def _text(self, row: PlanRow, column: int) -> str:
        plan = row.plan
        if column == COL_KEY:
            return row.key or self.tr("ohne Schlüssel")
        if column == COL_NAME:
            return row.name
        if column == COL_OFFICE:
            return row.office
        if column == COL_DECISION:
            return plan.decision or ""
        if column == COL_QUARTER:
            return roadmap.quarter_label(plan.planned_quarter) if plan.planned_quarter else ""
        if column == COL_LEVEL:
            if plan.current_level is None and plan.target_level is None:
                return ""
            return f"{'' if plan.current_level is None else plan.current_level} → {'' if plan.target_level is None else plan.target_level}"
        if column == COL_EFA:
            parts = [p for p in (plan.efa_kind, plan.efa_state) if p]
            return ", ".join(parts)
        if column == COL_EFFORT:
            return number(plan.effort_days) if plan.effort_days is not None else ""
        if column == COL_PREREQ:
            open_items = [
                p for p in row.prerequisites if p.status not in ("erledigt", "nicht nötig")
            ]
            return (
                f"{len(open_items)} offen / {len(row.prerequisites)}" if row.prerequisites else ""
            )
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        field = {
            COL_DECISION: "decision",
            COL_QUARTER: "planned_quarter",
            COL_EFA: "efa_kind",
            COL_EFFORT: "effort_days",
        }.get(column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_PREREQ and row.prerequisites:
                return "\n".join(
                    f"{p.kind}: {p.name or '–'} ({p.status})" for p in row.prerequisites
                )
            if column == COL_DECISION and row.plan.decision_reason:
                return row.plan.decision_reason
            if field and field in row.inherited:
                return self.tr("Vorgabe der OZG-Leistung")
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and field and field in row.inherited:
            return _INHERITED
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_DECISION:
            return _DECISION.get(row.plan.decision or "")
        if role == ID_ROLE:
            return row.service_id
        return None
