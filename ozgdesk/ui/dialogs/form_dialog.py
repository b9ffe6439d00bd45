"""A small generic dialog with a form, for simple records (agenda items, tasks, people)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget


class FormDialog(QDialog):
    """Rows of (label, widget); ``check`` returns German problems that disable OK."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        rows: list[tuple[str, QWidget]],
        check: Callable[[], list[str]] | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self._check = check
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        form = QFormLayout()
        for text, widget in rows:
            if not widget.accessibleName():
                widget.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(text, widget)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a40000;")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def revalidate(self) -> None:
        problems = self._check() if self._check else []
        self.problem.setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
