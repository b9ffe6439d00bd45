"""The log file starts anew when it has grown past its limit, keeping three older ones."""

from __future__ import annotations

from pathlib import Path

from ozgdesk import applog


def test_a_large_log_is_moved_aside_and_the_oldest_dropped(tmp_path: Path) -> None:
    log = tmp_path / "ozgdesk.log"
    for number, text in ((1, "eins"), (2, "zwei"), (3, "drei")):
        (tmp_path / f"ozgdesk.log.{number}").write_text(text)
    log.write_bytes(b"x" * (applog.MAX_BYTES + 1))
    applog._rotate_if_large(log)
    assert not log.exists()
    assert (tmp_path / "ozgdesk.log.1").stat().st_size == applog.MAX_BYTES + 1
    assert (tmp_path / "ozgdesk.log.2").read_text() == "eins"
    assert (tmp_path / "ozgdesk.log.3").read_text() == "zwei"
    assert not (tmp_path / "ozgdesk.log.4").exists()  # "drei" was the oldest


def test_a_small_log_stays(tmp_path: Path) -> None:
    log = tmp_path / "ozgdesk.log"
    log.write_text("kurz")
    applog._rotate_if_large(log)
    assert log.read_text() == "kurz" and not (tmp_path / "ozgdesk.log.1").exists()
