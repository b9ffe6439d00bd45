"""Logging to the platform's log folder (rotating file)."""

from __future__ import annotations

import logging
import logging.handlers

from ozgdesk import paths

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_ozgdesk", False) for h in root.handlers):
        return
    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_file(), maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()  # no writable log folder: log to stderr
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler._ozgdesk = True  # type: ignore[attr-defined]  # marks our own handler so a second set-up does not add another
    root.addHandler(handler)
    root.setLevel(level)
