"""Write a file atomically: into a temporary file beside the target, then rename.

A reader (or a crash) never sees a half-written report or spreadsheet, and an
existing file stays untouched until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces ``path``.

    The caller writes the complete file to the yielded path. If the block raises,
    the temporary file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    tmp = _create_temp(target)
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _create_temp(target: Path) -> Path:
    # Not tempfile.mkstemp: that creates the file with mode 0600, and the finished
    # export should get the usual permissions (0666 minus umask) like any new file.
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(f"Keine freie temporäre Datei neben {target}")


def _fsync(path: Path) -> None:
    """Flush the finished file to disk before it takes the target's place."""
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


@contextlib.contextmanager
def staged_folder(folder: Path | str) -> Iterator[Path]:
    """Yield a hidden staging folder inside ``folder`` (created if need be); when the block
    ends without error, every file written there is moved into ``folder``, replacing files
    of the same name. If the block raises, the staged files are removed and ``folder``
    keeps what it had: a failed export of several files leaves none of them behind.
    """
    target = Path(folder)
    target.mkdir(exist_ok=True)
    _remove_stale_stages(target)
    stage = target / f".ozgdesk-{secrets.token_hex(4)}.tmp"
    stage.mkdir()
    try:
        yield stage  # the writers use atomic_path there: each file is complete and synced
        for path in sorted(stage.iterdir()):
            os.replace(path, target / path.name)
    finally:
        for path in stage.iterdir() if stage.exists() else ():
            with contextlib.suppress(OSError):
                path.unlink()
        with contextlib.suppress(OSError):
            stage.rmdir()


STALE_STAGE_S = 24 * 3600  # a staging folder this old was left by a killed export


def _remove_stale_stages(folder: Path) -> None:
    """Remove staging folders of exports that were killed (older than a day)."""
    import time

    for stage in folder.glob(".ozgdesk-*.tmp"):
        try:
            if not stage.is_dir() or time.time() - stage.stat().st_mtime < STALE_STAGE_S:
                continue
            for path in stage.iterdir():
                path.unlink()
            stage.rmdir()
        except OSError:
            continue
