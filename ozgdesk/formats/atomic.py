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
