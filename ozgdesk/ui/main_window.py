"""The main window: the five steps in a sidebar, one page per step, status bar; its menus are
in main_menus.py, the file, backup and help actions in main_actions.py."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ozgdesk.errortext import describe
from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages, opening, window_geometry
from ozgdesk.ui.loader import Loader
from ozgdesk.ui.main_actions import WindowActions
from ozgdesk.ui.main_menus import WindowMenus
from ozgdesk.ui.pages.base import STATUS_COLOURS, StepPage, status_text
from ozgdesk.ui.settings import AppSettings
from ozgdesk.ui.style import pad_labels
from ozgdesk.ui.tasks import BackgroundTask
from ozgdesk.ui.widgets.columns import fit_all_headers
from ozgdesk.ui.window_geometry import window_title
from ozgdesk.workflow import overview, relevance
from ozgdesk.workflow.demo import DEMO_MUNICIPALITY
from ozgdesk.workflow.steps import STEPS, StepState, StepStatus, step_states

log = logging.getLogger(__name__)

BACKUP_ON_OPEN_DELAY_MS = 1500
DEFERRED_MS = 120  # work that waits until the window has been painted once
PAGE_BUILD_GAP_MS = 60  # after opening, the step pages are built one at a time, this far apart
BACKUP_CHECK_MS = 5 * 60 * 1000

# step pages are imported and built when first shown (keeps the start fast)
if TYPE_CHECKING:
    from ozgdesk.ui.pages.start import StartPage

PAGE_CLASSES = {
    "overview": ("ozgdesk.ui.pages.overview", "OverviewPage"),
    "assignment": ("ozgdesk.ui.pages.assignment", "AssignmentPage"),
    "workshop": ("ozgdesk.ui.pages.workshop", "WorkshopPage"),
    "delivery": ("ozgdesk.ui.pages.delivery", "DeliveryPage"),
    "roadmap": ("ozgdesk.ui.pages.roadmap", "RoadmapPage"),
}


class _Pages(dict):
    """The step pages by key; a page is created on first access."""

    def __init__(self, create: Callable[[str], StepPage]) -> None:
        super().__init__()
        self._create = create

    def __missing__(self, key: str) -> StepPage:
        page = self._create(key)
        self[key] = page
        return page


def _status_icon(status: StepStatus) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    background, foreground = STATUS_COLOURS[status]
    painter.setPen(QColor(foreground))
    painter.setBrush(QColor(foreground if status is StepStatus.DONE else background))
    painter.drawEllipse(1, 1, 12, 12)
    painter.end()
    return QIcon(pixmap)


class MainWindow(WindowMenus, WindowActions, QMainWindow):
    def __init__(self, project: Project, settings: AppSettings, start_step: int = 0) -> None:
        super().__init__()
        self._start_step = start_step  # 0: start page, 1-5: that step
        self.settings = settings
        self.project: Project | None = None
        self.pages: dict[str, StepPage] = {}
        self.setObjectName("mainWindow")
        self.setMinimumSize(QSize(900, 560))

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("stepList")
        self.sidebar.setAccessibleName(self.tr("Schritte"))
        self.sidebar.setFixedWidth(210)
        self.sidebar.setIconSize(QSize(14, 14))
        self.sidebar.setSpacing(2)
        self.sidebar.setStyleSheet("QListWidget#stepList::item { padding: 8px 6px; }")
        for step in STEPS:
            item = QListWidgetItem(f"{step.number}  {step.title}")
            item.setData(Qt.ItemDataRole.UserRole, step.key)
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self.show_step)
        self.start_button = QPushButton(self.tr("Start: Überblick"))
        self.start_button.setObjectName("startButton")
        self.start_button.setAccessibleName(self.tr("Startseite mit Überblick"))
        self.start_button.setShortcut(QKeySequence("Ctrl+0"))
        self.start_button.setToolTip(
            self.tr("Die fünf Schritte, offene Aufgaben und nächste Termine (Strg+0)")
        )
        self.start_button.clicked.connect(self.show_start)
        self.start_page: StartPage | None = None

        self.stack = QStackedWidget()
        self.stack.setObjectName("stepPages")

        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#readOnlyBanner { background: #fff3c4; color: #5a4300; padding: 6px 10px; "
            "border-bottom: 1px solid #e0c870; }"
        )
        self.banner.hide()

        navigation = QVBoxLayout()
        navigation.setContentsMargins(0, 0, 0, 0)
        navigation.addWidget(self.start_button)
        navigation.addWidget(self.sidebar, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(navigation)
        body.addWidget(self.stack, 1)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.undo_stack = QUndoStack(self)
        self._backup_task: BackgroundTask | None = None
        self._last_backup = time.monotonic()
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.backup_if_due)
        self.backup_timer.start()
        self._build_menus()

        self._shown_once = False
        self.place_on_screen(settings.geometry())
        self.set_project(project)

    # -- size and position --------------------------------------------------------------

    def place_on_screen(self, geometry: QByteArray | None) -> None:
        window_geometry.place_on_screen(self, geometry)

    def _clamp_to_screen(self) -> None:
        window_geometry.clamp_to_screen(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self._clamp_to_screen()  # now with the real frame (the window manager may add it
            QTimer.singleShot(250, self, self._clamp_to_screen)  # a moment later)

    # -- project ------------------------------------------------------------------------

    def set_project(self, project: Project) -> None:
        """Show ``project``; the previous one is closed."""
        old = self.project
        self.project = project
        for page in [*self.pages.values(), *([self.start_page] if self.start_page else [])]:
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = _Pages(self._create_page)
        self.start_page = None  # built on first use (show_start)
        self.undo_stack.clear()
        if old is not None and old is not project:
            self.wait_for_backup()
            Loader.of(old).wait()
            try:
                old.close()
            except ProjectError as error:
                messages.show_project_error(self, error)
            except OSError as error:
                log.error("Schließen fehlgeschlagen: %s", error)

        facts = {"municipality": overview.summary(project).municipality}
        demo = facts["municipality"] == DEMO_MUNICIPALITY
        marks = ([self.tr("[Demo]")] if demo else []) + (
            [self.tr("[schreibgeschützt]")] if project.read_only else []
        )
        self.setWindowTitle(
            window_title(
                facts["municipality"],
                project.location if project.is_server else project.path,
                marks,
            )
        )
        self.banner.setVisible(project.read_only)
        self.banner.setText(
            self.tr(
                "Schreibgeschützt geöffnet: Sie können alles ansehen und drucken, aber nichts "
                "ändern. Zum Bearbeiten schließen Sie das Projekt an anderer Stelle oder speichern "
                "Sie über „Datei → Kopie speichern unter…“ eine eigene Kopie."
            )
        )
        self.status_label.setText(
            self.tr("%1 · %2 · Änderungen werden automatisch gespeichert")
            .replace("%1", facts["municipality"])
            .replace("%2", project.location)
            if not project.read_only
            else self.tr("%1 · %2 · schreibgeschützt")
            .replace("%1", facts["municipality"])
            .replace("%2", project.location)
        )
        self.status_label.setToolTip(
            self.tr(
                "Jedes Feld wird gespeichert, sobald Sie es verlassen oder kurz nicht tippen; "
                "jede Speicherung ist ein Schritt für Bearbeiten → Rückgängig (Strg+Z)."
            )
        )
        if project.is_server:
            self.settings.add_recent_server(project.location)
        elif not opening.is_throwaway(project.path):
            self.settings.add_recent(project.path)
            self.settings.set_last_project(project.path)
        # statuses need queries over all steps: after the first paint, so the window shows at once
        QTimer.singleShot(DEFERRED_MS, self, self._prefetch)
        if self._start_step:
            if self._start_step == 1:  # its services are read while the page is built
                Loader.of(project).prefetch(
                    "catalogue_table", lambda: overview.catalogue_table(project)
                )
            self.sidebar.setCurrentRow(self._start_step - 1)
            self._start_step = 0
        else:
            self.show_start()
        if not project.read_only:
            QTimer.singleShot(  # bound to the window: cancelled if it goes away first
                BACKUP_ON_OPEN_DELAY_MS,
                self,
                lambda p=project: self.backup_in_background(p, "beim-Oeffnen"),
            )

    def refresh_status(self, wait: bool = True) -> None:
        """Show each step's status in the sidebar and on its page (worked out on the
        loader's thread when that takes a while; see ``Loader.fetch`` for ``wait``)."""
        if self.project is None or self.project.closed:  # a deferred call after closing
            return
        project = self.project
        Loader.of(project).fetch(
            "step_states", lambda: step_states(project), self._show_status, wait=wait
        )

    def _prefetch(self) -> None:
        """Right after opening: the sidebar status, then what step 1 and 2 show (on the
        loader's thread, one after the other)."""
        if self.project is None or self.project.closed:
            return
        project = self.project
        self.refresh_status()
        loader = Loader.of(project)
        loader.prefetch("relevant_table", lambda: overview.relevant_table(project))
        loader.prefetch("catalogue_table", lambda: overview.catalogue_table(project))
        loader.prefetch("suggestions", lambda: relevance.suggestions(project))
        QTimer.singleShot(PAGE_BUILD_GAP_MS, self, lambda: self._build_next_page(project))

    def _build_next_page(self, project: Project) -> None:
        """Build the step pages not visited yet, one per short pause, while the user looks
        at the first page: a later first visit only fills the page (building one also
        prepares Qt's widget classes, which takes a moment the first time)."""
        if project is not self.project:
            return
        missing = [key for key in PAGE_CLASSES if key not in self.pages]
        if missing:
            self.pages[missing[0]]  # noqa: B018 - _Pages builds it on access
            QTimer.singleShot(PAGE_BUILD_GAP_MS, self, lambda: self._build_next_page(project))

    def _show_status(self, states: dict[str, StepState]) -> None:
        for row, step in enumerate(STEPS):
            state = states[step.key]
            item = self.sidebar.item(row)
            item.setIcon(_status_icon(state.status))
            text = status_text(state.status)
            item.setText(f"{step.number}  {step.title}\n     {text}")
            item.setToolTip(
                self.tr("Schritt %1 – %2").replace("%1", step.title).replace("%2", text)
            )
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, text)
            if step.key in self.pages:
                self.pages[step.key].apply_state(state)

    def _leave_current(self) -> bool:
        """Before another page (or project) is shown: save pending edits of the current one;
        False if the user wants to stay at an incomplete form."""
        page = self.stack.currentWidget()
        if isinstance(page, StepPage):
            return page.leave()
        return True

    def _reselect_current(self) -> None:
        page = self.stack.currentWidget()
        row = (
            next(i for i, s in enumerate(STEPS) if s.key == page.step.key)
            if isinstance(page, StepPage)
            else -1
        )
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)

    def print_current(self) -> None:
        """Strg+P: the current step's main document in the print preview."""
        page = self.stack.currentWidget()
        if isinstance(page, StepPage):
            page.print_main()
        else:
            messages.info(
                self,
                self.tr("Drucken"),
                self.tr(
                    "Wählen Sie links einen Schritt: Strg+P druckt dessen Hauptdokument "
                    "(z. B. in Schritt 3 die Workshop-Unterlagen)."
                ),
            )

    def show_start(self) -> None:
        leaving = self.start_page is not None and self.stack.currentWidget() is not self.start_page
        if leaving and not self._leave_current():
            self._reselect_current()
            return
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(-1)
        self.sidebar.clearSelection()
        self.sidebar.blockSignals(False)
        if self.start_page is None:
            from ozgdesk.ui.pages.start import StartPage

            assert self.project is not None
            self.start_page = StartPage(self.project)
            self.start_page.open_step.connect(lambda number: self.sidebar.setCurrentRow(number - 1))
            pad_labels(self.start_page)
            self.stack.addWidget(self.start_page)
        self.stack.setCurrentWidget(self.start_page)
        self.start_page.activate()

    def _create_page(self, key: str) -> StepPage:
        import importlib

        assert self.project is not None
        module, name = PAGE_CLASSES[key]
        step = next(s for s in STEPS if s.key == key)
        page = getattr(importlib.import_module(module), name)(step, self.project)
        page.set_undo_stack(self.undo_stack)
        page.status_changed.connect(self.refresh_status)
        self.stack.addWidget(page)
        fit_all_headers(page)
        pad_labels(page)
        return page

    def show_step(self, row: int) -> None:
        if row < 0 or self.project is None:
            return
        key = STEPS[row].key
        current = self.stack.currentWidget()
        if key in self.pages and current is self.pages[key]:
            return
        if not self._leave_current():
            self._reselect_current()
            return
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        page.activate()
        self.refresh_status(wait=False)  # the page first; its status follows

    def current_page(self) -> StepPage:  # the current step page (not the start page)
        page = self.stack.currentWidget()
        assert isinstance(page, StepPage)
        return page

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.project is not None and not self._leave_current():
            event.ignore()
            return
        self.settings.set_geometry(self.saveGeometry())
        self.settings.sync()
        self.backup_timer.stop()
        self.wait_for_backup()
        if self.project is not None:
            project, self.project = self.project, None
            try:
                project.close()
            except (ProjectError, OSError) as error:
                local = project.path
                messages.info(
                    self,
                    self.tr("Zurückschreiben fehlgeschlagen"),
                    self.tr(
                        "Die Arbeitskopie konnte nicht auf das Netzlaufwerk zurückgeschrieben werden (%1). "
                        "Ihre Änderungen sind nicht verloren: sie liegen in „%2“. Öffnen Sie das Projekt erneut, "
                        "wenn das Netzlaufwerk wieder erreichbar ist."
                    )
                    .replace("%1", describe(error))
                    .replace("%2", str(local)),
                )
        super().closeEvent(event)
