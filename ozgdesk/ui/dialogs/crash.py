"""The dialog for unexpected errors (bugs): copyable details and the log file path.

Shown by the hook in ui/error_hook.py."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ozgdesk import __version__, paths


class CrashDialog(QDialog):
    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unerwarteter Fehler"))
        self.resize(640, 420)
        try:
            log_path = str(paths.log_file())
        except OSError:
            log_path = self.tr("(kein Protokollordner verfügbar)")
        text = QLabel(
            self.tr(
                "In ozgdesk ist ein unerwarteter Fehler aufgetreten. Ihre bisherigen Änderungen "
                "sind gespeichert; die zuletzt begonnene Aktion wurde eventuell nicht ausgeführt.\n\n"
                "Bitte schicken Sie die Details unten an den Support. Das Protokoll liegt unter:\n%1"
            ).replace("%1", log_path)
        )
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Fehlerdetails"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("Details kopieren"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def format_details(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    header = f"ozgdesk {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n\n"
    return header + "".join(traceback.format_exception(exc_type, exc, tb))
