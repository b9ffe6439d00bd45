"""Step 1, tab "Leistungen": search, filters, relevance decisions, details and progress chart.

The panel builds the widgets, reads the services and shows counts, progress and details; the
filter bar is in catalogue_filters, the decisions in catalogue_decisions, the detail HTML in
catalogue_detail."""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtCore import QItemSelection, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceDetail
from ozgdesk.ui.loader import Loader
from ozgdesk.ui.models.service_table import (
    COL_KEY,
    COL_LEBENSLAGE,
    COL_NAME,
    COL_OFFICE,
    COL_OZG,
    COL_RELEVANCE,
    COL_SDG1,
    COL_SDG2,
    COL_SUGGESTION,
    COL_SUGGESTION_REASON,
    COL_THEMENFELD,
    COL_TYP,
    ID_ROLE,
    ServiceFilterProxy,
    ServiceTableModel,
)
from ozgdesk.ui.pages.catalogue_decisions import CatalogueDecisions
from ozgdesk.ui.pages.catalogue_detail import TYP_MEANING, detail_html
from ozgdesk.ui.pages.catalogue_filters import CatalogueFilterBar
from ozgdesk.ui.widgets.loading import LoadingCover
from ozgdesk.ui.widgets.theme_chart import ThemeChart
from ozgdesk.workflow import overview, relevance
from ozgdesk.workflow.relevance import CHECK, NOT_RELEVANT, RELEVANT, UNDECIDED

__all__ = ["TYP_MEANING", "CataloguePanel", "detail_html"]


