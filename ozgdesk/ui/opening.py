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
from ozgdesk.store.errors import (
    CorruptProjectError,
    ProjectError,
    ProjectLockedError,
    ReadOnlyError,
)
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.tasks import run_with_progress

log = logging.getLogger(__name__)


def open_path(parent: QWidget | None, path: Path, settings=None) -> Project | None:
    """Open a project with every expected problem handled in a dialog: locked or
    read-only (offer read-only), damaged (offer the newest backup), on a network
    share (offer a local working copy)."""
    from ozgdesk.workflow.safety import is_network_path

    if is_network_path(path) and path.exists():
        choice = _network_choice(parent, path, settings)
        if choice < 0:
            return None
        if choice == 0:
            return _open_with(parent, path, lambda: Project.open_working_copy(path))
    return _open_with(parent, path, lambda: Project.open(path))


def _network_choice(parent: QWidget | None, path: Path, settings) -> int:
    """0: local working copy, 1: directly on the share, -1: cancel. Asked once per file."""
    remembered = settings.network_choice(path) if settings is not None else None
    if remembered is not None:
        return int(remembered)
    choice = messages.choose(
        parent,
        QCoreApplication.translate("Opening", "Projekt auf einem Netzlaufwerk"),
        QCoreApplication.translate(
            "Opening",
            "„%1“ liegt auf einem Netzlaufwerk. SQLite-Dateien können dort bei Verbindungsabbrüchen "
            "beschädigt werden. Empfohlen: ozgdesk arbeitet mit einer lokalen Kopie und schreibt sie beim "
            "Schließen sicher zurück; die Datei im Netz bleibt so lange für andere gesperrt.",
        ).replace("%1", str(path)),
        [
            QCoreApplication.translate("Opening", "Mit lokaler Kopie arbeiten (empfohlen)"),
            QCoreApplication.translate("Opening", "Direkt auf dem Netzlaufwerk arbeiten"),
        ],
    )
    if choice >= 0 and settings is not None:
        settings.set_network_choice(path, choice)
    return choice


def _open_with(parent: QWidget | None, path: Path, opener) -> Project | None:
    try:
        return run_with_progress(
            parent, QCoreApplication.translate("Opening", "Projekt wird geöffnet …"), opener
        )
    except CorruptProjectError as error:
        return _offer_recovery(parent, path, error)
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


def _offer_recovery(
    parent: QWidget | None, path: Path, error: CorruptProjectError
) -> Project | None:
    """A damaged file: keep it under a new name and offer the newest verified backup."""
    from ozgdesk.workflow import safety as backups

    log.error("Beschädigte Projektdatei %s: %s", path, error)
    candidate = backups.newest_usable(path)
    if candidate is None:
        messages.show_project_error(parent, error)
        return None
    info = backups.inspect(candidate)
    choice = messages.choose(
        parent,
        error.title,
        error.what,
        [QCoreApplication.translate("Opening", "Sicherung wiederherstellen")],
        QCoreApplication.translate(
            "Opening",
            "Die neueste geprüfte Sicherung ist vom %1 (%2 Leistungen). Die beschädigte Datei wird nicht "
            "gelöscht, sondern unter neuem Namen aufbewahrt.",
        )
        .replace("%1", info.created.strftime("%d.%m.%Y %H:%M"))
        .replace("%2", str(info.counts.get("services", "?")))
        + (f"\n\n{warning}" if (warning := backups.foreign_warning(path, candidate)) else ""),
    )
    if choice != 0:
        return None
    kept = backups.recover(path, candidate)
    messages.info(
        parent,
        QCoreApplication.translate("Opening", "Sicherung wiederhergestellt"),
        QCoreApplication.translate(
            "Opening",
            "Das Projekt wurde aus der Sicherung vom %1 wiederhergestellt. Die beschädigte Datei liegt unter „%2“.",
        )
        .replace("%1", info.created.strftime("%d.%m.%Y %H:%M"))
        .replace("%2", str(kept)),
    )
    try:
        return Project.open(path)
    except ProjectError as second:
        messages.show_project_error(parent, second)
        return None


def choose_and_open(
    parent: QWidget | None, start: Path | None = None, settings=None
) -> Project | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Opening", "Projekt öffnen"),
        str(start or paths.documents_dir()),
        QCoreApplication.translate("Opening", "ozgdesk-Projekte (*.ozgdesk);;Alle Dateien (*)"),
    )
    return open_path(parent, Path(chosen), settings) if chosen else None


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
