"""Screenshots of every step at 1366×768, for docs/screenshots/ (run under Xvfb):

    xvfb-run -s "-screen 0 1366x768x24" python docs/screenshots/take_screenshots.py

Opens the demo municipality in a temporary folder, shows the start page, each step (and the
tabs worth seeing), the print preview, and takes the whole screen with ImageMagick's
``import -window root``; the PNGs are reduced to 256 colours (dithered, so that the thin dots of Ä, Ö, Ü stay) to stay small.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="ozgdesk-shots-"))
    os.environ["OZGDESK_DATA_DIR"] = str(work / "data")
    os.environ["OZGDESK_LOG_DIR"] = str(work / "log")
    os.environ["OZGDESK_DOCUMENTS_DIR"] = str(work / "Dokumente")

    from PySide6.QtWidgets import QApplication

    from ozgdesk.ui.app import install_translations
    from ozgdesk.ui.main_window import MainWindow
    from ozgdesk.ui.settings import AppSettings
    from ozgdesk.workflow.demo import create_demo

    app = QApplication(sys.argv)
    app._translators = install_translations(app)  # type: ignore[attr-defined]
    from ozgdesk.ui.style import apply_style

    apply_style(app)
    project = create_demo(work / "Musterhausen.ozgdesk")
    window = MainWindow(project, AppSettings.at(work / "ozgdesk.ini"))
    screen = app.primaryScreen().availableGeometry()
    window.show()
    settle(app, 1.0)
    window.setGeometry(screen)  # as a maximised window on a 1366×768 laptop (no window manager)
    settle(app, 0.5)
    print(f"screen {screen.width()}×{screen.height()}, window {window.width()}×{window.height()}")

    def shot(name: str, wait: float = 0.8) -> None:
        settle(app, wait)
        target = HERE / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(target)], check=True)
        if os.environ.get("SHOTS_FULL_COLOUR") != "1":
            subprocess.run(
                [
                    "convert",
                    str(target),
                    "-dither",
                    "FloydSteinberg",
                    "-colors",
                    "256",
                    f"PNG8:{target}",
                ],
                check=True,
            )
        print(f"{target.name}: {target.stat().st_size // 1024} KB")

    window.show_start()
    shot("0-start")
    views = [
        (0, None, "1-leistungen"),
        (1, None, "2-aemter-und-leistungen"),
        (1, "briefing", "2-haus-einbinden"),
        (2, None, "3-workshop-planung"),
        (2, "participants", "3-workshop-teilnehmende"),
        (2, "invitation", "3-workshop-einladung"),
        (3, None, "4-datenlieferung"),
        (3, "units", "4-ansprechstellen"),
        (4, None, "5-roadmap"),
        (4, "timeline", "5-zeitplan"),
        (4, "council", "5-bericht-an-den-rat"),
    ]
    for row, tab, name in views:
        window.sidebar.setCurrentRow(row)
        page = window.current_page()
        if tab is not None:
            page.tabs.setCurrentWidget(getattr(page, tab))
        else:
            page.tabs.setCurrentIndex(0)
        shot(name, 1.5)

    # the print preview (Strg+P in step 3), shown without its modal loop
    from ozgdesk.ui import print_preview

    window.sidebar.setCurrentRow(2)
    page = window.current_page()
    title, write = page.main_document()  # type: ignore[misc]
    pdf = write(work)
    printer = print_preview.make_printer(title)
    dialog = print_preview.PrintPreview(window, pdf, title, printer)
    dialog.show()
    shot("3-druckvorschau", 2.5)
    dialog.close()
    dialog.deleteLater()
    settle(app, 0.3)

    window.close()
    settle(app, 0.3)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def settle(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


if __name__ == "__main__":
    raise SystemExit(main())
