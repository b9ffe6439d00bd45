"""Reading a project's stored state in tests, on either backend (file or server).

``dump`` gives the whole content as text (for "nothing changed" checks); ``query`` and
``execute`` run SQL on a connection of their own, outside the project's connections, so a
test sees what is committed, as another user would."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def _is_file(where: Any) -> bool:
    return isinstance(where, str | Path) or not getattr(where, "is_server", False)


def _path(where: Any) -> Path:
    return Path(where) if isinstance(where, str | Path) else where.path


def dump(where: Any) -> str:
    """Every row of every table, as text: a path or a file project via SQLite's iterdump, a
    server project table by table in primary-key order (the revision counter left out)."""
    if _is_file(where):
        conn = sqlite3.connect(f"file:{_path(where)}?mode=ro", uri=True)
        try:
            return "\n".join(conn.iterdump())
        finally:
            conn.close()
    from sqlmodel import SQLModel

    import ozgdesk.store.models  # noqa: F401
    from ozgdesk.store.server_connection import connect

    conn = connect(where.address)
    try:
        lines = []
        for table in SQLModel.metadata.sorted_tables:
            order = ", ".join(c.name for c in table.primary_key.columns)
            for row in conn.execute(f'SELECT * FROM "{table.name}" ORDER BY {order}'):
                lines.append(f"{table.name}: {row!r}")
        (version,) = conn.execute("SELECT schema_version FROM ozgdesk_meta").fetchone()
        lines.append(f"schema {version}")
        return "\n".join(lines)
    finally:
        conn.close()


def _connect(where: Any) -> Any:
    if _is_file(where):
        return sqlite3.connect(_path(where))
    from ozgdesk.store.server_connection import connect

    return connect(where.address)


def query(where: Any, sql: str, *args: object) -> list[tuple]:  # type: ignore[type-arg]
    conn = _connect(where)
    try:
        return [tuple(r) for r in conn.execute(sql, args).fetchall()]
    finally:
        conn.close()


def dicts(where: Any, sql: str, *args: object) -> list[dict[str, Any]]:
    conn = _connect(where)
    try:
        cursor = conn.execute(sql, args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        conn.close()


def execute(where: Any, *statements: str | tuple[str, tuple[object, ...]]) -> None:
    """Run the statements (SQL, or (SQL, params)) in one committed transaction; on a server
    the revision counter is raised, as every write of ozgdesk does."""
    conn = _connect(where)
    try:
        if _is_file(where):
            for s in statements:
                sql, params = (s, ()) if isinstance(s, str) else s
                conn.execute(sql, params)
            conn.commit()
        else:
            with conn.raw.transaction():
                for s in statements:
                    sql, params = (s, ()) if isinstance(s, str) else s
                    conn.execute(sql, params)
                conn.execute("UPDATE ozgdesk_meta SET revision = revision + 1")
    finally:
        conn.close()


def location_args(project: Any) -> list[str]:
    """The command line's ``--project PATH`` or ``--db URL`` for this project."""
    if _is_file(project):
        return ["--project", str(_path(project))]
    return ["--db", project.address.url()]


def reopen(project: Any, read_only: bool = False) -> Any:
    """The same project opened again (after the test closed it)."""
    from ozgdesk.store.opening import open_project

    where = _path(project) if _is_file(project) else project.address.url()
    return open_project(where, read_only=read_only)


def fingerprint(project: Any) -> Any:
    """Changes with any write at all: a file's bytes; on a server its content and its
    revision counter (which every committed write transaction raises)."""
    if _is_file(project):
        return _path(project).read_bytes()
    (revision,) = query(project, "SELECT revision FROM ozgdesk_meta")[0]
    return (revision, dump(project))
