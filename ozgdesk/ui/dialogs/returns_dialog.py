"""Review of the offices' returned forms: tick what to take over, see what was left out.

Plain changes are ticked, conflicts (changed in the project *and* in the form since the
form went out) are not: the coordinator decides each one. Rows of unknown services,
services gone from a form and unreadable files are listed below, so nothing is dropped
without a word.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.wording import plural
from ozgdesk.workflow.delivery_returns import Change, ReturnsReview

ID_ROLE = Qt.ItemDataRole.UserRole + 1

HEADERS = ("Übernehmen", "Datei", "Leistung / Ansprechstelle", "Feld", "Bisher", "Neu", "Hinweis")


def _cell(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setToolTip(text)
    return item


class ReturnsDialog(QDialog):
    """Shows a :class:`ReturnsReview`; :meth:`accepted_ids` gives the ticked changes."""

    def __init__(self, parent: QWidget | None, review: ReturnsReview) -> None:
        super().__init__(parent)
        self.review = review
        self.setWindowTitle(self.tr("Rückläufe prüfen"))
        self.resize(1000, 620)

        self.summary = QLabel(self._summary_text())
        self.summary.setWordWrap(True)

        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        for change in review.changes:
            self._add(change, checked=True)
        for change in review.conflicts:
            self._add(change, checked=False)
        self.model.itemChanged.connect(self._update_count)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.table.setAccessibleName(self.tr("Änderungen aus den Rückläufen"))

        select_all = QPushButton(self.tr("&Alle Änderungen"))
        select_all.setAccessibleName(self.tr("Alle Änderungen ohne Konflikte auswählen"))
        select_all.clicked.connect(lambda: self.set_all(True))
        select_none = QPushButton(self.tr("&Keine"))
        select_none.setAccessibleName(self.tr("Keine Änderung auswählen"))
        select_none.clicked.connect(lambda: self.set_all(False))
        self.count = QLabel()
        row = QHBoxLayout()
        row.addWidget(select_all)
        row.addWidget(select_none)
        row.addStretch(1)
        row.addWidget(self.count)

        self.notes = QPlainTextEdit(self._notes_text())
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(150)
        self.notes.setAccessibleName(self.tr("Hinweise zu den Rückläufen"))
        self.notes.setVisible(bool(self.notes.toPlainText()))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Ausgewählte ü&bernehmen"))
        self.ok_button.setAccessibleName(self.tr("Ausgewählte Änderungen übernehmen"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Abbrechen"))
        cancel.setAccessibleName(self.tr("Abbrechen, nichts übernehmen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self._update_count()

    # -- content ----------------------------------------------------------------------------

    def _add(self, change: Change, checked: bool) -> None:
        tick = QStandardItem()
        tick.setCheckable(True)
        tick.setEditable(False)
        tick.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        tick.setData(change.id, ID_ROLE)
        tick.setAccessibleText(change.where)
        place = f"{change.file}, Zeile {change.row}" if change.row else change.file
        hint = change.reason if change.conflict else ""
        cells = [
            tick,
            _cell(place),
            _cell(change.where),
            _cell(change.label),
            _cell(change.old or "—"),
            _cell(change.new or "— (leeren)"),
            _cell(hint),
        ]
        if change.conflict:
            for cell in cells[1:]:
                cell.setForeground(Qt.GlobalColor.darkRed)
        self.model.appendRow(cells)

    def _summary_text(self) -> str:
        r = self.review
        parts = [
            self.tr("%1 gelesen").replace("%1", plural(len(r.forms), "Datei", "Dateien")),
            plural(len(r.changes), "Änderung", "Änderungen"),
            plural(len(r.conflicts), "Konflikt", "Konflikte"),
        ]
        text = ", ".join(parts) + "."
        if r.conflicts:
            text += " " + self.tr(
                "Konflikte (rot) wurden seit dem Versand im Projekt und im Formular geändert; "
                "sie sind nicht vorausgewählt."
            )
        if not r.changes and not r.conflicts:
            text += " " + self.tr("Die Rückläufe enthalten keine Änderungen gegenüber dem Projekt.")
        return text

    def _notes_text(self) -> str:
        r = self.review
        lines: list[str] = []
        for problem in r.errors:
            where = problem.file
            if problem.row:
                where += f", Zeile {problem.row}"
            if problem.column:
                where += f", Spalte {problem.column}"
            lines.append(f"Fehler – {where}: {problem.message}")
        for item in r.unknown:
            lines.append(
                f"Nicht übernommen – {item.file}, Zeile {item.row}: "
                f"{item.key or '(ohne Schlüssel)'} {item.name}: {item.reason}"
            )
        for gone in r.vanished:
            lines.append(
                f"Fehlt im Rücklauf – {gone.file} ({gone.office}): "
                f"{gone.key or '(ohne Schlüssel)'} {gone.name}; bleibt im Projekt unverändert."
            )
        return "\n".join(lines)

    # -- choice -----------------------------------------------------------------------------

    def _ticks(self) -> list[QStandardItem]:
        return [self.model.item(row, 0) for row in range(self.model.rowCount())]

    def set_all(self, checked: bool) -> None:
        """Tick all plain changes (conflicts stay as they are) or untick everything."""
        conflict_ids = {c.id for c in self.review.conflicts}
        for tick in self._ticks():
            if checked and tick.data(ID_ROLE) in conflict_ids:
                continue
            tick.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def set_checked(self, change_id: str, checked: bool) -> None:
        for tick in self._ticks():
            if tick.data(ID_ROLE) == change_id:
                tick.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(change_id)

    def accepted_ids(self) -> list[str]:
        return [
            tick.data(ID_ROLE)
            for tick in self._ticks()
            if tick.checkState() == Qt.CheckState.Checked
        ]

    def _update_count(self, *_args: object) -> None:
        n = len(self.accepted_ids())
        self.count.setText(
            self.tr("{n} von {total} ausgewählt").format(n=n, total=self.model.rowCount())
        )
        self.ok_button.setEnabled(n > 0)
