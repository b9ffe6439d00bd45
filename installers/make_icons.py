"""Render the app icon (resources/icons/ozgdesk.svg) to PNG and Windows ICO.

Run after changing the SVG and commit the results (both are small):

    .venv/bin/python installers/make_icons.py

Writes resources/icons/ozgdesk.png (256 px, window icon and Linux desktop icon)
and resources/icons/ozgdesk.ico (16–256 px, Windows exe, setup and file type).
Needs PySide6 (QtSvg) and Pillow, both in the development environment.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """The SVG drawn at ``size`` × ``size`` pixels (each size from the vector, not scaled)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(ICONS / "ozgdesk.svg"))
    if not renderer.isValid():
        print("ozgdesk.svg kann nicht gelesen werden", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in ICO_SIZES}
    images[256].save(ICONS / "ozgdesk.png", optimize=True)
    largest = images[256]
    largest.save(
        ICONS / "ozgdesk.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != 256],
    )
    for name in ("ozgdesk.png", "ozgdesk.ico"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} Bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
