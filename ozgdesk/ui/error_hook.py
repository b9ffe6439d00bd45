"""The hook for uncaught exceptions: expected problems as messages, bugs to the crash dialog.

Installed at start-up; the dialogs it shows are imported only when an error happens (the
start does not pay for their widget classes)."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication

from ozgdesk.store.errors import ProjectError

log = logging.getLogger(__name__)


def install_excepthook() -> None:
    """Route uncaught exceptions: expected problems as messages, bugs to the crash dialog."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        app = QApplication.instance()
        parent = QApplication.activeWindow() if app else None
        if isinstance(exc, ProjectError):
            log.warning("Erwarteter Fehler: %s", exc)
            if app:
                from ozgdesk.ui import messages

                messages.show_project_error(parent, exc)
            return
        log.error("Unerwarteter Fehler", exc_info=(exc_type, exc, tb))
        if app is None:
            sys.__excepthook__(exc_type, exc, tb)
            return
        from ozgdesk.ui.dialogs.crash import CrashDialog, format_details

        CrashDialog(format_details(exc_type, exc, tb), parent).exec()

    sys.excepthook = hook
