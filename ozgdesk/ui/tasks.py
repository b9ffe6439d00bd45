"""Run slow work off the GUI thread while a progress dialog shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThread, Signal
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
    return worker.result


class BackgroundTask(QThread):
    """Long work with progress and cancel, without blocking the window.

    ``fn(progress, cancelled)`` runs in the thread; ``progress(done, total)`` may
    be called from there (it is delivered to the GUI thread as a signal) and
    ``cancelled()`` tells whether the user asked to stop.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.finished.connect(self._deliver)

    def cancel(self) -> None:
        self._cancel = True

    def is_cancelled(self) -> bool:
        return self._cancel

    def run(self) -> None:
        try:
            self.result = self._fn(self.progressed.emit, self.is_cancelled)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            self.error = exc

    def _deliver(self) -> None:
        if self.error is not None:
            self.failed.emit(self.error)
        else:
            self.succeeded.emit(self.result)


def written_report(result: object, target: str) -> str:
    """What an output wrote, for the message afterwards: "3 Dateien gespeichert in …" with
    their names, or the one file; an empty list says that there was nothing to write."""
    from pathlib import Path

    from ozgdesk.wording import plural

    if isinstance(result, (list, tuple)):
        files = [Path(p) for p in result if isinstance(p, (str, Path))]
        if not files:
            return QCoreApplication.translate(
                "Outputs", "Nichts gespeichert: es gab keine Daten für diese Ausgabe."
            )
        lines = [
            QCoreApplication.translate("Outputs", "%1 gespeichert in „%2“:")
            .replace("%1", plural(len(files), "Datei", "Dateien"))
            .replace("%2", str(files[0].parent))
        ]
        lines += [f"– {p.name}" for p in files[:12]]
        if len(files) > 12:
            lines.append(
                QCoreApplication.translate("Outputs", "… und %1").replace(
                    "%1", plural(len(files) - 12, "weitere", "weitere")
                )
            )
        return "\n".join(lines)
    if isinstance(result, (str, Path)):
        return QCoreApplication.translate("Outputs", "Gespeichert: %1").replace("%1", str(result))
    return QCoreApplication.translate("Outputs", "Gespeichert: %1").replace("%1", target)
