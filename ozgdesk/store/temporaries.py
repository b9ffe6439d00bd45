"""The hidden temporary files under which new projects are built.

``Project.create`` (``ozgdesk new``, the demo) builds a project as
``.Gemeinde.ozgdesk.<machine>.<process>.neu`` beside its final name and links it
into place at the end. A process killed meanwhile leaves that file behind (and
perhaps its ``-journal`` and ``.lock``). The next creation of a project in the
same folder removes such leftovers, but only ours and only stale ones: the name
must have this form, the process that wrote them must be of this machine and no
longer run, and the main file must be empty or an SQLite file. Files of the old
naming without a machine (``.NAME.<pid>.neu``) are removed only for the project
being created, and only when no such process runs here and they are an hour old.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import time
from pathlib import Path

from ozgdesk.store.lock import _pid_alive
from ozgdesk.store.schema import SQLITE_HEADER

log = logging.getLogger(__name__)

SUFFIX = ".neu"
OLD_NAMING_STALE_SECONDS = 3600


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", socket.gethostname()) or "rechner"


def temporary_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{_host()}.{os.getpid()}{SUFFIX}")


_ANY = re.compile(
    r"\.(?P<name>.+)\.(?P<host>[A-Za-z0-9_-]+)\.(?P<pid>[0-9]+)"
    + re.escape(SUFFIX)
    + r"(?P<extra>-journal|\.lock)?"
)


def _old_naming(path: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(f".{path.name}.")
        + r"(?P<pid>[0-9]+)"
        + re.escape(SUFFIX)
        + r"(?P<extra>-journal|\.lock)?"
    )


def _ours(main: Path) -> bool:
    try:
        with main.open("rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return True  # only a journal or lock is left
    except OSError:
        return False
    return head in (b"", SQLITE_HEADER) or SQLITE_HEADER.startswith(head)


def remove_stale(path: Path) -> list[Path]:
    """Remove the leftovers of killed creations beside ``path``; returns what was removed."""
    old = _old_naming(path)
    removed: list[Path] = []
    try:
        candidates = [p for p in path.parent.iterdir() if p.name.startswith(".")]
    except OSError:
        return removed
    now = time.time()
    for candidate in candidates:
        match = old.fullmatch(candidate.name)
        if match is None:
            match = _ANY.fullmatch(candidate.name)
            if match is None or match.group("host") != _host():
                continue
        elif not _older_than(candidate, now - OLD_NAMING_STALE_SECONDS):
            continue
        pid = int(match.group("pid"))
        if pid == os.getpid() or _pid_alive(pid) or not candidate.is_file():
            continue
        main = candidate.with_name(candidate.name.removesuffix(match.group("extra") or ""))
        if not _ours(main):
            continue
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    if removed:
        log.warning("Reste abgebrochener Projekterstellung entfernt: %s", removed)
    return removed


def _older_than(path: Path, moment: float) -> bool:
    try:
        return path.stat().st_mtime < moment
    except OSError:
        return False
