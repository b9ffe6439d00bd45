"""Step 1, the filter bar above the service table: search (Strg+F), the filters by Themenfeld,
Lebenslage, LeiKa type, relevance and import list, and how they narrow the table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ozgdesk.store.project import Project
from ozgdesk.ui.models.service_table import (
    FILTER_MISSING,
    FILTER_RETIRED,
    FILTER_SUGGESTED,
    FILTER_UNDECIDED,
    ServiceFilterProxy,
)
from ozgdesk.workflow import overview
from ozgdesk.workflow.relevance import CHECK, NOT_RELEVANT, RELEVANT

if TYPE_CHECKING:
    _Panel = QWidget
else:
    _Panel = object  # a mixin: CataloguePanel is the QWidget


class CatalogueFilterBar(_Panel):
    """Mixed into CataloguePanel, which holds the attributes declared here."""

    project: Project
    proxy: ServiceFilterProxy
    list_button: QPushButton

    if TYPE_CHECKING:

        def _update_count(self) -> None: ...

    def _build_filter_bar(self) -> QHBoxLayout:
        """Create the search field and the filter combos; return the row they sit in."""
        self.search = QLineEdit()
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText(
            self.tr("Suchen nach Leistung, Schlüssel, OZG-Leistung … (Strg+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Leistungen durchsuchen"))
        self.search.textChanged.connect(lambda text: self.proxy.set_criteria(text=text))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self).activated.connect(
            self._focus_search
        )

        self.themenfeld = self._combo(self.tr("Alle Themenfelder"), self.tr("Themenfeld"))
        self.lebenslage = self._combo(self.tr("Alle Lebenslagen"), self.tr("Lebenslage"))
        self.typ = self._combo(self.tr("Alle Typen"), self.tr("LeiKa-Typ"))
        self.relevance_filter = self._combo(self.tr("Jede Relevanz"), self.tr("Relevanz"))
        for label, value in (
            (self.tr("noch offen (unentschieden oder prüfen)"), FILTER_UNDECIDED),
            (self.tr("relevant"), RELEVANT),
            (self.tr("nicht relevant"), NOT_RELEVANT),
            (self.tr("prüfen"), CHECK),
            (self.tr("mit abweichendem Vorschlag"), FILTER_SUGGESTED),
            (self.tr("nicht mehr in importierter Liste"), FILTER_MISSING),
            (self.tr("entfallen (nicht mehr im Katalog)"), FILTER_RETIRED),
        ):
            self.relevance_filter.addItem(label, value)
        self.list_filter = self._combo(self.tr("Aus jeder Liste"), self.tr("Liste"))
        self.list_filter.setObjectName("catalogueListFilter")
        for combo in (
            self.themenfeld,
            self.lebenslage,
            self.typ,
            self.relevance_filter,
            self.list_filter,
        ):
            combo.currentIndexChanged.connect(self._filters_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.themenfeld, 2)
        filters.addWidget(self.lebenslage, 2)
        filters.addWidget(self.typ, 1)
        filters.addWidget(self.relevance_filter, 2)
        filters.addWidget(self.list_filter, 2)
        return filters

    def _combo(self, all_text: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_text, None)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setMinimumContentsLength(12)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @staticmethod
    def _fill_combo(
        combo: QComboBox,
        values: list[str],
        labels: dict[str, str] | None = None,
        replace: bool = False,
    ) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            if replace and labels and value in labels:
                text = labels[value]
            else:
                text = f"{value} – {labels[value]}" if labels and value in labels else value
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _filters_changed(self) -> None:
        label = self.list_filter.currentData()
        members = overview.list_members(self.project).get(label) if label else None
        self.proxy.set_criteria(
            themenfeld=self.themenfeld.currentData(),
            lebenslage=self.lebenslage.currentData(),
            typ=self.typ.currentData(),
            relevance=self.relevance_filter.currentData(),
            ids=frozenset(members or ()) if label else None,
        )
        self.list_button.setEnabled(bool(label))
        self._update_count()
