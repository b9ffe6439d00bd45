"""The main window's actions: open, create, connect, copy, back up, project settings, help."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QStackedWidget

from ozgdesk import paths
from ozgdesk.errortext import describe
from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages, opening
from ozgdesk.ui.pages.base import StepPage
from ozgdesk.ui.settings import AppSettings
from ozgdesk.ui.tasks import BackgroundTask
from ozgdesk.workflow import overview

if TYPE_CHECKING:
    _Window = QMainWindow
else:
    _Window = object  # a mixin: MainWindow is the QMainWindow

log = logging.getLogger(__name__)

BACKUP_INTERVAL_S = 30 * 60


class WindowActions(_Window):
    """Mixed into MainWindow, which holds the attributes declared here."""

    project: Project | None
    settings: AppSettings
    undo_stack: QUndoStack
    stack: QStackedWidget
    pages: dict[str, StepPage]
    _backup_task: BackgroundTask | None
    _last_backup: float

    if TYPE_CHECKING:

        def set_project(self, project: Project) -> None: ...
        def _leave_current(self) -> bool: ...
        def refresh_status(self, wait: bool = True) -> None: ...

    # -- actions ------------------------------------------------------------------------

    def new_project(self) -> None:
        if not self._leave_current():
            return
        project = opening.create_interactive(self)
        if project is not None:
            self.set_project(project)

    def open_project(self) -> None:
        if not self._leave_current():
            return
        start = self.project.path.parent if self.project else None
        project = opening.choose_and_open(self, start, self.settings)
        if project is not None:
            self.set_project(project)

    def open_recent(self, path: Path) -> None:
        if not self._leave_current():
            return
        if self.project is not None and path == self.project.path:
            return
        project = opening.open_path(self, path, self.settings)
        if project is None:
            if not path.exists():
                self.settings.remove_recent(path)
            return
        self.set_project(project)

    def connect_server(self) -> None:
        """Datei → Mit Server verbinden…: a municipality's project on a PostgreSQL server."""
        from ozgdesk.ui.dialogs.server_dialog import ServerDialog
        from ozgdesk.ui.server_opening import open_server

        if not self._leave_current():
            return
        dialog = ServerDialog(self, self.settings.recent_servers())
        if not self.run_dialog(dialog):
            return
        project = open_server(
            self, dialog.chosen(), dialog.read_only.isChecked(), dialog.remember.isChecked()
        )
        if project is not None:
            self.set_project(project)

    def open_demo(self) -> None:
        if not self._leave_current():
            return
        project = opening.open_demo(self)
        if project is not None:
            self.set_project(project)

    def save_copy(self) -> None:
        assert self.project is not None
        suggestion = self.project.path.with_name(
            self.project.path.stem + " (Kopie)" + paths.PROJECT_SUFFIX
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Kopie speichern unter"),
            str(suggestion),
            self.tr("ozgdesk-Projekte (*.ozgdesk)"),
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() != paths.PROJECT_SUFFIX:
            target = target.with_name(target.name + paths.PROJECT_SUFFIX)
        try:
            self.project.save_copy(target)
        except ProjectError as error:
            messages.show_project_error(self, error)
            return
        self.statusBar().showMessage(
            self.tr("Kopie gespeichert: %1").replace("%1", str(target)), 8000
        )

    # -- backups ------------------------------------------------------------------------------

    def backup_in_background(self, project: Project, reason: str) -> None:
        """Back up without blocking the window (on open, and every 30 minutes with changes)."""
        if project is not self.project or project.read_only:
            return
        if self._backup_task is not None and self._backup_task.isRunning():
            return
        self._last_backup = time.monotonic()
        task = BackgroundTask(lambda _progress, _cancelled: project.backup(reason))
        task.failed.connect(self._backup_failed)
        task.succeeded.connect(lambda path: log.info("Sicherung angelegt: %s", path))
        self._backup_task = task
        task.start()

    def backup_if_due(self) -> None:
        project = self.project
        if project is None or project.read_only or project.changes == 0:
            return
        if time.monotonic() - self._last_backup >= BACKUP_INTERVAL_S:
            self.backup_in_background(project, "regelmaessig")

    def _backup_failed(self, error: BaseException) -> None:
        log.error("Sicherung fehlgeschlagen", exc_info=error)
        self.statusBar().showMessage(
            self.tr("Die automatische Sicherung ist fehlgeschlagen: %1").replace(
                "%1", describe(error)
            ),
            15000,
        )

    def wait_for_backup(self) -> None:
        if self._backup_task is not None:
            self._backup_task.wait()

    def _district_team(self, action: str) -> None:
        """Datei → Vorlage weitergeben / übernehmen / Kreisübersicht (ui/sharing_actions.py,
        imported on first use: start-up does not pay for it)."""
        from ozgdesk.ui import sharing_actions

        getattr(sharing_actions, action)(self)

    def show_backups(self) -> None:
        from ozgdesk.ui.dialogs.backups_dialog import BackupsDialog

        assert self.project is not None
        self.wait_for_backup()
        dialog = BackupsDialog(self.project, self)
        dialog.exec()
        if dialog.restored:
            self.set_project(self.project)

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show ``dialog`` modally (tests replace this); True when it was accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_project_settings(self) -> None:
        """Datei → Projekteinstellungen: kind, title, AGS, ARS and district (undoable)."""
        from ozgdesk.ui.dialogs.project_settings import ProjectSettingsDialog
        from ozgdesk.ui.undo import push_done
        from ozgdesk.workflow import identity

        project = self.project
        if project is None:
            return
        if project.read_only:
            messages.info(
                self,
                self.tr("Projekteinstellungen"),
                self.tr(
                    "Das Projekt ist schreibgeschützt geöffnet; die Einstellungen lassen "
                    "sich nur ansehen, nicht ändern."
                ),
            )
            return
        current = identity.read(project)
        municipality = overview.summary(project).municipality
        dialog = ProjectSettingsDialog(municipality, current, self)
        if not self.run_dialog(dialog):
            return
        new = dialog.identity()
        if new == current:
            return
        identity.save(project, new)  # the dialog has validated it

        def apply(value: identity.Identity) -> None:
            identity.save(project, value)
            self.identity_changed()

        push_done(
            self.undo_stack,
            self.tr("Projekteinstellungen ändern"),
            lambda: apply(new),
            lambda: apply(current),
        )
        self.identity_changed()

    def identity_changed(self) -> None:
        """The kind of municipality decides step 1's suggestions: show them anew."""
        if "overview" in self.pages:
            self.pages["overview"].catalogue.refresh_suggestions()  # type: ignore[attr-defined]  # only the overview page has the catalogue panel
        self.refresh_status(wait=False)

    def show_help(self) -> None:
        from ozgdesk.ui.dialogs.help_dialog import HelpDialog

        page = self.stack.currentWidget()
        key = page.step.key if isinstance(page, StepPage) else "overview"
        HelpDialog.for_step(key, self).exec()

    def show_shortcuts(self) -> None:
        from ozgdesk.ui.dialogs.help_dialog import HelpDialog

        HelpDialog.shortcuts(self).exec()

    def show_about(self) -> None:
        from ozgdesk.ui.dialogs.about import AboutDialog

        AboutDialog(self).exec()
