"""The file-level helpers below :class:`~ozgdesk.store.project.Project`.

Checks before a file is opened (the SQLite header, write access, a backup's identity,
a server address given as a file name), building a new project file under a temporary
name and moving it into place, the project's ``uid``, and the translation of SQLite
errors into our German ProjectErrors.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ozgdesk import __version__
from ozgdesk.store.connection import connect, pragma_int, read_only_uri
from ozgdesk.store.errors import (
    CorruptProjectError,
    NewerSchemaError,
    NotAProjectError,
    ProjectError,
    ProjectExistsError,
    ProjectNotFoundError,
    ReadOnlyError,
    translate_sqlite_error,
)
from ozgdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION, SQLITE_HEADER

if TYPE_CHECKING:
    from sqlmodel import Session


def check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise NotAProjectError(path, " (es ist ein Ordner)") from None
    except PermissionError:
        raise ReadOnlyError(path) from None
    if not header:
        raise NotAProjectError(path, " (die Datei ist leer)")
    if header != SQLITE_HEADER:
        raise NotAProjectError(path)


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def uid(conn: sqlite3.Connection) -> str:
    try:
        row = conn.execute("SELECT uid FROM project_info ORDER BY id LIMIT 1").fetchone()
    except sqlite3.Error:  # files from before the uid column
        return ""
    return str(row[0]) if row and row[0] else ""


def new_uid(path: Path) -> None:
    conn = connect(path)
    try:
        with contextlib.suppress(sqlite3.OperationalError):  # files from before the uid column
            conn.execute("UPDATE project_info SET uid = ?", (uuid.uuid4().hex,))
    finally:
        conn.close()


def check_backup(source: Path) -> None:
    """Refuse a file that is no ozgdesk project, or one from a newer version, with the
    matching message (a damaged one is left to ``backups.verify``)."""
    if not source.is_file():
        raise ProjectNotFoundError(source)
    check_header(source)
    try:
        conn = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            app_id, version = pragma_int(conn, "application_id"), pragma_int(conn, "user_version")
        finally:
            conn.close()
    except sqlite3.Error:
        return
    if app_id != APPLICATION_ID:
        raise NotAProjectError(source, " (es ist eine Datenbank eines anderen Programms)")
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(source, version, SCHEMA_VERSION)


def refuse_address(path: Path | str) -> None:
    """A server address is no file name (it would become a strange file in the current
    folder): the caller meant ``store.opening.open_project`` / ``--db``."""
    if not isinstance(path, str) or "://" not in path:  # the usual case: no import needed
        return
    from ozgdesk.store.server_address import is_server_url, redact

    if is_server_url(path):
        raise ProjectError(
            None,
            f"„{redact(str(path))}“ ist die Adresse eines Datenbankservers, keine Projektdatei.",
            "Geben Sie sie mit „--db“ an (statt „--project“) oder verbinden Sie sich über "
            "„Datei → Mit Server verbinden…“.",
        )


# Opening runs PRAGMA integrity_check on files up to this size, quick_check above it.
FULL_CHECK_MAX_BYTES = 16 * 1024 * 1024


def check_and_upgrade(conn: sqlite3.Connection, path: Path, read_only: bool) -> Path | None:
    app_id = pragma_int(conn, "application_id")
    version = pragma_int(conn, "user_version")
    if app_id != APPLICATION_ID:
        raise NotAProjectError(path, " (es ist eine Datenbank eines anderen Programms)")
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(path, version, SCHEMA_VERSION)
    check = "integrity_check" if path.stat().st_size <= FULL_CHECK_MAX_BYTES else "quick_check"
    result = conn.execute(f"PRAGMA {check}").fetchone()[0]
    if result != "ok":
        raise CorruptProjectError(path, str(result))
    if version == SCHEMA_VERSION:
        return None
    if read_only:
        raise ProjectError(
            path,
            f"Das Projekt „{path}“ stammt aus einer älteren Version von ozgdesk und muss "
            "aktualisiert werden; schreibgeschützt ist das nicht möglich.",
            "Öffnen Sie es einmal mit Schreibrechten; vorher wird automatisch eine "
            "Sicherung angelegt.",
        )
    from ozgdesk.store import backups

    saved = backups.create(conn, path, f"vor-Update-v{version}")
    from ozgdesk.store import migrate

    migrate.upgrade(path)
    return saved


def translate(exc: BaseException, path: Path) -> BaseException:
    return translate_sqlite_error(exc, path) or exc


@contextlib.contextmanager
def sqlite_errors_translated(path: Path) -> Iterator[None]:
    """SQLite errors inside the block become our German ProjectErrors where one fits."""
    try:
        yield
    except sqlite3.Error as exc:
        translated = translate(exc, path)
        if translated is exc:
            raise
        raise translated from exc


# -- creating a project file (see Project.create) ----------------------------------------


def build(
    tmp: Path,
    municipality: str,
    website: str,
    populate: Callable[[Session], Any] | None,
) -> None:
    conn = connect(tmp, create=True)
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    finally:
        conn.close()
    from ozgdesk.store import migrate

    migrate.upgrade(tmp)
    from sqlmodel import Session

    from ozgdesk.store.engine import make_engine
    from ozgdesk.store.models import ProjectInfo

    engine = make_engine(tmp)
    try:
        with Session(engine) as session, session.begin():
            session.add(
                ProjectInfo(
                    municipality=municipality.strip(),
                    website=website.strip(),
                    created_at=datetime.now(UTC).replace(microsecond=0),
                    created_with=f"ozgdesk {__version__}",
                    uid=uuid.uuid4().hex,
                )
            )
            if populate is not None:
                populate(session)
    finally:
        engine.dispose()


def move_into_place(tmp: Path, path: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows: rename refuses to overwrite
        try:
            os.rename(tmp, path)
        except FileExistsError:
            raise ProjectExistsError(path) from None
        return
    try:
        os.link(tmp, path)  # fails instead of overwriting a file that appeared meanwhile
    except FileExistsError:
        raise ProjectExistsError(path) from None
    except OSError:  # file systems without hard links (some shares)
        if path.exists():
            raise ProjectExistsError(path) from None
        os.rename(tmp, path)
        return
    tmp.unlink()
