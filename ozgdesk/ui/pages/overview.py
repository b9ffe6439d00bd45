"""Step 1 Übersicht: the searchable service catalogue with a detail pane."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, QLocale, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
    QWidget,
)

from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceDetail
from ozgdesk.ui.models.service_table import (
    COL_KEY,
    COL_LEBENSLAGE,
    COL_NAME,
    COL_OZG,
    COL_SDG1,
    COL_SDG2,
    COL_THEMENFELD,
    COL_TYP,
    ID_ROLE,
    ServiceFilterProxy,
    ServiceTableModel,
)
from ozgdesk.ui.pages import steps_text
from ozgdesk.ui.pages.base import StepPage
from ozgdesk.workflow import overview
from ozgdesk.workflow.steps import Step

TYP_MEANING = {
    "1": "Regelung und Vollzug durch den Bund",
    "2": "Regelung durch den Bund, Vollzug durch Land oder Kommune",
    "3": "Regelung durch den Bund, Vollzug durch Land oder Kommune",
    "2/3": "Regelung durch den Bund, Vollzug durch Land oder Kommune",
    "4": "Regelung durch das Land, Vollzug durch Land oder Kommune",
    "5": "Regelung und Vollzug durch die Kommune",
}


class OverviewPage(StepPage):
    def __init__(self, step: Step, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(step, steps_text.intro(step.key), project, parent)
        self._loaded = False
        self._locale = QLocale(QLocale.Language.German, QLocale.Country.Germany)

        self.model = ServiceTableModel(self)
        self.proxy = ServiceFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText(
            self.tr("Suchen nach Leistung, Schlüssel, OZG-Leistung … (Strg+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Leistungen durchsuchen"))
        self.search.textChanged.connect(lambda text: self.proxy.set_criteria(text=text))
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)

        self.themenfeld = self._combo(self.tr("Alle Themenfelder"), self.tr("Themenfeld"))
        self.lebenslage = self._combo(self.tr("Alle Lebenslagen"), self.tr("Lebenslage"))
        self.typ = self._combo(self.tr("Alle Typen"), self.tr("LeiKa-Typ"))
        self.themenfeld.currentIndexChanged.connect(self._filters_changed)
        self.lebenslage.currentIndexChanged.connect(self._filters_changed)
        self.typ.currentIndexChanged.connect(self._filters_changed)

        self.count_label = QLabel()
        self.count_label.setObjectName("catalogueCount")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.themenfeld, 2)
        filters.addWidget(self.lebenslage, 2)
        filters.addWidget(self.typ, 1)
        filters.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setObjectName("catalogueTable")
        self.table.setAccessibleName(self.tr("Leistungskatalog"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        widths = {
            COL_KEY: 130,
            COL_NAME: 360,
            COL_TYP: 50,
            COL_OZG: 240,
            COL_LEBENSLAGE: 170,
            COL_THEMENFELD: 160,
            COL_SDG1: 55,
            COL_SDG2: 55,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = QTextBrowser()
        self.detail.setObjectName("serviceDetail")
        self.detail.setAccessibleName(self.tr("Details zur Leistung"))
        self.detail.setOpenExternalLinks(True)
        self.detail.setMinimumWidth(260)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 320])
        splitter.setChildrenCollapsible(False)

        self.content.addLayout(filters)
        self.content.addWidget(splitter, 1)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._show_detail(None)

    def _combo(self, all_text: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_text, None)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setMinimumContentsLength(14)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- data ---------------------------------------------------------------------------

    def activate(self) -> None:
        if not self._loaded:
            self.reload()

    def reload(self) -> None:
        self.model.set_rows(overview.catalogue_rows(self.project))
        options = overview.filter_options(self.project)
        self._fill(self.themenfeld, options["themenfeld"])
        self._fill(self.lebenslage, options["lebenslage"])
        self._fill(self.typ, options["typ"], labels=TYP_MEANING)
        self._loaded = True
        self._filters_changed()

    @staticmethod
    def _fill(combo: QComboBox, values: list[str], labels: dict[str, str] | None = None) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            text = f"{value} – {labels[value]}" if labels and value in labels else value
            combo.addItem(text, value)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _filters_changed(self) -> None:
        self.proxy.set_criteria(
            themenfeld=self.themenfeld.currentData(),
            lebenslage=self.lebenslage.currentData(),
            typ=self.typ.currentData(),
        )
        self._update_count()

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        total = self.model.rowCount()
        if shown == 0 and total > 0:
            self.detail.setHtml(
                "<p style='color:#555'>"
                + html.escape(
                    self.tr(
                        "Keine Leistung passt zu Suche und Filtern. Versuchen Sie einen kürzeren "
                        "Suchbegriff (z. B. „bau“ statt „Bauantrag“) oder setzen Sie die Filter "
                        "auf „Alle“ zurück."
                    )
                )
                + "</p>"
            )
        self.count_label.setText(
            self.tr("%1 von %2 Leistungen")
            .replace("%1", self._locale.toString(shown))
            .replace("%2", self._locale.toString(total))
        )

    # -- detail pane ----------------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            self._show_detail(None, count=len(rows))
            return
        service_id = rows[0].data(ID_ROLE)
        self._show_detail(overview.service_detail(self.project, service_id))

    def _show_detail(self, detail: ServiceDetail | None, count: int = 0) -> None:
        if detail is None:
            text = (
                self.tr("%1 Leistungen ausgewählt.").replace("%1", str(count))
                if count > 1
                else self.tr(
                    "Wählen Sie eine Leistung in der Tabelle, um hier ihre Details zu sehen."
                )
            )
            self.detail.setHtml(f"<p style='color:#555'>{html.escape(text)}</p>")
            return
        self.detail.setHtml(detail_html(detail))


def _legal_html(text: str) -> str:
    """Legal basis text; "[http://…]" references become links."""
    import re

    escaped = html.escape(text)
    return re.sub(
        r"\[(https?://[^\]\s]+)\]",
        lambda m: f"[<a href='{m.group(1)}'>Gesetzestext</a>]",
        escaped,
    )


def detail_html(detail: ServiceDetail) -> str:
    row = detail.row
    esc = html.escape
    key = (
        f"<b>{esc(row.key)}</b>"
        if row.key
        else f"<i>kein gültiger Schlüssel</i> (Quelle: „{esc(row.key_raw or 'leer')}“)"
    )
    typ = esc(row.typ or "–")
    if row.typ in TYP_MEANING:
        typ += f" – {esc(TYP_MEANING[row.typ])}"
    parts = [
        f"<h3 style='margin-top:0'>{esc(row.name)}</h3>",
        "<table cellspacing='0' cellpadding='3'>",
        f"<tr><td><b>LeiKa-Schlüssel</b></td><td>{key}</td></tr>",
        f"<tr><td><b>Typ</b></td><td>{typ}</td></tr>",
        f"<tr><td><b>SDG&nbsp;1</b></td><td>{'ja' if row.sdg1 else 'nein'} (Information)</td></tr>",
        f"<tr><td><b>SDG&nbsp;2</b></td><td>{'ja' if row.sdg2 else 'nein'} (Verfahren online)</td></tr>",
        "</table>",
    ]
    if detail.ozg_services:
        parts.append("<p><b>OZG-Leistung</b></p><ul>")
        for ozg_id, name, lebenslage, themenfeld in detail.ozg_services:
            where = " · ".join(esc(x) for x in (lebenslage, themenfeld) if x)
            parts.append(f"<li>{esc(ozg_id)} {esc(name)}<br><small>{where}</small></li>")
        parts.append("</ul>")
    else:
        parts.append("<p><b>OZG-Leistung</b>: keiner OZG-Leistung zugeordnet</p>")
    if detail.legal_basis or detail.law:
        parts.append("<p><b>Rechtsgrundlage</b></p>")
        if detail.legal_basis:
            parts.append(f"<p>{_legal_html(detail.legal_basis)}</p>")
        if detail.law:
            law = esc(detail.law) + (f" ({esc(detail.law_short)})" if detail.law_short else "")
            parts.append(f"<p>Gesetz: {law}</p>")
    if detail.origin:
        parts.append(f"<p style='color:#555'><small>Herkunft: {esc(detail.origin)}</small></p>")
    return "".join(parts)
