"""Datei → Vorlage übernehmen: every item a neighbour's template would change, to tick or
untick; the template's offices can be mapped onto the project's own ones first."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.formats.share_file import ShareFile
from ozgdesk.store.project import Project
from ozgdesk.ui.models.review_table import ReviewModel
from ozgdesk.wording import plural
from ozgdesk.workflow import offices, sharing

NEW_OFFICE = "(neu anlegen)"


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


class ShareReviewDialog(QDialog):
    def __init__(self, project: Project, share: ShareFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project, self.share = project, share
        self.setWindowTitle(self.tr("Vorlage übernehmen"))
        self.resize(1000, 600)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.offices: dict[str, QComboBox] = {}
        self.model = ReviewModel((), set())
        own = [o.name for o in self._own_offices()]
        office_box = QGroupBox(self.tr("Ämter der Vorlage → eigene Ämter"))
        form = QFormLayout(office_box)
        for office in share.offices:
            combo = QComboBox()
            combo.addItems([NEW_OFFICE, *own])
            match = next((o for o in own if o.casefold() == office.name.casefold()), None)
            combo.setCurrentText(match or NEW_OFFICE)
            combo.currentIndexChanged.connect(self._remap)
            form.addRow(office.name, combo)
            self.offices[office.name] = combo
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("Punkte der Vorlage"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        toggle = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
        toggle.activated.connect(self._toggle_selected)
        new = QPushButton(self.tr("Alle &neuen"))
        new.clicked.connect(lambda: self.model.select({sharing.NEW}))
        everything = QPushButton(self.tr("Auch &abweichende"))
        everything.clicked.connect(lambda: self.model.select({sharing.NEW, sharing.DIFFERENT}))
        none = QPushButton(self.tr("&Keine"))
        none.clicked.connect(lambda: self.model.select(set()))
        picks = QHBoxLayout()
        for button in (new, everything, none):
            picks.addWidget(button)
        picks.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Übernehmen"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        if self.offices:
            layout.addWidget(office_box)
        layout.addLayout(picks)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.review = sharing.review(project, share, self.office_map())
        self._show(sharing.chosen(self.review, None))

    def _own_offices(self) -> list[offices.Office]:
        return offices.offices(self.project)

    def office_map(self) -> dict[str, str]:
        return {
            name: combo.currentText()
            for name, combo in self.offices.items()
            if combo.currentText() != NEW_OFFICE
        }

    def _remap(self) -> None:
        kept = set(self.model.accepted)
        self.review = sharing.review(self.project, self.share, self.office_map())
        self._show({i.id for i in self.review.items if i.changes and (
            i.id in kept or i.status == sharing.NEW and i.kind == sharing.KIND_OFFICE)})  # fmt: skip

    def _show(self, accepted: set[str]) -> None:
        self.model = ReviewModel(self.review.items, accepted)
        self.model.dataChanged.connect(self._count)
        self.model.modelReset.connect(self._count)
        self.table.setModel(self.model)
        self.table.setColumnWidth(0, 100)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 300)
        self.table.setColumnWidth(3, 160)
        self._count()

    def _toggle_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        self.model.toggle(rows)

    def _count(self) -> None:
        counts = self.review.counts()
        self.intro.setText(
            self.tr(
                "<b>%1</b>. %2 neu, %3 abweichend von Ihren eigenen Angaben, %4 schon gleich. "
                "Angehakt sind die neuen Punkte; abweichende überschreiben Ihre eigenen "
                "Entscheidungen nur, wenn Sie sie anhaken. Vor dem Übernehmen wird das Projekt "
                "gesichert; Bearbeiten → Rückgängig nimmt alles zurück. Ausgewählt: %5."
            )
            .replace("%1", html.escape(_first_upper(sharing.source_note(self.share))))
            .replace("%2", str(counts.get(sharing.NEW, 0)))
            .replace("%3", str(counts.get(sharing.DIFFERENT, 0)))
            .replace("%4", str(counts.get(sharing.SAME, 0)))
            .replace("%5", plural(len(self.model.accepted), "Punkt", "Punkte"))
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.model.accepted))

    def accepted_items(self) -> set[str]:
        return set(self.model.accepted)
