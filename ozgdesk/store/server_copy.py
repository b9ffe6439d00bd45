"""Copies between a project file and a server database, both ways, verified.

- :func:`to_file`: the server's state (one consistent snapshot) as a local project file:
  the backup of a server project, and the way back to a laptop (``ozgdesk backup --db``).
- :func:`upload`: a local project file into an empty server database (``ozgdesk upload``).
- :func:`replace_from_file`: a server project's content replaced by a backup file.

Rows are copied table by table in the order of their references, through SQLAlchemy Core
(so dates, times and booleans are stored exactly as each backend's own writes store them);
each direction is one transaction, and the row counts of every table are compared before
it commits: a copy is complete or not there.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ozgdesk.store.schema import APPLICATION_ID, SERVER_META_TABLE

if TYPE_CHECKING:
    from sqlalchemy import Connection, Table

    from ozgdesk.store.server import ServerProject
    from ozgdesk.store.server_address import ServerAddress

BATCH = 5000


class CopyError(RuntimeError):
    """A copy whose row counts do not match (never left behind)."""


def _tables() -> list[Table]:
    from sqlmodel import SQLModel

    import ozgdesk.store.models  # noqa: F401 - registers the tables

    return list(SQLModel.metadata.sorted_tables)


def _copy_rows(source: Connection, target: Connection) -> dict[str, int]:
    """Every model table's rows from ``source`` into the (emptied) tables of ``target``."""
    from sqlalchemy import delete, func, insert, select

    counts: dict[str, int] = {}
    tables = _tables()
    for table in reversed(tables):
        target.execute(delete(table))
    for table in tables:
        result = source.execute(select(table).order_by(*table.primary_key.columns))
        copied = 0
        while batch := result.fetchmany(BATCH):
            target.execute(insert(table), [row._asdict() for row in batch])
            copied += len(batch)
        counts[table.name] = copied
    for table in tables:
        (stored,) = target.execute(select(func.count()).select_from(table)).one()
        if stored != counts[table.name]:
            raise CopyError(f"{table.name}: {stored} statt {counts[table.name]} Zeilen")
    return counts


def _reset_sequences(target: Connection) -> None:
    """After copying ids in: the server's id sequences continue after the highest id."""
    from sqlalchemy import text

    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and pk[0].autoincrement in (True, "auto") and pk[0].name == "id":
            target.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
                )
            )


def _file_engine(path: Path, create: bool = False):
    from ozgdesk.store.connection import connect
    from ozgdesk.store.engine import make_engine

    if create:
        connect(path, create=True).close()
    return make_engine(path, foreign_keys=False)


def to_file(project: ServerProject, dest: Path) -> Path:
    """Write the server's current state as a verified project file at ``dest`` (which must
    not exist yet; built under a temporary name and then moved there)."""
    from ozgdesk.store import backups, migrate
    from ozgdesk.store.connection import connect
    from ozgdesk.store.errors import CorruptProjectError
    from ozgdesk.store.project import Project
    from ozgdesk.store.server import make_engine

    dest = Path(dest).absolute()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    server = make_engine(project.address, read_only=True)
    try:
        raw = connect(tmp, create=True)
        try:
            raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        finally:
            raw.close()
        migrate.upgrade(tmp)
        local = _file_engine(tmp)
        try:
            snapshot = server.connect().execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            with snapshot, snapshot.begin(), local.begin() as target:
                _copy_rows(snapshot, target)
        finally:
            local.dispose()
        problem = backups.verify(tmp)
        if problem:
            raise CorruptProjectError(tmp, problem)
        Project._move_into_place(tmp, dest)
    except BaseException as exc:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        translated = project._translate_error(exc)
        if translated is exc:
            raise
        raise translated from exc
    finally:
        server.dispose()
    return dest


def backup(project: ServerProject, reason: str) -> Path:
    """A verified local backup of the server's state in the project's backup folder."""
    from ozgdesk.store import backups
    from ozgdesk.store.backup import backup_name

    folder = backups.folder_for(project.path)
    saved = to_file(project, folder / backup_name(project.path, reason))
    with contextlib.suppress(OSError):
        backups.prune(folder)
    return saved


def _into_server(address: ServerAddress, source: Path, revision_bump: bool) -> dict[str, int]:
    from sqlalchemy import text

    from ozgdesk.store.server import make_engine

    local = _file_engine(source)
    server = make_engine(address)
    try:
        with local.connect() as reading, reading.begin(), server.begin() as target:
            counts = _copy_rows(reading, target)
            _reset_sequences(target)
            if revision_bump:
                target.execute(text(f"UPDATE {SERVER_META_TABLE} SET revision = revision + 1"))
        return counts
    finally:
        local.dispose()
        server.dispose()


def upload(source: Path, address: ServerAddress | str) -> dict[str, int]:
    """Put the project file ``source`` into the empty database at ``address``: the schema
    first (``ServerProject.create`` without a catalogue), then every row in one
    transaction. The file is only read; it must be at the current schema (open it once
    with this version to upgrade it). Returns the rows copied per table."""
    from ozgdesk.store.project import Project
    from ozgdesk.store.server import ServerProject
    from ozgdesk.store.server_address import ServerAddress

    if isinstance(address, str):
        address = ServerAddress.parse(address)
    Project.open(source, read_only=True).close()  # checks header, id, schema, integrity
    created = ServerProject.create(address, "")
    try:
        try:
            counts = _into_server(address, Path(source), revision_bump=True)
        except BaseException as exc:
            _empty(address)
            translated = created._translate_error(exc)
            if translated is exc:
                raise
            raise translated from exc
    finally:
        created.close()
    return counts


def _empty(address: ServerAddress) -> None:
    """Drop what a failed upload created, so the database is empty again."""
    from ozgdesk.store.server_connection import connect

    with contextlib.suppress(Exception):
        conn = connect(address)
        try:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
        finally:
            conn.close()


def replace_from_file(project: ServerProject, source: Path) -> None:
    """Replace the server project's content with the backup file ``source`` (one
    transaction; other users see the old or the new state, never a mix)."""
    from ozgdesk.store.schema import SCHEMA_VERSION

    with contextlib.closing(_sqlite(source)) as conn:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version < SCHEMA_VERSION:  # an older backup: upgrade a temporary copy first
        import shutil
        import tempfile

        from ozgdesk.store import migrate

        with tempfile.TemporaryDirectory() as folder:
            upgraded = Path(folder) / "alt.ozgdesk"
            shutil.copyfile(source, upgraded)
            migrate.upgrade(upgraded)
            _replace(project, upgraded)
        return
    _replace(project, source)


def _replace(project: ServerProject, source: Path) -> None:
    try:
        _into_server(project.address, source, revision_bump=True)
    except BaseException as exc:
        translated = project._translate_error(exc)
        if translated is exc:
            raise
        raise translated from exc


def _sqlite(path: Path) -> Any:
    import sqlite3

    from ozgdesk.store.connection import read_only_uri

    return sqlite3.connect(read_only_uri(path), uri=True)
