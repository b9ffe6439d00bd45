"""Run slow work off the GUI thread while a progress dialog shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QThread
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")


class _Worker(QThread):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn = fn
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the GUI thread
            self.error = exc


def run_with_progress(parent: QWidget | None, label: str, fn: Callable[[], T]) -> T:
    """Run ``fn`` in a worker thread; the GUI stays responsive and shows a busy bar.

    Exceptions raised by ``fn`` are re-raised in the caller's thread.
    """
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle("ozgdesk")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    worker = _Worker(fn)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.reset()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return worker.result  # type: ignore[no-any-return]
