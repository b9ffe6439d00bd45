"""Every print path opens the real print preview and closes it again without crashing.

Regression: the preview dialog kept a raw pointer to a QPrinter that Python had already freed
(segfault as soon as the preview painted, step 3 "Alles drucken…", step 5 "Drucken…"). Here the
modal preview really runs; while it is open the test collects garbage, prints through the
dialog's own printer into a PDF file (page range 1–1, as the print dialog would set it) and
closes the dialog.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from ozgdesk.store.project import Project
from ozgdesk.ui import print_preview
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow import workshop
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory, _isolated_user_dirs) -> Path:
    from ozgdesk.workflow.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "Demo.ozgdesk"
    create_demo(path).close()
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path):
    opened = Project.open(copy_project(demo_template, tmp_path / "Musterhausen.ozgdesk"))
    yield opened
    if not opened.closed:
        opened.close()


class PreviewProbe:
    """Waits for the modal preview, prints page 1 through its printer into a PDF, closes it."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.titles: list[str] = []
        self.pages_printed: list[int] = []
        self.pages_in_file: list[int] = []
        self._tries = 0

    def arm(self) -> None:
        self._tries = 0
        QTimer.singleShot(50, self._look)

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, print_preview.PrintPreview):
            self._tries += 1
            if self._tries < 400:
                QTimer.singleShot(25, self._look)
            return
        gc.collect()  # a printer owned by nobody would be freed here
        printer = dialog.printer()
        target = self.out / f"druck-{len(self.titles)}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(1, 1)
        self.titles.append(dialog.windowTitle())
        self.pages_printed.append(print_preview.render_to_printer(dialog.pdfs, printer))
        document = pdfium.PdfDocument(str(target))
        self.pages_in_file.append(len(document))
        document.close()
        printer.setPrintRange(QPrinter.PrintRange.AllPages)
        dialog.reject()


@pytest.fixture
def probe(tmp_path: Path) -> PreviewProbe:
    return PreviewProbe(tmp_path)


def _window(qtbot, project: Project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_workshop_print_all_and_timeline_print(qtbot, app, demo, settings, probe) -> None:
    window = _window(qtbot, demo, settings)
    window.sidebar.setCurrentRow(2)
    page = window.pages["workshop"]
    assert page.detail is not None
    probe.arm()
    page.printing.print_all()  # step 3 "Alles drucken…"
    window.sidebar.setCurrentRow(4)
    roadmap = window.pages["roadmap"]
    roadmap.tabs.setCurrentWidget(roadmap.timeline)
    probe.arm()
    roadmap.timeline.print_timeline()  # step 5 timeline "Drucken…"
    assert probe.titles == ["Druckvorschau – Workshop-Unterlagen", "Druckvorschau – Zeitplan"]
    assert probe.pages_printed == [1, 1] and probe.pages_in_file == [1, 1]
    gc.collect()
    assert window.isVisible()


def test_ctrl_p_prints_each_steps_main_document(qtbot, app, demo, settings, probe) -> None:
    window = _window(qtbot, demo, settings)
    expected = {
        0: "Druckvorschau – OZG-Übersicht",
        1: "Druckvorschau – Leistungslisten je Amt",
        2: "Druckvorschau – Workshop-Unterlagen",
        3: "Druckvorschau – Prüflisten je Amt",
        4: "Druckvorschau – Roadmap",
    }
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    for row, title in expected.items():
        window.sidebar.setCurrentRow(row)
        probe.arm()
        window.print_action.trigger()
        assert probe.titles[-1] == title
    assert probe.pages_printed == [1] * 5 and probe.pages_in_file == [1] * 5


def test_chosen_pages_and_all_pages(qtbot, app, demo, tmp_path: Path) -> None:
    pdf = workshop_pdf(demo, tmp_path)
    total = print_preview.page_count(pdf)
    assert total >= 3
    printer = print_preview.make_printer("Test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "alle.pdf"))
    assert print_preview.render_to_printer([pdf, pdf], printer) == 2 * total
    printer = print_preview.make_printer("Test")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "zwei.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert print_preview.render_to_printer(pdf, printer) == 2


def workshop_pdf(project: Project, folder: Path) -> Path:
    from ozgdesk.workflow import workshop_outputs

    first = workshop.workshops(project)[0]
    assert first.id is not None
    return workshop_outputs.export_print_pdf(project, first.id, folder / "w.pdf")


def test_nothing_to_print_says_so(qtbot, app, project, settings, _no_blocking_messages) -> None:
    window = _window(qtbot, project, settings)
    window.sidebar.setCurrentRow(2)  # a workshop page without workshops
    window.print_action.trigger()
    assert ("info", "In diesem Schritt gibt es noch nichts zu drucken.") in _no_blocking_messages
