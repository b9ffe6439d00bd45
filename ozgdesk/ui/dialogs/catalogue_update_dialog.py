"""Shows what a newer catalogue release would change (new, changed, retired) before it is
applied. The comparison is done by workflow.catalogue_update; nothing is written here."""

from __future__ import annotations

import html
from pathlib import Path
from typing import cast

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.workflow.catalogue_update import CatalogueUpdate

CHANGE_LABELS = {"name": "Name", "typ": "Typ", "ozg": "OZG-Leistung", "retired": "Katalog"}


def _n(value: int) -> str:
    return QLocale(QLocale.Language.German, QLocale.Country.Germany).toString(value)


class CatalogueUpdateDialog(QDialog):
    def __init__(self, update: CatalogueUpdate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.update_ = update
        self.setWindowTitle(self.tr("Leistungskatalog aktualisieren"))
        self.resize(900, 600)
        self.summary = QLabel()
        self.summary.setObjectName("updateSummary")
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.added = self._table(
            [self.tr("LeiKa-Schlüssel"), self.tr("Leistung"), self.tr("Typ"), self.tr("OZG-ID")],
            [
                [
                    str(a["key"]),
                    str(a["name"]),
                    str(a["typ"]),
                    ", ".join(cast("list[str]", a["ozg"])),
                ]
                for a in update.added
            ],
        )
        self.changed = self._table(
            [self.tr("LeiKa-Schlüssel"), self.tr("Leistung"), self.tr("Änderung")],
            [
                [
                    c.key,
                    c.name,
                    "; ".join(
                        f"{CHANGE_LABELS.get(f, f)}: „{old}“ → „{new}“"
                        for f, (old, new) in c.changes.items()
                    ),
                ]
                for c in update.changed
            ],
        )
        self.retired = self._table(
            [self.tr("LeiKa-Schlüssel"), self.tr("Leistung"), self.tr("Relevanz"), self.tr("Amt")],
            [
                [str(r["key"]), str(r["name"]), str(r["relevance"] or "–"), str(r["office"])]
                for r in update.retired
            ],
        )
        self.tabs.addTab(self.added, self.tr("Neu (%1)").replace("%1", _n(len(update.added))))
        self.tabs.addTab(
            self.changed, self.tr("Geändert (%1)").replace("%1", _n(len(update.changed)))
        )
        self.tabs.addTab(
            self.retired, self.tr("Entfallen (%1)").replace("%1", _n(len(update.retired)))
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(self.tr("Ü&bernehmen"))
        self.apply_button.setEnabled(update.ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.summary.setText(self._summary())

    def _summary(self) -> str:
        update = self.update_
        name = html.escape(Path(update.file).name)
        if not update.ok:
            return self.tr("<b>„%1“ kann nicht übernommen werden.</b> ").replace(
                "%1", name
            ) + html.escape(update.reason)
        text = self.tr(
            "<b>Neuere Fassung „%1“:</b> %2 Leistungen neu, %3 geändert, %4 entfallen, "
            "%5 unverändert.<br>Beim Übernehmen bleiben alle Entscheidungen, Zuordnungen und "
            "Planungen. Entfallene Leistungen werden nicht gelöscht: Sie bleiben mit ihrer "
            "Entscheidung sichtbar und sind als „entfallen“ markiert. Neue Leistungen kommen "
            "unentschieden hinzu. Vorher wird eine Sicherung angelegt."
        )
        text = (
            text.replace("%1", name)
            .replace("%2", _n(len(update.added)))
            .replace("%3", _n(len(update.changed)))
            .replace("%4", _n(len(update.retired)))
            .replace("%5", _n(update.unchanged))
        )
        if update.not_compared:
            text += " " + self.tr(
                "%1 Leistungen ohne Schlüssel wurden nicht verglichen und bleiben, wie sie sind."
            ).replace("%1", _n(update.not_compared))
        if update.errors:
            text += " " + self.tr(
                "%1 Zeilen der Datei sind fehlerhaft und werden übergangen."
            ).replace("%1", _n(len(update.errors)))
        return text

    @staticmethod
    def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                table.setItem(i, j, QTableWidgetItem(value))
        table.resizeColumnToContents(0)
        return table
