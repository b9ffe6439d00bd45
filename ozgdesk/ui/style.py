"""The application's style: the platform's own, with tabs tall enough for capital umlauts.

Fusion (and some other styles) size a tab to the font's height only; with DejaVu/Noto the dots
of "Ä", "Ö", "Ü" lie above that and were cut off ("Ansprechstellen der Amter"). A proxy of
the current style adds a few pixels to each tab and changes nothing else.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

TAB_EXTRA_HEIGHT = 4


class UmlautSafeStyle(QProxyStyle):
    def sizeFromContents(
        self,
        kind: QStyle.ContentsType,
        option: QStyleOption | None,
        size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:
        result = super().sizeFromContents(kind, option, size, widget)  # type: ignore[arg-type]  # Qt accepts null here; the stubs do not say so
        if kind == QStyle.ContentsType.CT_TabBarTab:
            result = QSize(result.width(), result.height() + TAB_EXTRA_HEIGHT)
        return result


def apply_style(app: QApplication) -> None:
    if not isinstance(app.style(), UmlautSafeStyle):
        style = UmlautSafeStyle(app.style().name())
        app.setStyle(style)
        app._ozgdesk_style = style  # type: ignore[attr-defined]  # keep the Python object


LABEL_TOP_PADDING = 2


def pad_labels(root: QWidget) -> None:
    """Labels sit exactly one line high in tight layouts, and the dots of a capital umlaut
    rise above the font's ascent: give every label under ``root`` two pixels on top so that
    "Überblick" keeps its dots."""
    from PySide6.QtWidgets import QLabel

    for label in root.findChildren(QLabel):
        margins = label.contentsMargins()
        if margins.top() < LABEL_TOP_PADDING and label.pixmap().isNull():
            label.setContentsMargins(
                margins.left(), LABEL_TOP_PADDING, margins.right(), margins.bottom()
            )
