"""Copies in and out of a project file, behind :class:`~ozgdesk.store.project.Project`'s
methods of the same names: restoring a backup, saving a copy elsewhere, and the local
working copy of a file on a network share (opened here, written back on close).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.store import backup
from ozgdesk.store.connection import connect, pragma_int, read_only_uri
from ozgdesk.store.errors import CorruptProjectError, ProjectExistsError, ReadOnlyError
from ozgdesk.store.project_files import check_backup, new_uid, translate
from ozgdesk.store.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from ozgdesk.store.project import Project


def restore(project: Project, source: Path | str) -> Path:
    """See :meth:`Project.restore`."""
    from ozgdesk.store import backups, migrate

    source = Path(source)
    if project.read_only:
        raise ReadOnlyError(project.path)
    check_backup(source)
    problem = backups.verify(source)
    if problem:
        raise CorruptProjectError(source, problem)
    safety = project.backup("vor-Wiederherstellung")
    if project._engine is not None:
        project._engine.dispose()
        project._engine = None
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
        dst = connect(project.path)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        with project.reading() as conn:
            version = pragma_int(conn, "user_version")
        if version < SCHEMA_VERSION:
            migrate.upgrade(project.path)
    except sqlite3.Error as exc:
        translated = translate(exc, project.path)
        if translated is exc:
            raise
        raise translated from exc
    finally:
        project._memo.clear()
    project.changes = 0
    return safety


def save_copy(project: Project, dest: Path | str) -> Path:
    """See :meth:`Project.save_copy`."""
    dest = Path(dest).absolute()
    if dest == project.path:
        raise ProjectExistsError(dest)
    try:
        with project.reading() as conn:
            copied = backup.copy_database(conn, dest)
        new_uid(copied)  # a copy is a project of its own (forms, backups)
        return copied
    except OSError as exc:
        translated = translate(exc, dest)
        if isinstance(exc, PermissionError):
            raise ReadOnlyError(dest) from exc
        if translated is exc:
            raise
        raise translated from exc


# -- working on a local copy of a file on a network share --------------------------------


def open_working_copy(cls: type[Project], remote: Path | str) -> Project:
    """See :meth:`Project.open_working_copy`."""
    from ozgdesk import paths

    remote = Path(remote).absolute()
    original = cls.open(remote)
    try:
        uid = original.uid
        folder = paths.user_data_dir() / "arbeitskopien"
        folder.mkdir(parents=True, exist_ok=True)
        local = folder / f"{uid or remote.stem}{remote.suffix or '.ozgdesk'}"
        if local.exists():  # left over from a crash: keep it as a backup, never lose it
            with original.reading():
                leftover = sqlite3.connect(read_only_uri(local), uri=True)
                try:
                    from ozgdesk.store import backups

                    backups.create(leftover, remote, "unbeendete-Arbeitskopie")
                finally:
                    leftover.close()
            local.unlink()
        with original.reading() as conn:
            backup.copy_database(conn, local)
        remote_lock, original._lock = original._lock, None
    finally:
        original.close()
    try:
        working = cls.open(local)
    except BaseException:
        if remote_lock is not None:
            remote_lock.release()
        raise
    working.remote_path = remote
    working._remote_lock = remote_lock
    return working


def write_back(project: Project) -> None:
    """See :meth:`Project.write_back`."""
    if project.remote_path is None:
        return
    from ozgdesk.store import backups

    remote = project.remote_path
    try:
        target = connect(remote)
        try:
            backups.create(target, remote, "vor-Zurueckschreiben")
            with project.reading() as conn:
                conn.backup(target)
        finally:
            target.close()
    except sqlite3.Error as exc:
        translated = translate(exc, remote)
        if translated is exc:
            raise
        raise translated from exc
