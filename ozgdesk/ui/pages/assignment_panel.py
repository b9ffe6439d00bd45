"""Step 2, tab "Ämter und Leistungen": offices with their OZG contacts on the left,
relevant services on the right; assign by button, for a selection or a filter,
or by dragging services onto an office. Every change can be undone.

The panel builds the widgets, reads offices and services and shows counters and contacts; the
office and contact actions are in assignment_offices, the assigning in assignment_actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.store.project import Project
from ozgdesk.ui.loader import Loader
from ozgdesk.ui.models.office_list import OfficeListModel
from ozgdesk.ui.models.service_table import (
    COL_KEY,
    COL_NAME,
    COL_OFFICE,
    COL_RELEVANCE,
    COL_SUGGESTION,
    COL_SUGGESTION_REASON,
    FILTER_NO_OFFICE,
    ServiceFilterProxy,
    ServiceTableModel,
)
from ozgdesk.ui.pages.assignment_actions import AssignActions, _n
from ozgdesk.ui.pages.assignment_offices import OfficeActions
from ozgdesk.ui.widgets.list_editing import make_editable
from ozgdesk.ui.widgets.loading import LoadingCover
from ozgdesk.wording import plural
from ozgdesk.workflow import assignment, offices, overview
from ozgdesk.workflow.relevance import RELEVANT

SHOW_UNASSIGNED = "unassigned"
SHOW_RELEVANT = "relevant"
SHOW_OFFICE = "office"
SHOW_ALL = "all"


class AssignmentPanel(OfficeActions, AssignActions, QWidget):
    changed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.undo_stack: QUndoStack | None = None
        self._loaded = False
        self._rows_shown = ""  # which table the model holds: "relevant_table" or "catalogue_table"

        # -- offices ------------------------------------------------------------------------
        self.office_model = OfficeListModel(self)
        self.office_model.services_dropped.connect(self.assign_to)
        self.office_list = QListView()
        self.office_list.setObjectName("officeList")
        self.office_list.setAccessibleName(self.tr("Ämter"))
        self.office_list.setModel(self.office_model)
        self.office_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.office_list.setAcceptDrops(True)
        self.office_list.setDropIndicatorShown(True)
        self.office_list.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.office_list.selectionModel().selectionChanged.connect(self._office_selected)
        make_editable(
            self.office_list,
            self.edit_office,
            [
                (self.tr("Neues Amt…"), self.new_office),
                (self.tr("Zusammenführen…"), self.merge_selected),
                (self.tr("Löschen…"), self.delete_selected),
            ],
        )

        new_office = self._button(self.tr("&Neues Amt…"), self.new_office)
        template = QPushButton(self.tr("Aus &Vorlage"))
        template.setAccessibleName(self.tr("Ämter aus Vorlage"))
        menu = QMenu(template)
        menu.addAction(
            self.tr("Kleine Gemeinde: fünf Fachbereiche"), lambda: self.add_template("small")
        )
        menu.addAction(
            self.tr("Klassische Standard-Ämterliste (45 Ämter)"),
            lambda: self.add_template("standard"),
        )
        template.setMenu(menu)
        office_buttons = QHBoxLayout()
        office_buttons.addWidget(new_office)
        office_buttons.addWidget(template)
        office_buttons2 = QHBoxLayout()
        for text, slot in (
            (self.tr("&Bearbeiten…"), self.edit_office),
            (self.tr("&Zusammenführen…"), self.merge_selected),
            (self.tr("&Löschen…"), self.delete_selected),
        ):
            office_buttons2.addWidget(self._button(text, slot))

        self.contacts = QListWidget()
        self.contacts.setObjectName("officeContacts")
        self.contacts.setAccessibleName(self.tr("OZG-Ansprechpersonen des Amts"))
        make_editable(
            self.contacts,
            self.edit_contact,
            [
                (self.tr("Ansprechperson hinzufügen…"), self.add_contact),
                (self.tr("Entfernen"), self.remove_contact),
            ],
        )
        contact_buttons = QHBoxLayout()
        for text, slot in (
            (self.tr("Ansprechperson &hinzufügen…"), self.add_contact),
            (self.tr("Bea&rbeiten…"), self.edit_contact),
            (self.tr("En&tfernen"), self.remove_contact),
        ):
            contact_buttons.addWidget(self._button(text, slot))
        self.warnings = QLabel()
        self.warnings.setObjectName("officeWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #a15c00;")
        # a fixed height: the buttons above must not move when warnings come and go
        self.warnings.setFixedHeight(self.warnings.fontMetrics().lineSpacing() * 3 + 6)
        self.warnings.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(
            QLabel(self.tr("<b>Ämter</b> (Zahl: relevante Leistungen; ⚠ ohne Ansprechperson)"))
        )
        left_layout.addLayout(office_buttons)
        left_layout.addWidget(self.office_list, 3)
        left_layout.addLayout(office_buttons2)
        left_layout.addWidget(
            QLabel(
                self.tr(
                    "<b>OZG-Ansprechpersonen</b> des gewählten Amts (1–2, dazu ggf. Vertretung)"
                )
            )
        )
        left_layout.addWidget(self.contacts, 1)
        left_layout.addLayout(contact_buttons)
        left_layout.addWidget(self.warnings)

        # -- services -----------------------------------------------------------------------
        self.model = ServiceTableModel(self)
        self.proxy = ServiceFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.counter = QLabel()
        self.counter.setObjectName("assignmentCounter")
        self.counter.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Leistungen durchsuchen …"))
        self.search.setAccessibleName(self.tr("Leistungen durchsuchen"))
        self.search.textChanged.connect(lambda text: self.proxy.set_criteria(text=text))
        self.show_combo = QComboBox()
        self.show_combo.setAccessibleName(self.tr("Anzeigen"))
        for label, value in (
            (self.tr("Relevante ohne Amt"), SHOW_UNASSIGNED),
            (self.tr("Alle relevanten"), SHOW_RELEVANT),
            (self.tr("Relevante des gewählten Amts"), SHOW_OFFICE),
            (self.tr("Alle Leistungen"), SHOW_ALL),
        ):
            self.show_combo.addItem(label, value)
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(QLabel(self.tr("Anzeigen:")))
        filters.addWidget(self.show_combo, 1)

        self.table = QTableView()
        self.table.setObjectName("assignmentTable")
        self.table.setAccessibleName(self.tr("Leistungen zur Zuordnung"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setColumnHidden(COL_SUGGESTION, True)
        self.table.setColumnHidden(COL_SUGGESTION_REASON, True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (COL_KEY, 125),
            (COL_NAME, 340),
            (COL_RELEVANCE, 90),
            (COL_OFFICE, 160),
        ):
            self.table.setColumnWidth(column, width)
        self.loading_cover = LoadingCover(self.table, self.tr("Die Leistungen werden gelesen …"))

        self.target = QComboBox()
        self.target.setObjectName("targetOffice")
        self.target.setAccessibleName(self.tr("Ziel-Amt"))
        self.target.setMinimumContentsLength(18)
        self.lead_button = self._button(self.tr("Federführend &zuordnen"), self.assign_selected)
        self.involved_button = self._button(
            self.tr("Als &beteiligt hinzufügen"), self.add_involved_selected
        )
        self.clear_button = self._button(self.tr("Zuordnung &entfernen"), self.clear_selected)
        # two rows: at 1280 px the three buttons beside the office did not fit
        actions = QVBoxLayout()
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(self.tr("Amt:")))
        target_row.addWidget(self.target, 1)
        button_row = QHBoxLayout()
        button_row.addWidget(self.lead_button)
        button_row.addWidget(self.involved_button)
        button_row.addWidget(self.clear_button)
        button_row.addStretch(1)
        actions.addLayout(target_row)
        actions.addLayout(button_row)
        hint = QLabel(
            self.tr(
                "Die Knöpfe wirken auf die ausgewählten Leistungen oder, ohne Auswahl, auf alle "
                "angezeigten. Sie können Leistungen auch auf ein Amt links ziehen."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.counter)
        right_layout.addLayout(filters)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(actions)
        right_layout.addWidget(hint)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 1000])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    # -- loading ----------------------------------------------------------------------------

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.reload()

    def reload(self, select_id: int | None = None) -> None:
        """Read offices and services again (the services on a worker thread when that
        takes a while): the relevant ones, or all for "Alle Leistungen"."""
        self._loaded = True
        self.reload_offices(select_id)
        everything = self.show_combo.currentData() == SHOW_ALL
        self._rows_shown = "catalogue_table" if everything else "relevant_table"
        read = overview.catalogue_table if everything else overview.relevant_table
        self.loading_cover.fetch(
            self.project, self._rows_shown, lambda: read(self.project), self._fill
        )

    def _fill(self, table: overview.CatalogueTable) -> None:
        self.model.set_rows(table.rows, table.names)
        self._apply_show()
        everything = self._rows_shown == "catalogue_table"
        Loader.of(self.project).fetch(
            "catalogue_search" if everything else "relevant_search",
            lambda: overview.search_texts(self.project, relevant_only=not everything),
            self.model.set_search_texts,
            wait=False,
        )

    def reload_offices(self, select_id: int | None = None) -> None:
        selected = select_id if select_id is not None else self.selected_office_id()
        all_offices = offices.offices(self.project)
        self.office_model.set_offices(all_offices)
        current = self.target.currentData()
        self.target.blockSignals(True)
        self.target.clear()
        for office in all_offices:
            self.target.addItem(office.label, office.id)
        self.target.setCurrentIndex(max(0, self.target.findData(current)))
        self.target.blockSignals(False)
        row = self.office_model.row_of(selected)
        if row >= 0:
            self.office_list.selectionModel().select(
                self.office_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.office_list.setCurrentIndex(self.office_model.index(row))
        self._show_contacts()
        self._update_counter()

    def _update_counter(self) -> None:
        numbers = assignment.counters(self.project)
        if numbers.relevant == 0:
            text = self.tr(
                "Noch keine Leistung ist als relevant entschieden. Entscheiden Sie zuerst in Schritt 1, "
                "welche Leistungen Ihre Kommune betreffen."
            )
        elif numbers.relevant_unassigned:
            text = (
                self.tr("<b>%1 ist noch keinem Amt zugeordnet</b> (von %2).")
                if numbers.relevant_unassigned == 1
                else self.tr("<b>%1 sind noch keinem Amt zugeordnet</b> (von %2).")
            )
            text = text.replace(
                "%1",
                plural(numbers.relevant_unassigned, "relevante Leistung", "relevante Leistungen"),
            ).replace("%2", _n(numbers.relevant))
        else:
            text = self.tr(
                "<b>Alle %1 relevanten Leistungen sind einem Amt zugeordnet.</b>"
            ).replace("%1", _n(numbers.relevant))
        self.counter.setText(text)
        found = offices.warnings(self.project)
        shown = found[:2] + (
            [
                self.tr("… und %1 (Liste im Tooltip)").replace(
                    "%1", plural(len(found) - 2, "weiterer Hinweis", "weitere Hinweise")
                )
            ]
            if len(found) > 3
            else found[2:3]
        )
        self.warnings.setText("\n".join(shown))
        self.warnings.setToolTip("\n".join(found))

    def _show_changed(self) -> None:
        if (self.show_combo.currentData() == SHOW_ALL) != (self._rows_shown == "catalogue_table"):
            self.reload()  # from the relevant services to all of them, or back
        else:
            self._apply_show()

    def _apply_show(self) -> None:
        show = self.show_combo.currentData()
        office = self.selected_office()
        criteria: dict[str, object] = {"relevance": RELEVANT, "office": None}
        if show == SHOW_UNASSIGNED:
            criteria["office"] = FILTER_NO_OFFICE
        elif show == SHOW_OFFICE:
            criteria["office"] = office.name if office else FILTER_NO_OFFICE
        elif show == SHOW_ALL:
            criteria["relevance"] = None
        self.proxy.set_criteria(**criteria)

    # -- offices ------------------------------------------------------------------------------

    def _office_selected(self) -> None:
        office = self.selected_office()
        if office is not None:
            self.target.setCurrentIndex(max(0, self.target.findData(office.id)))
        self._show_contacts()
        if self.show_combo.currentData() == SHOW_OFFICE:
            self._apply_show()

    def _show_contacts(self) -> None:
        self.contacts.clear()
        office = self.selected_office()
        if office is None:
            return
        for contact in office.contacts:
            details = " · ".join(x for x in (contact.function, contact.email, contact.phone) if x)
            text = (
                contact.name
                + (self.tr(" (Vertretung)") if contact.deputy else "")
                + (f" – {details}" if details else "")
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, contact)
            self.contacts.addItem(item)

    # -- after a change ---------------------------------------------------------------------------

    def refresh_all(self, select_id: int | None = None) -> None:
        self.reload(select_id)
        self.changed.emit()

    def services_changed(self, ids: list[int]) -> None:
        self.model.update_rows(overview.catalogue_rows(self.project, ids))
        self.proxy.refilter()
        self.reload_offices()
        self.changed.emit()
