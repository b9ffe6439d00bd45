"""Step 1, tab "Leistungen": search, filters, relevance decisions, details and progress chart."""

from __future__ import annotations

import html
import re
from collections import Counter

from PySide6.QtCore import QItemSelection, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceDetail
from ozgdesk.ui import messages
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
    FILTER_MISSING,
    FILTER_RETIRED,
    FILTER_SUGGESTED,
    FILTER_UNDECIDED,
    ID_ROLE,
    ServiceFilterProxy,
    ServiceTableModel,
)
from ozgdesk.ui.undo import push_done
from ozgdesk.ui.widgets.loading import LoadingCover
from ozgdesk.ui.widgets.theme_chart import ThemeChart
from ozgdesk.wording import plural
from ozgdesk.workflow import overview, relevance
from ozgdesk.workflow.relevance import CHECK, NOT_RELEVANT, RELEVANT, UNDECIDED, Decision

TYP_MEANING = {
    "1": "Regelung und Vollzug durch den Bund",
    "2": "Regelung durch den Bund, Vollzug durch Land oder Kommune",
    "3": "Regelung durch den Bund, Vollzug durch Land oder Kommune",
    "2/3": "Regelung durch den Bund, Vollzug durch Land oder Kommune",
    "4": "Regelung durch das Land, Vollzug durch Land oder Kommune",
    "5": "Regelung und Vollzug durch die Kommune",
}


