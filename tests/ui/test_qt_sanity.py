"""Guards against known defects of the Qt binding that would crash the app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_signal_emit_keeps_reference_counts(app) -> None:
    """PySide6 6.12.0 dropped a reference to True on every emit; on Python 3.11 the
    app then dies with "Fatal Python error: bool_dealloc" after enough edits."""
    emitter = _Emitter()
    received: list[int] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(2000):
        emitter.changed.emit(i)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 2000
    assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50
