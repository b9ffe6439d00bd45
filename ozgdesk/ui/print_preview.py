"""Printing our own PDFs from the app, with Qt's print preview.

Pages are rendered with pypdfium2 (PDFium) at the printer's resolution and drawn
onto the QPrinter, so what prints is exactly the PDF that is also saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

MAX_DPI = 200


def render_to_printer(pdf: Path, printer: QPrinter) -> int:
    """Draw every page of ``pdf`` onto ``printer``; returns the number of pages."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    painter = QPainter()
    try:
        pages = len(document)
        if not pages:
            return 0
        dpi = min(printer.resolution(), MAX_DPI)
        first = document[0]
        width, height = first.get_size()
        orientation = (
            QPageLayout.Orientation.Landscape
            if width > height
            else QPageLayout.Orientation.Portrait
        )
        printer.setPageOrientation(orientation)
        if not painter.begin(printer):
            raise OSError("Der Drucker konnte nicht geöffnet werden.")
        for index in range(pages):
            if index:
                printer.newPage()
            page = document[index]
            bitmap = page.render(scale=dpi / 72)
            image = bitmap.to_pil().convert("RGB")
            data = image.tobytes("raw", "RGB")
            qimage = QImage(
                data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888
            )
            target = QRectF(painter.viewport())
            scaled = qimage.size().scaled(
                target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
            )
            painter.drawImage(QRectF(0, 0, scaled.width(), scaled.height()), qimage)
        return pages
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def preview(parent: QWidget | None, pdf: Path, title: str) -> QPrintPreviewDialog:
    """A print preview dialog for ``pdf`` (call ``exec()`` on it)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName(title)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(lambda p: render_to_printer(pdf, p))
    dialog.resize(1000, 800)
    return dialog
