"""Opening a project on a server from the GUI (Datei → Mit Server verbinden…)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.tasks import run_with_progress
from ozgdesk.workflow.servers import ServerAddress, save_password_in_keyring
from ozgdesk.workflow.servers import open_server as open_at

log = logging.getLogger(__name__)


def open_address(parent: QWidget | None, text: str) -> Project | None:
    """``ozgdesk --db URL``: open the address given on the command line (or say why not)."""
    from ozgdesk.workflow.servers import AddressError

    try:
        address = ServerAddress.parse(text)
    except AddressError as error:
        messages.info(parent, QCoreApplication.translate("Opening", "Serveradresse"), str(error))
        return None
    return open_server(parent, address, read_only=False)


def open_server(
    parent: QWidget | None, address: ServerAddress, read_only: bool, remember: bool = False
) -> Project | None:
    """Connect (with a progress dialog); a problem is shown in German and None returned."""
    try:
        project = run_with_progress(
            parent,
            QCoreApplication.translate("Opening", "Verbindung zum Server wird hergestellt …"),
            lambda: open_at(address, read_only=read_only),
        )
    except ProjectError as error:
        log.warning("Server %s nicht geöffnet: %s", address.display, error)
        messages.show_project_error(parent, error)
        return None
    if remember and address.password and not save_password_in_keyring(address, address.password):
        messages.info(
            parent,
            QCoreApplication.translate("Opening", "Passwort nicht gespeichert"),
            QCoreApplication.translate(
                "Opening",
                "Der Schlüsselbund des Systems ist nicht erreichbar; das Passwort wird beim "
                "nächsten Mal wieder abgefragt.",
            ),
        )
    return project
