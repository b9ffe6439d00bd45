"""Logging to the platform's log folder (rotating file)."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from ozgdesk import paths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 2_000_000
KEEP = 3  # older logs: ozgdesk.log.1 … ozgdesk.log.3


def _rotate_if_large(log: Path) -> None:
    """Start a new log file when the current one is over MAX_BYTES, keeping KEEP older ones
    (as logging.handlers.RotatingFileHandler would, but at start: that module costs the
    start-up about 6 ms for socket, pickle and queue, which a desktop log does not need)."""
    try:
        if log.stat().st_size <= MAX_BYTES:
            return
    except OSError:
        return
    for number in range(KEEP - 1, 0, -1):
        older = log.with_name(f"{log.name}.{number}")
        if older.exists():
            with contextlib.suppress(OSError):
                os.replace(older, log.with_name(f"{log.name}.{number + 1}"))
    with contextlib.suppress(OSError):
        os.replace(log, log.with_name(f"{log.name}.1"))


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_ozgdesk", False) for h in root.handlers):
        return
    try:
        log = paths.log_file()
        _rotate_if_large(log)
        handler: logging.Handler = logging.FileHandler(log, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()  # no writable log folder: log to stderr
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._ozgdesk = True  # type: ignore[attr-defined]  # marks our own handler so a second set-up does not add another
    root.addHandler(handler)
    root.setLevel(level)
