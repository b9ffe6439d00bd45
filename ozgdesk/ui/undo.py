"""Undo/redo for edits: commands that re-apply or revert a workflow change.

The change is made *before* the command is pushed (so that an error, such as a
read-only project, is shown and nothing lands on the stack); the command's
first redo is therefore skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from ozgdesk.store.errors import ProjectError

log = logging.getLogger(__name__)


class DoneCommand(QUndoCommand):
    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._redo = redo
        self._undo = undo
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, action: Callable[[], None]) -> None:
        try:
            action()
        except ProjectError as error:
            from ozgdesk.ui import messages

            log.warning("Rückgängig/Wiederholen fehlgeschlagen: %s", error)
            messages.show_project_error(None, error)
            self.setObsolete(True)


def push_done(
    stack: QUndoStack | None, text: str, redo: Callable[[], None], undo: Callable[[], None]
) -> None:
    """Record an edit that has already been made."""
    if stack is not None:
        stack.push(DoneCommand(text, redo, undo))
