"""Raw sqlite3 connections with ozgdesk's pragmas (no SQLAlchemy import).

Pragmas on every connection:
- ``foreign_keys=ON``: references are checked;
- ``synchronous=FULL``: a commit is on disk before it returns;
- ``journal_mode=DELETE``: the classic rollback journal, which (unlike WAL)
  works on network shares, where project files sometimes live;
- ``busy_timeout``: wait a little for another reader instead of failing at once;
- ``secure_delete=ON``: deleted or overwritten content is overwritten with zeros, so an
  erased person cannot be read from free space in the file (not every SQLite build has
  this on by default; Windows' may not).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

BUSY_TIMEOUT_MS = 5000


def _uri(path: Path, read_only: bool) -> str:
    mode = "ro" if read_only else "rw"
    return f"file:{quote(str(Path(path).resolve()))}?mode={mode}"


def read_only_uri(path: Path | str) -> str:
    """``file:`` URI opening ``path`` read-only (for ``sqlite3.connect(..., uri=True)``).

    The path is percent-encoded: "#", "?" and "%" are legal in file and folder names
    but would otherwise end or change the path inside the URI."""
    return _uri(Path(path), read_only=True)


def apply_pragmas(conn: sqlite3.Connection, read_only: bool = False) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    if read_only:
        conn.execute("PRAGMA query_only = ON")
    else:
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA journal_mode = DELETE")


def connect(path: Path, read_only: bool = False, create: bool = False) -> sqlite3.Connection:
    """Open a connection in autocommit mode; transactions are begun explicitly."""
    uri = _uri(path, read_only)
    if create and not read_only:
        uri = uri.replace("mode=rw", "mode=rwc")
    conn = sqlite3.connect(
        uri,
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_MS / 1000,
    )
    try:
        apply_pragmas(conn, read_only)
    except BaseException:
        conn.close()
        raise
    return conn


def pragma_int(conn: sqlite3.Connection, name: str) -> int:
    return int(conn.execute(f"PRAGMA {name}").fetchone()[0])


def sqlite_style(raw: object) -> sqlite3.Connection:
    """A driver connection (under a SQLAlchemy session) with sqlite3's execute interface:
    itself on a file, a ``ServerConnection`` on a server (``?`` placeholders translated)."""
    if isinstance(raw, sqlite3.Connection):
        return raw
    from ozgdesk.store.server_connection import ServerConnection

    return ServerConnection(raw)  # type: ignore[return-value]  # the same execute/fetch interface


def continue_ids(conn: sqlite3.Connection, tables: tuple[str, ...]) -> None:
    """After rows were inserted with explicit ids: a server's id sequences continue after the
    highest id (SQLite needs nothing)."""
    if isinstance(conn, sqlite3.Connection):
        return
    for table in tables:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f'COALESCE((SELECT max(id) FROM "{table}"), 0) + 1, false)'
        )
