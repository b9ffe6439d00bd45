"""Getting a project open from the GUI: create, open (with read-only fallback), demo.

Each function returns an open Project, or None when the user cancelled or an
expected problem was shown to them.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from ozgdesk import paths
from ozgdesk.store.errors import ProjectError, ProjectLockedError, ReadOnlyError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.tasks import run_with_progress

log = logging.getLogger(__name__)


def open_path(parent: QWidget | None, path: Path) -> Project | None:
    try:
        return run_with_progress(
            parent,
            QCoreApplication.translate("Opening", "Projekt wird geöffnet …"),
            lambda: Project.open(path),
        )
    except (ProjectLockedError, ReadOnlyError) as error:
        if not messages.ask_read_only(parent, error):
            return None
        try:
            return Project.open(path, read_only=True)
        except ProjectError as second:
            messages.show_project_error(parent, second)
            return None
    except ProjectError as error:
        log.warning("Projekt %s nicht geöffnet: %s", path, error)
        messages.show_project_error(parent, error)
        return None


def choose_and_open(parent: QWidget | None, start: Path | None = None) -> Project | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Opening", "Projekt öffnen"),
        str(start or paths.documents_dir()),
        QCoreApplication.translate("Opening", "ozgdesk-Projekte (*.ozgdesk);;Alle Dateien (*)"),
    )
    return open_path(parent, Path(chosen)) if chosen else None


def create(parent: QWidget | None, path: Path, municipality: str, website: str) -> Project | None:
    from ozgdesk.workflow.projects import create_project

    try:
        return run_with_progress(
            parent,
            QCoreApplication.translate(
                "Opening", "Projekt wird angelegt und der Leistungskatalog geladen …"
            ),
            lambda: create_project(path, municipality, website=website),
        )
    except ProjectError as error:
        messages.show_project_error(parent, error)
        return None


def create_interactive(parent: QWidget | None, first_start: bool = False) -> Project | None:
    """Show the new-project dialog and act on the user's choice."""
    from ozgdesk.ui.dialogs.new_project import ACTION_DEMO, ACTION_OPEN, NewProjectDialog

    dialog = NewProjectDialog(parent, first_start=first_start)
    if not dialog.exec():
        return None
    if dialog.action == ACTION_OPEN:
        return choose_and_open(parent)
    if dialog.action == ACTION_DEMO:
        return open_demo(parent)
    return create(parent, dialog.project_path(), dialog.municipality_name(), dialog.website_text())


def demo_path() -> Path:
    """A throw-away location for the demo project."""
    folder = Path(tempfile.mkdtemp(prefix="ozgdesk-demo-"))
    return folder / f"Demo-Musterhausen{paths.PROJECT_SUFFIX}"


def open_demo(parent: QWidget | None) -> Project | None:
    from ozgdesk.workflow.demo import create_demo

    path = demo_path()
    try:
        return run_with_progress(
            parent,
            QCoreApplication.translate("Opening", "Demo-Kommune wird erzeugt …"),
            lambda: create_demo(path),
        )
    except ProjectError as error:
        messages.show_project_error(parent, error)
        return None


def is_throwaway(path: Path) -> bool:
    """True for the demo's temporary copy (kept out of the recent files)."""
    return path.parent.name.startswith("ozgdesk-demo-")
