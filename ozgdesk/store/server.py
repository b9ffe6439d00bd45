"""Projects on a PostgreSQL server: one database per municipality (``--db URL``).

:class:`ServerProject` is a :class:`~ozgdesk.store.project.Project` whose connections go to a
server, so the same workflow code runs on both. What differs, and how:

- **Identity and schema version**: a one-row table ``ozgdesk_meta`` (application_id,
  schema_version, revision) instead of SQLite's PRAGMAs. The schema comes from the same
  alembic migrations; an older database is migrated under an advisory lock (one client at a
  time) after a local backup.
- **Change detection**: ``revision`` counts committed write transactions; every write
  transaction raises it just before its commit (the last statement, so the row is held only
  for the moment of the commit). :meth:`generation` reads it instead of ``data_version``.
- **Several writers**: no lock file; each transaction is atomic on its own, and a concurrent
  edit of the same service is found by its ``version`` (``workflow/conflicts.py``).
- **Backups**: a verified local project file of the server's state (``store/server_copy``).
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ozgdesk import __version__
from ozgdesk.store.errors import NewerSchemaError, NotAProjectError, ProjectError, ReadOnlyError
from ozgdesk.store.project import Project
from ozgdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION, SERVER_META_TABLE
from ozgdesk.store.server_address import ServerAddress
from ozgdesk.store.server_connection import (
    ServerConnection,
    ServerError,
    connect,
    connect_raw,
    translate_server_error,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

log = logging.getLogger(__name__)

MIGRATION_LOCK = 0x4F5A4744  # pg_advisory_xact_lock key: "OZGD"


def _anchor(address: ServerAddress) -> Path:
    from ozgdesk import paths

    return address.anchor(paths.user_data_dir() / "server")


class NotEmptyError(ServerError):
    title = "Datenbank nicht leer"

    def __init__(self, address: ServerAddress) -> None:
        super().__init__(
            address.display,
            f"Die Datenbank „{address.database}“ auf dem Server enthält bereits Tabellen; "
            "ein neues Projekt wird nur in einer leeren Datenbank angelegt.",
            "Öffnen Sie das vorhandene Projekt mit „--db“, oder lassen Sie von Ihrem "
            "IT-Dienstleister eine leere Datenbank anlegen. Es wurde nichts verändert.",
        )


def _meta(conn: ServerConnection, address: ServerAddress) -> tuple[int, int]:
    """(application_id, schema_version) of the database, or NotAProjectError."""
    (exists,) = conn.execute("SELECT to_regclass(?) IS NOT NULL", (SERVER_META_TABLE,)).fetchone()
    if not exists:
        raise NotAProjectError(address.display, " (die Datenbank enthält kein ozgdesk-Projekt)")
    row = conn.execute(f"SELECT application_id, schema_version FROM {SERVER_META_TABLE}").fetchone()
    if row is None:
        raise NotAProjectError(address.display, " (die Projektkennung fehlt)")
    return int(row[0]), int(row[1])


def _has_tables(conn: ServerConnection) -> bool:
    (count,) = conn.execute(
        "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
    ).fetchone()
    return bool(count)


def make_engine(address: ServerAddress, read_only: bool = False) -> Engine:
    """SQLAlchemy engine on our own psycopg connections (same settings as the reads)."""
    from sqlalchemy import create_engine

    return create_engine(
        "postgresql+psycopg://",
        creator=lambda: connect_raw(
            address, read_only=read_only, autocommit=False, text_dates=False
        ),
        pool_size=2,
        max_overflow=8,
        pool_pre_ping=True,
    )


class ServerProject(Project):
    """A project in a PostgreSQL database. Use :meth:`open` or :meth:`create`."""

    is_server = True

    def __init__(self, address: ServerAddress, reader: ServerConnection, read_only: bool) -> None:
        super().__init__(_anchor(address), reader, None, read_only)  # type: ignore[arg-type]  # the reads only use sqlite3's execute/fetch interface, which ServerConnection offers
        self.address = address

    @property
    def location(self) -> str:
        return self.address.display

    def _database_errors(self) -> tuple[type[BaseException], ...]:
        import sqlite3

        import psycopg

        return (psycopg.Error, sqlite3.Error)

    def _translate_error(self, exc: BaseException) -> BaseException:
        return translate_server_error(exc, self.address) or exc

    def _open_reader(self) -> Any:
        return connect(self.address, read_only=True)

    def _before_commit(self, session: Session) -> None:
        from sqlalchemy import text

        session.execute(text(f"UPDATE {SERVER_META_TABLE} SET revision = revision + 1"))

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, address: ServerAddress | str, read_only: bool = False) -> ServerProject:  # type: ignore[override]  # a server address instead of a path
        if isinstance(address, str):
            address = ServerAddress.parse(address)
        conn = connect(address, read_only=read_only)
        try:
            app_id, version = _meta(conn, address)
            if app_id != APPLICATION_ID:
                raise NotAProjectError(
                    address.display, " (es ist eine Datenbank eines anderen Programms)"
                )
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(address.display, version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION:
                if read_only:
                    raise ProjectError(
                        address.display,
                        f"Das Projekt in „{address.display}“ stammt aus einer älteren Version "
                        "von ozgdesk und muss aktualisiert werden; mit einem Lesezugang ist "
                        "das nicht möglich.",
                        "Öffnen Sie es einmal mit einem Zugang, der Änderungen erlaubt.",
                    )
                cls._upgrade(address, conn)
            project = cls(address, conn, read_only)
        except BaseException as exc:
            conn.close()
            translated = translate_server_error(exc, address)
            if translated is None:
                raise
            raise translated from exc
        return project

    @classmethod
    def _upgrade(cls, address: ServerAddress, conn: ServerConnection) -> None:
        from ozgdesk.store import server_copy

        reader = cls(address, conn, read_only=True)
        saved = server_copy.backup(reader, "vor-Update")
        log.info("Sicherung vor dem Update der Serverdatenbank: %s", saved)
        cls._migrate(address)

    @staticmethod
    def _migrate(address: ServerAddress) -> None:
        from sqlalchemy import text

        from ozgdesk.store import migrate

        engine = make_engine(address)
        try:
            with engine.begin() as connection:
                # one client at a time; a second one waits and then finds nothing to do
                connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                migrate.run(connection)
        finally:
            engine.dispose()

    @classmethod
    def create(  # type: ignore[override]  # a server address instead of a path
        cls,
        address: ServerAddress | str,
        municipality: str,
        website: str = "",
        populate: Callable[[Session], Any] | None = None,
        fill: Callable[[Project], Any] | None = None,
    ) -> ServerProject:
        """Fill an empty database with the schema, the project info and whatever
        ``populate`` adds, in one transaction: a failure leaves the database empty."""
        from sqlalchemy import text
        from sqlmodel import Session

        from ozgdesk.store import migrate
        from ozgdesk.store.models import ProjectInfo

        if isinstance(address, str):
            address = ServerAddress.parse(address)
        probe = connect(address)
        try:
            if _has_tables(probe):
                raise NotEmptyError(address)
        finally:
            probe.close()
        engine = make_engine(address)
        try:
            with engine.connect() as connection, connection.begin():
                connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                connection.execute(
                    text(
                        f"CREATE TABLE {SERVER_META_TABLE} (application_id integer NOT "
                        "NULL, schema_version integer NOT NULL, revision bigint NOT NULL)"
                    )
                )
                connection.execute(
                    text(f"INSERT INTO {SERVER_META_TABLE} VALUES (:app, 0, 0)"),
                    {"app": APPLICATION_ID},
                )
                migrate.run(connection)
                with Session(bind=connection) as session:
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
                    session.flush()
        except BaseException as exc:
            translated = translate_server_error(exc, address)
            if translated is None:
                raise
            raise translated from exc
        finally:
            engine.dispose()
        project = cls.open(address)
        if fill is not None:
            fill(project)
        return project

    # -- using ---------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        with self.reading() as conn:
            return int(
                conn.execute(f"SELECT schema_version FROM {SERVER_META_TABLE}").fetchone()[0]
            )

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.address, read_only=self.read_only)
        return self._engine

    def generation(self) -> tuple[int, int]:
        with self._reader_lock, self._errors_translated():
            (revision,) = self._reader.execute(
                f"SELECT revision FROM {SERVER_META_TABLE}"
            ).fetchone()
            return id(self._reader), int(revision)

    @contextlib.contextmanager
    def raw_transaction(self) -> Iterator[Any]:
        if self.read_only:
            raise ReadOnlyError(self.address.display)
        with self._errors_translated():
            raw = connect_raw(self.address, autocommit=False)
            try:
                conn = ServerConnection(raw)
                try:
                    yield conn
                except BaseException:
                    raw.rollback()
                    raise
                conn.execute(f"UPDATE {SERVER_META_TABLE} SET revision = revision + 1")
                raw.commit()
                self.changes += 1
            finally:
                raw.close()

    def vacuum(self) -> None:
        """Rewrite the tables without dead rows (after an erase: the old row versions of
        the erased person are gone from the server's files)."""
        if self.read_only:
            raise ReadOnlyError(self.address.display)
        with self._errors_translated():
            conn = connect(self.address)
            try:
                conn.execute("VACUUM FULL")
            finally:
                conn.close()

    def backup(self, reason: str) -> Path:
        from ozgdesk.store import server_copy

        saved = server_copy.backup(self, reason)
        self.changes = 0
        return saved

    def restore(self, source: Path | str) -> Path:
        from ozgdesk.store import backups, server_copy
        from ozgdesk.store.errors import CorruptProjectError
        from ozgdesk.store.project import _check_backup

        source = Path(source)
        if self.read_only:
            raise ReadOnlyError(self.address.display)
        _check_backup(source)
        problem = backups.verify(source)
        if problem:
            raise CorruptProjectError(source, problem)
        safety = self.backup("vor-Wiederherstellung")
        try:
            server_copy.replace_from_file(self, source)
        finally:
            self._memo.clear()
        self.changes = 0
        return safety

    def save_copy(self, dest: Path | str) -> Path:
        from ozgdesk.store import server_copy
        from ozgdesk.store.errors import ProjectExistsError
        from ozgdesk.store.project import _new_uid

        dest = Path(dest).absolute()
        if dest.exists():
            raise ProjectExistsError(dest)
        copied = server_copy.to_file(self, dest)
        _new_uid(copied)
        return copied

    @classmethod
    def open_working_copy(cls, remote: Path | str) -> Project:  # pragma: no cover - files only
        raise TypeError("working copies are for files on network shares")
