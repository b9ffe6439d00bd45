"""Typing in the step 1 search box over 50,000 services: time per keystroke.

Builds the real table model and filter proxy (offscreen Qt) with 50,000 rows
made from the built-in catalogue (repeated with new ids), then types words
letter by letter, as a user would, and measures each filter update including
the proxy's row mapping. Prints per-keystroke median and maximum.

    python bench/search_bench.py [--rows 50000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["OZGDESK_DATA_DIR"] = str(Path(tmp) / "data")
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QTableView

        from ozgdesk.ui.models.service_table import COL_NAME, ServiceFilterProxy, ServiceTableModel
        from ozgdesk.workflow import overview
        from ozgdesk.workflow.projects import create_project

        app = QApplication([])
        project = create_project(Path(tmp) / "b.ozgdesk", "Bench")
        base = overview.catalogue_rows(project)
        project.close()
        rows = [replace(base[i % len(base)], id=i + 1) for i in range(args.rows)]
        model = ServiceTableModel()
        t0 = time.perf_counter()
        model.set_rows(rows)
        load = time.perf_counter() - t0
        proxy = ServiceFilterProxy()
        proxy.setSourceModel(model)
        view = QTableView()
        view.setModel(proxy)
        view.resize(1200, 800)
        view.show()
        t0 = time.perf_counter()
        view.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        sort = time.perf_counter() - t0
        # the catalogue tables get the folded search texts right after their rows, computed
        # on the loader's thread (overview.search_texts); here on their own, timed
        t0 = time.perf_counter()
        model.prepare_search()
        prepare = time.perf_counter() - t0
        timings = []
        for word in ("baugenehmigung", "hundesteuer", "99012", "melde"):
            for length in range(1, len(word) + 1):
                t0 = time.perf_counter()
                proxy.set_criteria(text=word[:length])
                proxy.rowCount()
                app.processEvents()  # repaint of the visible rows
                timings.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            proxy.set_criteria(text="")
            app.processEvents()
            timings.append(time.perf_counter() - t0)
        print(
            f"rows={args.rows} load_s={load:.3f} sort_by_name_s={sort:.3f} "
            f"prepare_search_s={prepare:.3f}"
        )
        print(
            f"keystrokes={len(timings)} median_ms={statistics.median(timings) * 1000:.1f} "
            f"max_ms={max(timings) * 1000:.1f}"
        )


if __name__ == "__main__":
    main()
