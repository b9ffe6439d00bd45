"""The main window's size and position from the available screen, and its title.

A remembered geometry (QSettings) may come from a bigger screen or a removed monitor: it is
clamped to the screen's available area (without the task bar), frame included; without one the
window opens at 1280×800 or as much as there is, centred. The frame is known only once the
window is shown, so the window clamps again then.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow


def place_on_screen(window: QMainWindow, geometry: QByteArray | None) -> None:
    """The remembered geometry, clamped to the screen's available area (without task bar);
    without one: 1280×800 or as much of the screen as there is, centred."""
    if geometry is not None:
        window.restoreGeometry(geometry)
        if window.isMaximized() or window.isFullScreen():
            return
    else:
        window.resize(1280, 800)
    clamp_to_screen(window, centre=geometry is None)


def clamp_to_screen(window: QMainWindow, centre: bool = False) -> None:
    """Size and position so that the whole window, frame included, is on the screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None or window.isMaximized() or window.isFullScreen():
        return
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    inner = window.geometry()
    # before the window is shown the frame is unknown: allow for a title bar and borders
    extra_w = frame.width() - inner.width() if window.isVisible() else 16
    extra_h = frame.height() - inner.height() if window.isVisible() else 40
    width = max(min(inner.width(), available.width() - extra_w), 1)
    height = max(min(inner.height(), available.height() - extra_h), 1)
    window.setMinimumSize(
        QSize(min(window.minimumWidth(), width), min(window.minimumHeight(), height))
    )
    if (width, height) != (inner.width(), inner.height()):
        window.resize(width, height)
    outer_w, outer_h = width + extra_w, height + extra_h
    if centre:
        x = available.x() + (available.width() - outer_w) // 2
        y = available.y() + (available.height() - outer_h) // 2
    else:
        x = min(max(frame.x(), available.x()), available.x() + available.width() - outer_w)
        y = min(max(frame.y(), available.y()), available.y() + available.height() - outer_h)
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, available.x()), max(y, available.y()))


def window_title(municipality: str, path: Path | str, marks: list[str] | None = None) -> str:
    """ "Musterhausen – ozgdesk"; the file name only when it says something else
    ("Musterhausen (OZG 2025.ozgdesk) – ozgdesk"); marks such as "[Demo]" before the
    program's name. The title ends with "ozgdesk", so Qt does not append the application's
    display name a second time."""
    from ozgdesk.textnorm import fold

    if isinstance(path, str):  # a server's address: "Musterhausen (Server) – ozgdesk"
        head = f"{municipality.strip() or path} ({QCoreApplication.translate('Window', 'Server')})"
        return " ".join([head, *(marks or [])]) + " – ozgdesk"
    name = municipality.strip() or path.stem
    stem = fold(path.stem).removeprefix("demo-")
    head = name if stem in (fold(name), fold(name.split(" ", 1)[-1])) else f"{name} ({path.name})"
    return " ".join([head, *(marks or [])]) + " – ozgdesk"
