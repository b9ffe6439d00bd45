"""A small dialog to choose one entry from a list (e.g. the target office of a merge)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class ChoiceDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        choices: Sequence[tuple[str, object]],
        ok_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        label = QLabel(text)
        label.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setAccessibleName(title)
        for shown, value in choices:
            self.combo.addItem(shown, value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if ok_text:
            buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(buttons)

    def choose(self, value: object) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))

    def value(self) -> object:
        return self.combo.currentData()
