"""Open or create a project by where it lives: a file path, or a server address
(``postgresql://…``). The CLI's ``--project PATH`` / ``--db URL`` both end here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ozgdesk.store.project import Project
from ozgdesk.store.server_address import is_server_url


def open_project(location: Path | str, read_only: bool = False) -> Project:
    """The project at ``location``: a file (:meth:`Project.open`) or a server database
    (:meth:`ServerProject.open`, imported only then)."""
    if is_server_url(location):
        from ozgdesk.store.server import ServerProject

        return ServerProject.open(str(location), read_only=read_only)
    return Project.open(location, read_only=read_only)


def creator_for(location: Path | str) -> Callable[..., Any]:
    """``Project.create`` or ``ServerProject.create``, by the kind of ``location``."""
    if is_server_url(location):
        from ozgdesk.store.server import ServerProject

        return ServerProject.create
    return Project.create
