"""A small generic dialog with a form, for simple records (agenda items, tasks, people)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.ui.widgets.table_cells import cell_text


def _values(root: QWidget) -> list[object]:
    """What the user can change in ``root``, to tell whether anything was typed."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append(widget.currentIndex())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QTableWidget):
            values.append(
                [
                    cell_text(widget, r, c)
                    for r in range(widget.rowCount())
                    for c in range(widget.columnCount())
                ]
            )
    return values


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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not hasattr(self, "_initial"):
            self._initial = _values(self)

    def changed(self) -> bool:
        return hasattr(self, "_initial") and _values(self) != self._initial

    def reject(self) -> None:
        """Cancel or Esc after typing asks first: nothing typed is lost unasked."""
        from ozgdesk.ui import messages

        if self.changed() and not messages.confirm(
            self,
            self.tr("Eingaben verwerfen?"),
            self.tr("Sie haben in diesem Fenster etwas eingetragen. Ohne Übernehmen schließen?"),
            self.tr("Verwerfen"),
        ):
            return
        super().reject()

    def revalidate(self) -> None:
        problems = self._check() if self._check else []
        self.problem.setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
