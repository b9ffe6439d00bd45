"""The relevance rules as a table model (checkable "aktiv" column)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ozgdesk.workflow.relevance import RULE_KINDS, Rule

ModelIndex = QModelIndex | QPersistentModelIndex
COL_ENABLED, COL_KIND, COL_VALUE, COL_SUGGESTION, COL_REASON, COL_MATCHES = range(6)


class RuleTableModel(QAbstractTableModel):
    enabled_toggled = Signal(object, bool)  # rule, enabled

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rules: list[Rule] = []
        self._matches: dict[int, int] = {}
        self._headers = [
            self.tr("Aktiv"),
            self.tr("Wenn"),
            self.tr("Wert"),
            self.tr("Vorschlag"),
            self.tr("Begründung"),
            self.tr("Treffer"),
        ]

    def set_rules(self, rules: list[Rule], matches: dict[int, int] | None = None) -> None:
        self.beginResetModel()
        self._rules = list(rules)
        self._matches = dict(matches or {})
        self.endResetModel()

    def rule_at(self, row: int) -> Rule:
        return self._rules[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rules)

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

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == COL_ENABLED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rules)):
            return None
        rule = self._rules[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_ENABLED:
            return Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {
                COL_ENABLED: "",
                COL_KIND: RULE_KINDS.get(rule.kind, rule.kind),
                COL_VALUE: rule.value,
                COL_SUGGESTION: rule.suggestion,
                COL_REASON: rule.reason,
                COL_MATCHES: str(self._matches.get(rule.id or 0, 0)),
            }.get(column, "")
        return None

    def setData(
        self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            not index.isValid()
            or index.column() != COL_ENABLED
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        checked = (
            Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        )
        self.enabled_toggled.emit(self._rules[index.row()], bool(checked))
        return True
