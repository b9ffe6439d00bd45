"""Choosing entries from a reference list (IT service providers, municipalities) with a search.

Searching is case-, accent- and umlaut-insensitive (``textnorm.fold``). Tests
drive the dialog with :meth:`PickListDialog.set_filter`, :meth:`select_values`
and :meth:`chosen`, without exec().
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.textnorm import fold

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class PickEntry:
    label: str
    detail: str = ""  # shown after the label, e.g. the town
    value: object = None
    tooltip: str = ""
    present: bool = False  # already in the user's list: shown greyed, still selectable


class PickListDialog(QDialog):
    def __init__(
        self,
        title: str,
        intro: str,
        entries: Sequence[PickEntry],
        multiple: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(480, 520)
        self._entries = list(entries)
        self._folded = [fold(f"{e.label} {e.detail}") for e in self._entries]
        self._present_text = self.tr("bereits eingetragen")

        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)

        self.search = QLineEdit()
        self.search.setObjectName("pickSearch")
        self.search.setAccessibleName(self.tr("Liste durchsuchen"))
        self.search.setPlaceholderText(self.tr("Suchen …"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.set_filter)
        self.count_label = QLabel()
        self.count_label.setObjectName("pickCount")
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)

        self.list = QListWidget()
        self.list.setObjectName("pickList")
        self.list.setAccessibleName(title)
        self.list.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multiple
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.list.setUniformItemSizes(True)
        grey = QBrush(QColor("#6b6b6b"))
        for entry in self._entries:
            text = f"{entry.label} – {entry.detail}" if entry.detail else entry.label
            if entry.present:
                text += f" ({self._present_text})"
            item = QListWidgetItem(text)
            item.setData(VALUE_ROLE, entry.value)
            if entry.tooltip:
                item.setToolTip(entry.tooltip)
            if entry.present:
                item.setForeground(grey)
            self.list.addItem(item)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self._accept_if_chosen())

        hint = QLabel(
            self.tr("Mehrere auswählen: Strg-Taste gedrückt halten und klicken.")
            if multiple
            else ""
        )
        hint.setStyleSheet("color: #555;")
        hint.setVisible(multiple)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Übernehmen"))
        self.ok_button.setAccessibleName(self.tr("Auswahl übernehmen"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Abbrechen"))
        cancel.setAccessibleName(self.tr("Abbrechen"))
        self.buttons.accepted.connect(self._accept_if_chosen)
        self.buttons.rejected.connect(self.reject)
        self.search.returnPressed.connect(self._accept_if_chosen)

        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(search_row)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.set_filter("")
        self.search.setFocus()

    # -- filtering and choosing -------------------------------------------------------

    def set_filter(self, text: str) -> None:
        if self.search.text() != text:
            self.search.setText(text)  # calls back here through textChanged
            return
        words = fold(text).split()
        shown = 0
        for row, haystack in enumerate(self._folded):
            match = all(word in haystack for word in words)
            self.list.item(row).setHidden(not match)
            shown += match
        self.count_label.setText(
            self.tr("%1 von %2").replace("%1", str(shown)).replace("%2", str(len(self._entries)))
        )
        # keep the keyboard path short: the first hit is selected when nothing visible is
        if not any(not item.isHidden() for item in self.list.selectedItems()):
            self.list.clearSelection()
            first = next(
                (r for r in range(self.list.count()) if not self.list.item(r).isHidden()), -1
            )
            if first >= 0 and words:
                self.list.setCurrentRow(first)
        self._selection_changed()

    def visible_values(self) -> list[object]:
        return [
            self.list.item(r).data(VALUE_ROLE)
            for r in range(self.list.count())
            if not self.list.item(r).isHidden()
        ]

    def select_values(self, values: Sequence[object]) -> None:
        self.list.clearSelection()
        first: QListWidgetItem | None = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(VALUE_ROLE) in values and not item.isHidden():
                item.setSelected(True)
                first = first or item
        if first is not None:
            self.list.setCurrentItem(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._selection_changed()

    def chosen(self) -> list[object]:
        """The selected values in list order (hidden rows never count)."""
        return [
            self.list.item(r).data(VALUE_ROLE)
            for r in range(self.list.count())
            if self.list.item(r).isSelected() and not self.list.item(r).isHidden()
        ]

    def _selection_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.chosen()))

    def _accept_if_chosen(self) -> None:
        if self.chosen():
            self.accept()