class CataloguePanel(QWidget):
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

        self.count_label = QLabel()
        self.count_label.setObjectName("catalogueCount")

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.themenfeld, 2)
        filters.addWidget(self.lebenslage, 2)
        filters.addWidget(self.typ, 1)
        filters.addWidget(self.relevance_filter, 2)
        filters.addWidget(self.list_filter, 2)

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

    def _combo(self, all_text: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_text, None)
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setMinimumContentsLength(12)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        return button

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

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

    def target_ids(self) -> list[int]:
        """The selected services, or (without a selection) all the view shows."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return [index.data(ID_ROLE) for index in rows]
        return self.proxy.shown_ids()

    def _confirm_many(self, count: int, what: str) -> bool:
        if self.table.selectionModel().selectedRows() or count <= 1:
            return True
        return messages.confirm(
            self,
            self.tr("Für alle angezeigten Leistungen?"),
            self.tr(
                "Es ist nichts ausgewählt. Soll „%1“ für alle %2 angezeigten Leistungen gelten?"
            )
            .replace("%1", what)
            .replace("%2", self._locale.toString(count)),
        )

    def decide(self, value: str) -> None:
        ids = self.target_ids()
        label = value or self.tr("zurücksetzen")
        if not ids or not self._confirm_many(len(ids), label):
            return
        reason = self.reason.text().strip()
        try:
            stored = self._decide_seen(ids, value, reason)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        if stored is None:
            self.decisions_applied(ids)  # shows the other person's values
            return
        ids, previous = stored
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        new = [Decision(i, value, reason if value else "", now if value else None) for i in ids]
        self._record(
            self.tr("Relevanz „%1“ für %2")
            .replace("%1", label)
            .replace("%2", plural(len(ids), "Leistung", "Leistungen")),
            new,
            previous,
        )

    def _decide_seen(
        self, ids: list[int], value: str, reason: str
    ) -> tuple[list[int], list[Decision]] | None:
        """Decide with the versions the table shows: a change someone else made meanwhile
        (on a server) is shown with both values and the user chooses."""
        from ozgdesk.ui.conflict_choice import store_asking

        seen = {}
        for i in ids:
            row = self.model.row_by_id(i)
            if row is not None:
                seen[i] = row.version
        return store_asking(
            self,
            ids,
            seen,
            lambda chosen, versions: relevance.decide(
                self.project, chosen, value, reason, seen=versions
            ),
        )

    def decide_list(self, value: str) -> None:
        """Decide every service of the list chosen in the list filter (other filters
        and the search do not narrow it), in one step that can be undone."""
        label = self.list_filter.currentData()
        if not label:
            return
        ids = sorted(overview.list_members(self.project).get(label, frozenset()))
        what = value or self.tr("zurücksetzen")
        if not ids or not messages.confirm(
            self,
            self.tr("Für die ganze Liste?"),
            self.tr("Soll „%1“ für alle %2 Leistungen der Liste „%3“ gelten?")
            .replace("%1", what)
            .replace("%2", self._locale.toString(len(ids)))
            .replace("%3", label),
        ):
            return
        reason = self.reason.text().strip() or self.tr("Liste „%1“").replace("%1", label)
        try:
            previous = relevance.decide(self.project, ids, value, reason)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        new = [Decision(i, value, reason if value else "", now if value else None) for i in ids]
        self._record(
            self.tr("Liste „%1“: „%2“ für %3 Leistung(en)")
            .replace("%1", label)
            .replace("%2", what)
            .replace("%3", str(len(ids))),
            new,
            previous,
        )

    def accept_suggestions(self) -> None:
        suggestions = self.model.suggestions()
        ids = [
            i
            for i in self.target_ids()
            if i in suggestions and not getattr(self.model.row_by_id(i), "relevance", "x")
        ]
        if not ids:
            messages.info(
                self,
                self.tr("Keine Vorschläge"),
                self.tr(
                    "Für die gewählten Leistungen gibt es keinen offenen Vorschlag: Vorschläge "
                    "füllen nur Leistungen, die noch nicht entschieden sind."
                ),
            )
            return
        if not self._confirm_many(len(ids), self.tr("Vorschläge übernehmen")):
            return
        try:
            previous = relevance.accept(self.project, suggestions, ids)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        new = relevance.current(self.project, ids)
        self._record(
            self.tr("Vorschläge für %1 übernommen").replace(
                "%1", plural(len(ids), "Leistung", "Leistungen")
            ),
            new,
            previous,
        )

    def _record(self, text: str, new: list[Decision], previous: list[Decision]) -> None:
        ids = [d.service_id for d in new]

        def redo() -> None:
            relevance.apply(self.project, new)
            self.decisions_applied(ids)

        def undo() -> None:
            relevance.apply(self.project, previous)
            self.decisions_applied(ids)

        push_done(self.undo_stack, text, redo, undo)
        self.decisions_applied(ids)

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


def _legal_html(text: str) -> str:
    """Legal basis text; "[http://…]" references become links."""
    escaped = html.escape(text)
    return re.sub(
        r"\[(https?://[^\]\s]+)\]",
        lambda m: f"[<a href='{m.group(1)}'>Gesetzestext</a>]",
        escaped,
    )


def detail_html(detail: ServiceDetail, suggestion: relevance.Suggestion | None = None) -> str:
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
    decision = esc(row.relevance) if row.relevance else "<i>noch nicht entschieden</i>"
    if row.relevance_reason:
        decision += f"<br><small>{esc(row.relevance_reason)}</small>"
    parts = [
        f"<h3 style='margin-top:0'>{esc(row.name)}</h3>",
        "<table cellspacing='0' cellpadding='3'>",
        f"<tr><td><b>LeiKa-Schlüssel</b></td><td>{key}</td></tr>",
        f"<tr><td><b>Relevanz</b></td><td>{decision}</td></tr>",
    ]
    if suggestion is not None:
        parts.append(
            f"<tr><td><b>Vorschlag</b></td><td>{esc(suggestion.relevance)}<br>"
            f"<small>{esc(suggestion.reason)}</small></td></tr>"
        )
    if row.retired:
        parts.append(
            "<tr><td><b>Entfallen</b></td><td>nicht mehr in der neuesten Fassung des "
            "Leistungskatalogs; Entscheidung und Zuordnung bleiben</td></tr>"
        )
    if row.office:
        parts.append(f"<tr><td><b>Amt</b></td><td>{esc(row.office)}</td></tr>")
    parts += [
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
    if row.remark or detail.contact_person:
        parts.append("<p>")
        if detail.contact_person:
            parts.append(f"<b>Ansprechperson:</b> {esc(detail.contact_person)}<br>")
        if row.remark:
            parts.append(f"<b>Bemerkung:</b> {esc(row.remark)}")
        parts.append("</p>")
    if detail.sources:
        listed = ", ".join(
            esc(label)
            + (" <i>(in der letzten Fassung nicht mehr enthalten)</i>" if missing else "")
            for label, missing in detail.sources
        )
        parts.append(f"<p style='color:#555'><small>Listen: {listed}</small></p>")
    elif detail.origin:
        parts.append(f"<p style='color:#555'><small>Herkunft: {esc(detail.origin)}</small></p>")
    return "".join(parts)
