"""Starting the GUI: application object, German translations, error hook, first project."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from ozgdesk import APP_NAME, __version__, paths
from ozgdesk.store.project import Project
from ozgdesk.ui.settings import AppSettings

log = logging.getLogger(__name__)


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own German texts ("Abbrechen", "Ja" …) and ozgdesk's .qm files, if any.

    ozgdesk's source texts are German; a translation file is only needed for
    other languages (resources/translations/ozgdesk_<lang>.qm).
    """
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    translators = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    bundled = paths.resources_dir() / "translations"
    for name, folders in (("qtbase_de", [qt_dir, str(bundled)]),):
        for folder in folders:
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                translators.append(translator)
                break
        else:
            log.warning("Qt-Übersetzung %s nicht gefunden", name)
    language = QLocale.system().name().split("_")[0]
    if language != "de":
        translator = QTranslator(app)
        if translator.load(f"ozgdesk_{language}", str(bundled)):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("ozgdesk")
    app.setDesktopFileName(APP_NAME)  # matches installers/linux/ozgdesk.desktop (Wayland)
    app.setWindowIcon(QIcon(str(paths.resource("icons", "ozgdesk.png"))))
    app._ozgdesk_translators = install_translations(app)  # type: ignore[attr-defined]  # a private attribute keeps the translators alive as long as the app
    from ozgdesk.ui.style import apply_style

    apply_style(app)
    return app


def first_project(project: Path | None, demo: bool, settings: AppSettings) -> Project | None:
    from ozgdesk.ui import opening

    if demo:
        return opening.open_demo(None)
    if project is not None:
        return opening.open_path(None, project, settings)
    last = settings.last_project()
    if last is not None and last.exists():
        opened = opening.open_path(None, last, settings)
        if opened is not None:
            return opened
    return opening.create_interactive(None, first_start=True)


def run_gui(
    project: Path | None = None,
    demo: bool = False,
    step: int = 0,
    smoke_test: bool = False,
    server: str | None = None,
) -> int:
    app = make_app()
    from ozgdesk.ui.error_hook import install_excepthook

    install_excepthook()
    settings = AppSettings()
    if server:
        from ozgdesk.ui.server_opening import open_address

        opened = open_address(None, server)
    else:
        opened = first_project(project, demo, settings)
    if opened is None:
        return 1 if project is not None or server else 0
    from ozgdesk.ui.main_window import MainWindow

    window = MainWindow(opened, settings, start_step=step)
    window.show()
    if smoke_test:
        return _smoke_test(app, window)
    _report_startup_for_benchmark(app, window)
    return app.exec()


def _smoke_test(app: QApplication, window: QWidget) -> int:
    """Show the window with data, check it, quit: exit code 0 when all is well."""
    result = {"code": 1}
    from ozgdesk.ui.widgets.loading import LoadingCover

    deadline = time.monotonic() + 30  # a page still reading its rows is waited for, bounded

    def reading() -> bool:
        return any(cover.loading() for cover in window.findChildren(LoadingCover))

    def check() -> None:
        page = window.current_page() if window.sidebar.currentRow() >= 0 else None  # type: ignore[attr-defined]  # the smoke test reads the main window's own attributes through a QWidget reference
        rows = page.proxy.rowCount() if page is not None and hasattr(page, "proxy") else -1
        if reading() and time.monotonic() < deadline:
            QTimer.singleShot(20, check)
            return
        window.repaint()
        ok = window.isVisible() and window.project is not None  # type: ignore[attr-defined]  # the smoke test reads the main window's own attributes through a QWidget reference
        print(f"smoke-test: window={'ok' if ok else 'missing'} rows={rows}", flush=True)
        result["code"] = 0 if ok else 1
        window.close()
        app.quit()

    QTimer.singleShot(0, check)
    app.exec()
    return result["code"]


def _report_startup_for_benchmark(app: QApplication, window: QWidget) -> None:
    """For bench/startup_bench.py only: print the time until step 1's table is painted
    with rows, then quit."""
    t0 = os.environ.get("OZGDESK_BENCH_T0")
    if not (t0 and os.environ.get("OZGDESK_BENCH_EXIT")):
        return

    def done() -> None:
        rows = window.pages["overview"].proxy.rowCount()  # type: ignore[attr-defined]  # the smoke test reads the main window's own attributes through a QWidget reference
        if not rows:  # still reading: the page shows its loading cover
            QTimer.singleShot(2, done)
            return
        window.repaint()
        print(f"shown={time.time() - float(t0):.4f} rows={rows}", flush=True)
        app.quit()

    QTimer.singleShot(0, done)
