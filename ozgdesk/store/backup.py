"""Copies of a project file made with SQLite's backup API, never a plain file copy.

A copy is written to a temporary name, verified with ``quick_check`` and only
then moved into place, so a half-written copy never replaces a good file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
from datetime import datetime
from pathlib import Path

from ozgdesk import paths

log = logging.getLogger(__name__)


class BackupVerificationError(RuntimeError):
    pass


def copy_database(source: sqlite3.Connection, dest: Path) -> Path:
    """Write a consistent copy of ``source`` to ``dest`` (atomic, verified)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        target = sqlite3.connect(tmp, isolation_level=None)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            result = target.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise BackupVerificationError(f"Prüfung der Kopie fehlgeschlagen: {result}")
        finally:
            target.close()
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return dest


def backup_name(project_path: Path, reason: str) -> str:
    stem = re.sub(r"[^\w.-]+", "_", project_path.stem)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return f"{stem}-{stamp}-{reason}{paths.PROJECT_SUFFIX}"
