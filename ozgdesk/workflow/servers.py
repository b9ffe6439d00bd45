"""Projects on a PostgreSQL server, for the GUI: addresses, passwords, opening.

The GUI reaches the store through the workflow; this module is that way for the server mode
(``store/server*.py`` hold the substance)."""

from __future__ import annotations

from ozgdesk.store.project import Project
from ozgdesk.store.server_address import (
    AddressError,
    ServerAddress,
    redact,
    save_password_in_keyring,
)

__all__ = ["AddressError", "ServerAddress", "open_server", "redact", "save_password_in_keyring"]


def open_server(address: ServerAddress, read_only: bool = False) -> Project:
    """The project in the database at ``address`` (see ``store/server.py``)."""
    from ozgdesk.store.server import ServerProject

    return ServerProject.open(address, read_only=read_only)
