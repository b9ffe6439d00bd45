"""Start-up time: process start until the main window shows catalogue rows.

Compared in the same run with a minimal PySide6 window that shows and quits.
Each variant runs as a fresh process several times; the median counts.

    python bench/startup_bench.py [--runs N]

The app is started with ``--project`` on a demo project and the environment
variable OZGDESK_BENCH_EXIT=1, which makes the window report and quit as soon
as the first page's table has rows painted (see ozgdesk/ui/app.py). The last
line printed is ``startup_ratio=<number>``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = r"""
import os, sys, time
t0 = float(os.environ["OZGDESK_BENCH_T0"])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
w = QLabel("bare"); w.resize(400, 300); w.show()
def done():
    w.repaint()
    print(f"shown={time.time() - t0:.4f}", flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def _run(cmd: list[str], env: dict[str, str]) -> float:
    env = {**env, "OZGDESK_BENCH_T0": f"{time.time():.6f}"}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("shown="):
            return float(line.split()[0].split("=", 1)[1])
    raise RuntimeError(f"keine Messung: {out.stdout}\n{out.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = os.environ.copy()
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # An installed app has byte-compiled modules (pip and PyInstaller compile them); this
    # machine sets PYTHONDONTWRITEBYTECODE, which would recompile every module on each start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "ozgdesk"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env["OZGDESK_DATA_DIR"] = str(Path(tmp) / "data")
        env["OZGDESK_LOG_DIR"] = str(Path(tmp) / "log")
        env["OZGDESK_CONFIG_DIR"] = str(Path(tmp) / "config")
        project = Path(tmp) / "demo.ozgdesk"
        subprocess.run(
            [sys.executable, "-m", "ozgdesk", "demo", "--project", str(project)],
            check=True,
            env=env,
            capture_output=True,
        )
        env["OZGDESK_BENCH_EXIT"] = "1"
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(_run([sys.executable, "-c", BARE], env))
            app.append(
                _run(
                    [sys.executable, "-m", "ozgdesk", "--project", str(project), "--step", "1"], env
                )
            )
    b, a = statistics.median(bare), statistics.median(app)
    print(f"python={sys.version.split()[0]} runs={args.runs}")
    print(f"bare_window_s={b:.3f} (min {min(bare):.3f})")
    print(f"ozgdesk_window_with_rows_s={a:.3f} (min {min(app):.3f})")
    print(f"startup_ratio={a / b:.2f}")


if __name__ == "__main__":
    main()
