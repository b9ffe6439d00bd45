"""The one place that creates and opens project files.

Opening a project: check that the file is an SQLite file with our
``application_id``, take the single-writer lock, refuse files from a newer
schema, run ``quick_check``, back up and migrate older files, then hand out
connections with our pragmas. Every edit runs in :meth:`Project.session`, which
commits when the block ends: there is no "save" to forget.

SQLAlchemy and alembic are imported only when first needed, so that showing a
project quickly does not wait for them.

The checks on the file and the building of a new one are in ``store/project_files.py``;
restoring, saving a copy and working copies on a share in ``store/project_copies.py``.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ozgdesk.store import project_copies
from ozgdesk.store.connection import connect, pragma_int
from ozgdesk.store.errors import (
    ProjectError,
    ProjectExistsError,
    ProjectNotFoundError,
    ReadOnlyError,
)
from ozgdesk.store.lock import ProjectLock
from ozgdesk.store.project_files import (
    FULL_CHECK_MAX_BYTES,
    build,
    check_and_upgrade,
    move_into_place,
)
from ozgdesk.store.project_files import check_backup as _check_backup
from ozgdesk.store.project_files import check_header as _check_header
from ozgdesk.store.project_files import new_uid as _new_uid
from ozgdesk.store.project_files import refuse_address as _refuse_address
from ozgdesk.store.project_files import sqlite_errors_translated as _sqlite_errors_translated
from ozgdesk.store.project_files import translate as _translate
from ozgdesk.store.project_files import uid as _uid
from ozgdesk.store.project_files import writable as _writable

# the helpers once defined here stay importable from here (store/server.py uses two)
__all__ = ["FULL_CHECK_MAX_BYTES", "NotCached", "Project", "_check_backup", "_new_uid"]

T = TypeVar("T")

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

log = logging.getLogger(__name__)


class NotCached(Exception):  # noqa: N818 - a signal, not an error
    """Raised by :meth:`Project.memo` inside :meth:`Project.cached_only` for a result
    that would have to be computed."""


class Project:
    """An open project file. Use :meth:`open` or :meth:`create`, then :meth:`close`."""

    def __init__(
        self,
        path: Path,
        reader: sqlite3.Connection,
        lock: ProjectLock | None,
        read_only: bool,
        backup_before_open: Path | None = None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._reader = reader
        self._reader_lock = threading.RLock()
        self._lock = lock
        self._engine: Engine | None = None
        self.migration_backup = backup_before_open
        self.changes = 0  # committed transactions since opening (or the last backup)
        self._memo: dict[str, tuple[tuple[int, int], object]] = {}
        # per thread: a read connection of its own (reading_apart) and the cached-only flag
        self._local = threading.local()
        self._apart = threading.Condition()
        self._apart_count = 0
        self._closed = False
        # service id → the version a change made through this project gave it last (see
        # workflow/conflicts.py; filled by changes that were checked against a seen version)
        self.written_versions: dict[int, int] = {}
        self.remote_path: Path | None = None  # set when this is a local working copy
        self._remote_lock: ProjectLock | None = None

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False) -> Project:
        _refuse_address(path)
        path = Path(path).absolute()
        if not path.exists():
            raise ProjectNotFoundError(path)
        _check_header(path)
        if not read_only and not _writable(path):
            raise ReadOnlyError(path)
        lock = None
        if not read_only:
            lock = ProjectLock(path)
            lock.acquire()
        conn: sqlite3.Connection | None = None
        try:
            conn = connect(path, read_only=read_only)
            migration_backup = cls._check_and_upgrade(conn, path, read_only)
            if not read_only:
                conn.execute("PRAGMA query_only = ON")
            return cls(path, conn, lock, read_only, migration_backup)
        except BaseException as exc:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.release()
            translated = _translate(exc, path)
            if translated is exc:
                raise
            raise translated from exc

    _check_and_upgrade = staticmethod(check_and_upgrade)

    @classmethod
    def create(
        cls,
        path: Path | str,
        municipality: str,
        website: str = "",
        populate: Callable[[Session], Any] | None = None,
        fill: Callable[[Project], Any] | None = None,
    ) -> Project:
        """Create a new project file and open it.

        The file is built under a temporary name (schema, project info and
        whatever ``populate`` adds in the same transaction; then whatever ``fill``
        does with the opened project, e.g. the demo's five steps) and only then
        moved to ``path``: a failed or killed creation leaves nothing under
        ``path`` (a killed one's temporary file is removed by the next creation,
        see ``store.temporaries``), and an existing file is never overwritten.
        """
        from ozgdesk.store import temporaries

        _refuse_address(path)
        path = Path(path).absolute()
        if path.exists():
            raise ProjectExistsError(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except PermissionError as exc:
            raise ReadOnlyError(path.parent) from exc
        temporaries.remove_stale(path)
        tmp = temporaries.temporary_for(path)
        try:
            cls._build(tmp, municipality, website, populate)
            if fill is not None:
                with cls.open(tmp) as building:
                    fill(building)
            cls._move_into_place(tmp, path)
        except BaseException as exc:
            for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()
            translated = _translate(exc, path)
            if translated is exc:
                raise
            raise translated from exc
        return cls.open(path)

    _build = staticmethod(build)
    _move_into_place = staticmethod(move_into_place)

    # -- using ---------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def schema_version(self) -> int:
        with self.reading() as conn:
            return pragma_int(conn, "user_version")

    # -- what a backend changes (see store/server.py for the PostgreSQL one) --------------

    is_server = False

    @property
    def location(self) -> str:
        """Where the project lives, as shown to users: the file's path or the server's
        address (never a password)."""
        return str(self.path)

    def _database_errors(self) -> tuple[type[BaseException], ...]:
        return (sqlite3.Error,)

    def _translate_error(self, exc: BaseException) -> BaseException:
        return _translate(exc, self.path)

    @contextlib.contextmanager
    def _errors_translated(self) -> Iterator[None]:
        """Database errors inside the block become our German ProjectErrors where one fits."""
        try:
            yield
        except self._database_errors() as exc:
            translated = self._translate_error(exc)
            if translated is exc:
                raise
            raise translated from exc

    def _open_reader(self) -> Any:
        return connect(self.path, read_only=True)

    def _before_commit(self, session: Session) -> None:
        """Called inside every write transaction just before it commits."""

    # -- reading -------------------------------------------------------------------------

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The read connection (query_only), for the fast queries in store.queries.

        Inside :meth:`reading_apart` this is the thread's own connection; otherwise the
        project's shared one, one thread at a time."""
        own = getattr(self._local, "conn", None)
        lock = contextlib.nullcontext() if own is not None else self._reader_lock
        with lock, self._errors_translated():
            yield own if own is not None else self._reader

    @contextlib.contextmanager
    def reading_apart(self) -> Iterator[None]:
        """For work on another thread: its reads go through a read-only connection of
        their own (closed at the end), so that they never hold up the window's reads.
        :meth:`close` waits until every such block has ended."""
        if self._closed:
            raise ProjectError(self.path, "Das Projekt ist bereits geschlossen.", "")
        with self._apart:
            self._apart_count += 1
        try:
            with self._errors_translated():
                conn = self._open_reader()
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None
                conn.close()
        finally:
            with self._apart:
                self._apart_count -= 1
                self._apart.notify_all()

    def engine(self) -> Engine:
        if self._engine is None:
            from ozgdesk.store.engine import make_engine

            self._engine = make_engine(self.path, read_only=self.read_only)
        return self._engine

    @contextlib.contextmanager
    def session(self, rollback: bool = False) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error.

        With ``rollback=True`` the transaction is always rolled back (dry runs).
        """
        from sqlmodel import Session

        try:
            with Session(self.engine(), expire_on_commit=False) as session:
                transaction = session.begin()
                try:
                    yield session
                except BaseException:
                    transaction.rollback()
                    raise
                if rollback:
                    transaction.rollback()
                else:
                    self._before_commit(session)
                    transaction.commit()
                    self.changes += 1
        except Exception as exc:
            translated = self._translate_error(exc)
            if translated is exc:
                raise
            raise translated from exc

    @contextlib.contextmanager
    def raw_transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on a plain sqlite3 connection of its own (for store
        functions that work without SQLAlchemy, e.g. the erase of a person): committed
        when the block ends, rolled back on any error."""
        if self.read_only:
            raise ReadOnlyError(self.path)
        with _sqlite_errors_translated(self.path), contextlib.closing(connect(self.path)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            self.changes += 1

    def vacuum(self) -> None:
        """Rebuild the file without free pages (after an erase: no deleted byte stays)."""
        if self.read_only:
            raise ReadOnlyError(self.path)
        with _sqlite_errors_translated(self.path), contextlib.closing(connect(self.path)) as conn:
            conn.execute("VACUUM")

    def forget_results(self) -> None:
        """Drop every result kept by :meth:`memo` (after an erase, nothing computed before
        may keep the erased data in memory)."""
        self._memo.clear()

    def generation(self) -> tuple[int, int]:
        """Changes whenever anything was committed to the file since the last call's value
        (``PRAGMA data_version`` of the read connection sees every other connection's
        commits); used to reuse computed results until the data changes."""
        with self._reader_lock:
            (version,) = self._reader.execute("PRAGMA data_version").fetchone()
            return id(self._reader), version

    def memo(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``'s result, reused while the file is unchanged (see ``generation``).

        Callers must treat the result as read-only (lists are copied for them). Inside
        :meth:`cached_only` a result that would have to be computed raises
        :class:`NotCached` instead. Safe to call from several threads (at worst two
        compute the same result)."""
        generation = self.generation()
        hit = self._memo.get(name)
        if hit is not None and hit[0] == generation:
            value = hit[1]
        elif getattr(self._local, "cached_only", False):
            raise NotCached(name)
        else:
            value = compute()
            self._memo[name] = (generation, value)
        return list(value) if isinstance(value, list) else value  # type: ignore[return-value]  # a memoized list is handed out as a copy of the same type

    @contextlib.contextmanager
    def cached_only(self) -> Iterator[None]:
        """Inside this block :meth:`memo` only hands out results it already has: a
        caller finds out cheaply whether some work would be slow (and can then do it
        on another thread)."""
        before = getattr(self._local, "cached_only", False)
        self._local.cached_only = True
        try:
            yield
        finally:
            self._local.cached_only = before

    @property
    def uid(self) -> str:
        with self.reading() as conn:
            return _uid(conn)

    def backup_folder(self) -> Path:
        from ozgdesk.store import backups

        return backups.folder_for(self.path)

    def backup(self, reason: str) -> Path:
        """A verified backup in the user's data folder (before imports and the like);
        older backups are thinned out by the rotation."""
        from ozgdesk.store import backups

        with self.reading() as conn:
            saved = backups.create(conn, self.path, reason)
        self.changes = 0
        return saved

    def restore(self, source: Path | str) -> Path:
        """Replace the project's content with a backup; the current state is backed up
        first. Returns that safety backup."""
        return project_copies.restore(self, source)

    def save_copy(self, dest: Path | str) -> Path:
        """Write a consistent copy of the project to ``dest`` ("Kopie speichern unter")."""
        return project_copies.save_copy(self, dest)

    # -- working on a local copy of a file on a network share --------------------------

    @classmethod
    def open_working_copy(cls, remote: Path | str) -> Project:
        """Open a local copy of a project on a network share. The share's file stays
        locked for others; :meth:`close` writes the copy back with the backup API."""
        return project_copies.open_working_copy(cls, remote)

    def write_back(self) -> None:
        """Copy the working copy back onto the share (after a backup of the share's file)."""
        project_copies.write_back(self)

    def close(self) -> None:
        """Close the project; a working copy is written back to the share first. If
        that fails, the working copy stays in place and the error is raised."""
        failure: BaseException | None = None
        if self.remote_path is not None and not self.read_only:
            try:
                self.write_back()
            except (ProjectError, OSError) as exc:
                failure = exc
        self._closed = True  # no new reading_apart blocks; wait for those running
        with self._apart:
            self._apart.wait_for(lambda: self._apart_count == 0)
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        with self._reader_lock:
            self._reader.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self._remote_lock is not None:
            self._remote_lock.release()
            self._remote_lock = None
        if self.remote_path is not None and failure is None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.remote_path = None
        if failure is not None:
            raise failure

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
