"""Printing our own PDFs from the app, with Qt's print preview.

Pages are rendered with pypdfium2 (PDFium) at the printer's resolution and drawn
onto the QPrinter, so what prints is exactly the PDF that is also saved.

Lifetime: a ``QPrintPreviewDialog`` keeps a raw pointer to its ``QPrinter``. The printer
must outlive the dialog, so :func:`run_preview` owns both and deletes the dialog (C++ side)
before the printer can be collected. (Returning the dialog from a helper whose local printer
Python then freed crashed the app with a segfault as soon as the preview painted.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

MAX_DPI = 200
TITLE_PREFIX = "Druckvorschau – "


def _documents(pdfs: Path | Sequence[Path]) -> list[Path]:
    return [pdfs] if isinstance(pdfs, Path) else list(pdfs)


def page_count(pdfs: Path | Sequence[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in _documents(pdfs):
        document = pdfium.PdfDocument(str(path))
        try:
            total += len(document)
        finally:
            document.close()
    return total


def chosen_pages(printer: QPrinter, total: int) -> range:
    """The pages (0-based) the user chose in the print dialog: all, or "von … bis …"."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(total, printer.toPage() or total)
        return range(first - 1, last)
    return range(total)


def render_to_printer(pdfs: Path | Sequence[Path], printer: QPrinter) -> int:
    """Draw the pages of ``pdfs`` (one file or several, one after the other) onto
    ``printer``, limited to the page range chosen in the print dialog; returns the number
    of pages drawn."""
    import pypdfium2 as pdfium

    documents = [pdfium.PdfDocument(str(path)) for path in _documents(pdfs)]
    pages = [(document, index) for document in documents for index in range(len(document))]
    painter = QPainter()
    try:
        wanted = chosen_pages(printer, len(pages))
        if not pages or not len(wanted):
            return 0
        dpi = min(printer.resolution(), MAX_DPI)
        width, height = pages[wanted[0]][0][pages[wanted[0]][1]].get_size()
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if width > height
            else QPageLayout.Orientation.Portrait
        )
        if not painter.begin(printer):
            raise OSError(
                QCoreApplication.translate("Printing", "Der Drucker konnte nicht geöffnet werden.")
            )
        for drawn, number in enumerate(wanted):
            if drawn:
                printer.newPage()
            document, index = pages[number]
            bitmap = document[index].render(scale=dpi / 72)
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
        return len(wanted)
    finally:
        if painter.isActive():
            painter.end()
        for document in documents:
            document.close()


def window_title(title: str) -> str:
    return QCoreApplication.translate("Printing", "Druckvorschau – %1").replace("%1", title)


def make_printer(title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName(title)
    printer.setFromTo(0, 0)
    return printer


class PrintPreview(QPrintPreviewDialog):
    """The preview of our PDFs; holds its printer for as long as the dialog exists."""

    def __init__(
        self, parent: QWidget | None, pdfs: Path | Sequence[Path], title: str, printer: QPrinter
    ) -> None:
        super().__init__(printer, parent)
        self.printer_ref = printer  # the dialog only keeps a raw pointer
        self.pdfs = _documents(pdfs)
        self.pages_drawn = 0
        self.setWindowTitle(window_title(title))
        self.paintRequested.connect(self._paint)
        screen = (parent.screen() if parent is not None else None) or self.screen()
        available = screen.availableGeometry()
        self.resize(min(1000, available.width() - 40), min(800, available.height() - 60))

    def _paint(self, printer: QPrinter) -> None:
        try:
            self.pages_drawn = render_to_printer(self.pdfs, printer)
        except (OSError, ValueError) as error:  # pdfium errors are ValueError subclasses
            log.error("Drucken fehlgeschlagen: %s", error)
            from ozgdesk.errortext import describe
            from ozgdesk.ui import messages

            messages.info(
                self,
                QCoreApplication.translate("Printing", "Drucken fehlgeschlagen"),
                describe(error),
            )


def run_preview(parent: QWidget | None, pdfs: Path | Sequence[Path], title: str) -> None:
    """Show the print preview for ``pdfs`` (modal) – the user picks pages and printer there
    and prints. The dialog is destroyed before its printer."""
    import shiboken6

    printer = make_printer(title)
    dialog = PrintPreview(parent, pdfs, title, printer)
    try:
        dialog.exec()
    finally:
        if shiboken6.isValid(dialog):
            shiboken6.delete(dialog)
    del printer


def print_output(
    parent: QWidget | None, title: str, write: Callable[[Path], Path | Sequence[Path]]
) -> bool:
    """Write a document with ``write(folder)`` (in the background, into a temporary folder)
    and open it in the print preview. Errors are shown in German; returns whether the preview
    was shown."""
    import shutil
    import tempfile

    from ozgdesk.errortext import describe
    from ozgdesk.store.errors import ProjectError
    from ozgdesk.ui import messages
    from ozgdesk.ui.tasks import run_with_progress

    folder = Path(tempfile.mkdtemp(prefix="ozgdesk-druck-"))
    try:
        try:
            written = run_with_progress(
                parent,
                QCoreApplication.translate("Printing", "Wird für den Druck vorbereitet …"),
                lambda: write(folder),
            )
        except ProjectError as error:
            messages.show_project_error(parent, error)
            return False
        except (OSError, ValueError) as error:
            messages.info(
                parent,
                QCoreApplication.translate("Printing", "Drucken nicht möglich"),
                describe(error),
            )
            return False
        pdfs = _documents(written)
        if not pdfs:
            messages.info(
                parent,
                QCoreApplication.translate("Printing", "Nichts zu drucken"),
                QCoreApplication.translate(
                    "Printing", "Für „%1“ gibt es noch keine Seiten zu drucken."
                ).replace("%1", title),
            )
            return False
        show_preview(parent, pdfs, title)
        return True
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def show_preview(parent: QWidget | None, pdfs: Sequence[Path], title: str) -> None:
    """Indirection for tests (they replace this to avoid the modal preview)."""
    run_preview(parent, pdfs, title)