class CataloguePanel(CatalogueFilterBar, CatalogueDecisions, QWidget):
    """The service table with everything needed to decide relevance."""

    decisions_changed = Signal()
    import_requested = Signal()
    update_requested = Signal()  # bring in a newer catalogue release
    export_requested = Signal(str)  # "xlsx" or "pdf"

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack: QUndoStack | None = None
        self._synced: tuple[int, int] | None = None  # Project.generation() the table shows
        self._locale = QLocale(QLocale.Language.German, QLocale.Country.Germany)

        self.model = ServiceTableModel(self)
        self.proxy = ServiceFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        filters = self._build_filter_bar()

        self.count_label = QLabel()
        self.count_label.setObjectName("catalogueCount")

        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Begründung (optional)"))
        self.reason.setAccessibleName(self.tr("Begründung der Entscheidung"))
        self.relevant_button = self._button(self.tr("&Relevant"), lambda: self.decide(RELEVANT))
        self.not_relevant_button = self._button(
            self.tr("&Nicht relevant"), lambda: self.decide(NOT_RELEVANT)
        )
        self.check_button = self._button(self.tr("&Prüfen"), lambda: self.decide(CHECK))
        self.reset_button = self._button(self.tr("&Zurücksetzen"), lambda: self.decide(UNDECIDED))
        self.accept_button = self._button(
            self.tr("&Vorschläge übernehmen"), self.accept_suggestions
        )
        self.relevant_button.setToolTip(
            self.tr("Ausgewählte Leistungen als relevant markieren (Alt+R)")
        )
        self.accept_button.setToolTip(
            self.tr(
                "Die Vorschläge der Regeln für die ausgewählten (oder alle angezeigten) Leistungen übernehmen"
            )
        )
        self.list_button = QPushButton(self.tr("Ganze &Liste …"))
        self.list_button.setObjectName("decideList")
        self.list_button.setAccessibleName(self.tr("Für die ganze Liste entscheiden"))
        self.list_button.setToolTip(
            self.tr(
                "Alle Leistungen der gewählten Liste auf einmal entscheiden (rückgängig mit Strg+Z)"
            )
        )
        list_menu = QMenu(self.list_button)
        for text, value in (
            (self.tr("alle relevant"), RELEVANT),
            (self.tr("alle nicht relevant"), NOT_RELEVANT),
            (self.tr("alle prüfen"), CHECK),
            (self.tr("alle zurücksetzen"), UNDECIDED),
        ):
            action = list_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, v=value: self.decide_list(v))
        self.list_button.setMenu(list_menu)
        self.list_button.setEnabled(False)
        self.import_button = self._button(self.tr("&Importieren…"), self.import_requested.emit)
        self.update_button = self._button(
            self.tr("Katalog aktualisieren…"), self.update_requested.emit
        )
        self.update_button.setToolTip(
            self.tr("Eine neuere Fassung des Leistungskatalogs übernehmen; Entscheidungen bleiben")
        )
        self.export_xlsx_button = self._button(
            self.tr("Excel-Export…"), lambda: self.export_requested.emit("xlsx")
        )
        self.export_pdf_button = self._button(
            self.tr("PDF-Übersicht…"), lambda: self.export_requested.emit("pdf")
        )
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("Entscheidung:")))
        for button in (
            self.relevant_button,
            self.not_relevant_button,
            self.check_button,
            self.reset_button,
        ):
            actions.addWidget(button)
        actions.addWidget(self.reason, 2)
        actions.addWidget(self.accept_button)
        actions.addWidget(self.list_button)
        actions.addStretch(1)
        # import and exports sit beside the count, so that the decision row fits narrow windows
        outputs = QHBoxLayout()
        outputs.addWidget(self.count_label, 1)
        outputs.addWidget(self.import_button)
        outputs.addWidget(self.update_button)
        outputs.addWidget(self.export_xlsx_button)
        outputs.addWidget(self.export_pdf_button)

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
        widths = {
            COL_KEY: 125,
            COL_NAME: 330,
            COL_RELEVANCE: 100,
            COL_SUGGESTION: 100,
            COL_SUGGESTION_REASON: 260,
            COL_OFFICE: 120,
            COL_TYP: 45,
            COL_OZG: 220,
            COL_LEBENSLAGE: 160,
            COL_THEMENFELD: 150,
            COL_SDG1: 50,
            COL_SDG2: 50,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.loading_cover = LoadingCover(self.table, self.tr("Die Leistungen werden gelesen …"))

        self.chart = ThemeChart()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("decisionProgress")
        self.progress_label.setWordWrap(True)
        self.detail = QTextBrowser()
        self.detail.setObjectName("serviceDetail")
        self.detail.setAccessibleName(self.tr("Details zur Leistung"))
        self.detail.setOpenExternalLinks(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.progress_label)
        side_layout.addWidget(self.chart)
        side_layout.addWidget(self.detail, 1)
        side.setMinimumWidth(300)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 340])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addLayout(outputs)
        layout.addWidget(splitter, 1)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self._show_detail(None)

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        return button

    # -- data ---------------------------------------------------------------------------

    def ensure_loaded(self) -> None:
        """Read the services unless the table shows the project as it is (other steps
        change offices and relevance too)."""
        if self._synced != self.project.generation():
            self.reload()

    def reload(self) -> None:
        """Read all services again (on a worker thread when that takes a while)."""
        self.loading_cover.fetch(
            self.project,
            "catalogue_table",
            lambda: overview.catalogue_table(self.project),
            self._fill,
            loading=self._show_loading,
        )

    def _show_loading(self) -> None:
        self.chart.hide()  # it would say "no services" meanwhile
        self.progress_label.setText(self.loading_cover.label.text())

    def _fill(self, table: overview.CatalogueTable) -> None:
        self.chart.show()
        self.model.set_rows(table.rows, table.names)
        self._synced = self.project.generation()
        # the suggestion column and the search texts come right after the table is shown
        QTimer.singleShot(120, self, self.refresh_suggestions)
        QTimer.singleShot(150, self, self._fetch_search_texts)
        options = overview.filter_options(self.project)
        self._fill_combo(self.themenfeld, options["themenfeld"])
        self._fill_combo(self.lebenslage, options["lebenslage"])
        self._fill_combo(self.typ, options["typ"], labels=TYP_MEANING)
        self._fill_combo(
            self.list_filter,
            options["lists"],
            labels={
                label: self.tr("aus Liste „%1“").replace("%1", label) for label in options["lists"]
            },
            replace=True,
        )
        self._filters_changed()
        self._update_progress()

    def _fetch_search_texts(self) -> None:
        if not self.project.closed:
            Loader.of(self.project).fetch(
                "catalogue_search",
                lambda: overview.search_texts(self.project),
                self.model.set_search_texts,
                wait=False,
            )

    def refresh_suggestions(self) -> None:
        if self.project.closed:  # a deferred call after the project was closed
            return
        Loader.of(self.project).fetch(
            "suggestions",
            lambda: relevance.suggestions(self.project),
            self.model.set_suggestions,
            wait=False,  # the column fills in when they are ready
        )

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        total = self.model.total()
        selected = (
            len(self.table.selectionModel().selectedRows()) if self.table.selectionModel() else 0
        )
        text = (
            self.tr("%1 von %2 Leistungen angezeigt")
            .replace("%1", self._locale.toString(shown))
            .replace("%2", self._locale.toString(total))
        )
        if selected:
            text += self.tr(", %1 ausgewählt").replace("%1", self._locale.toString(selected))
        else:
            text += self.tr(
                " – die Entscheidungs-Knöpfe wirken auf die Auswahl oder, ohne Auswahl, auf alle angezeigten"
            )
        self.count_label.setText(text)
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

    def _update_progress(self) -> None:
        rows = self.model.all_rows()
        self.chart.set_data(relevance.progress_by_themenfeld(rows))
        decisions = Counter(r.relevance for r in rows)
        decided = decisions[RELEVANT] + decisions[NOT_RELEVANT]
        relevant = decisions[RELEVANT]
        self.progress_label.setText(
            self.tr("<b>Entschieden: %1 von %2</b> (davon relevant: %3)")
            .replace("%1", self._locale.toString(decided))
            .replace("%2", self._locale.toString(len(rows)))
            .replace("%3", self._locale.toString(relevant))
        )

    # -- decisions ------------------------------------------------------------------------

    def decisions_applied(self, ids: list[int]) -> None:
        """Refresh the given services after a change (also after undo/redo)."""
        self.model.update_rows(overview.catalogue_rows(self.project, ids))
        self._synced = self.project.generation()  # our own change: the table has it
        self.proxy.refilter()
        self._update_count()
        self._update_progress()
        self._selection_changed(QItemSelection(), QItemSelection())
        self.decisions_changed.emit()

    # -- detail pane ----------------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._update_count()
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
        suggestion = self.model.suggestions().get(detail.row.id)
        self.detail.setHtml(detail_html(detail, suggestion))
