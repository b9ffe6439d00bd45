"""A "wird geladen" cover with a busy bar over a table while its data is computed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QProgressBar, QSplitter, QVBoxLayout, QWidget

from ozgdesk.store.project import Project
from ozgdesk.ui.loader import Loader

T = TypeVar("T")


def _host(target: QWidget) -> QWidget | None:
    """The nearest ancestor the cover can live in: not the target itself (which is
    disabled while loading) and not a splitter (which would take it as a pane)."""
    host = target.parentWidget()
    while isinstance(host, QSplitter):
        host = host.parentWidget()
    return host


class LoadingCover(QWidget):
    """Lies over ``target`` while :meth:`set_loading` is on, and the target is disabled
    underneath; follows the target's size and position. It joins the target's window
    when first shown (so it may be made before the target is in its layout)."""

    def __init__(self, target: QWidget, text: str | None = None) -> None:
        super().__init__()
        self._target = target
        self.setObjectName("loadingCover")
        # opaque, so that Qt does not paint the target underneath while the data is read
        # (painting a table calls into Python for every cell, which has to wait for the
        # loader's thread)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self.label = QLabel(text or self.tr("Wird geladen …"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the work gives no steps
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(220)
        self.bar.setAccessibleName(self.label.text())
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        target.installEventFilter(self)
        target.destroyed.connect(self.deleteLater)
        self.hide()

    def fetch(
        self,
        project: Project,
        key: str,
        compute: Callable[[], T],
        fill: Callable[[T], None],
        loading: Callable[[], None] | None = None,
    ) -> None:
        """``Loader.fetch`` for the target's data: the cover lies over it while the page
        waits (``loading`` may show more) and is lifted before ``fill``."""

        def filled(value: T) -> None:
            self.set_loading(False)
            fill(value)

        def wait() -> None:
            self.set_loading(True)
            if loading is not None:
                loading()

        Loader.of(project).fetch(key, compute, filled, loading=wait, owner=self)

    def set_loading(self, loading: bool) -> None:
        self._target.setEnabled(not loading)
        if loading:
            if self.parentWidget() is None:
                self.setParent(_host(self._target))
            self._follow()
            self.raise_()
        self.setVisible(loading)

    def loading(self) -> bool:
        return not self.isHidden()

    def _follow(self) -> None:
        host = self.parentWidget()
        if host is not None:
            self.setGeometry(QRect(self._target.mapTo(host, QPoint(0, 0)), self._target.size()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() in (QEvent.Type.Resize, QEvent.Type.Move):
            self._follow()
        return False
