"""Results reused until the file changes, and reads on other threads (Project.memo,
cached_only, reading_apart)."""

from __future__ import annotations

import threading
import time

import pytest

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import NotCached, Project
from ozgdesk.workflow import overview, relevance


def test_memo_is_reused_until_the_file_changes(project: Project) -> None:
    calls: list[int] = []

    def count() -> int:
        calls.append(1)
        return len(overview.relevant_rows(project))

    assert project.memo("n", count) == 0
    assert project.memo("n", count) == 0
    assert len(calls) == 1
    first = overview.catalogue_rows(project)[0].id
    relevance.decide(project, [first], relevance.RELEVANT)
    assert project.memo("n", count) == 1
    assert len(calls) == 2


def test_cached_only_tells_what_would_need_work(project: Project) -> None:
    with project.cached_only(), pytest.raises(NotCached):
        overview.catalogue_table(project)
    table = overview.catalogue_table(project)
    with project.cached_only():
        assert overview.catalogue_table(project).rows == table.rows
    # only this thread, only inside the block
    assert len(overview.relevant_table(project).rows) == 0


def test_reading_apart_uses_a_connection_of_its_own(project: Project) -> None:
    seen: dict[str, object] = {}

    def work() -> None:
        with project.reading_apart(), project.reading() as conn:
            seen["conn"] = conn
            seen["rows"] = len(overview.catalogue_rows(project))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    with project.reading() as shared:
        assert seen["conn"] is not shared
    assert seen["rows"] == 5247


def test_close_waits_for_reads_on_other_threads(project: Project) -> None:
    inside, release = threading.Event(), threading.Event()
    finished: list[str] = []

    def work() -> None:
        with project.reading_apart():
            inside.set()
            release.wait(5)
            with project.reading() as conn:
                conn.execute("SELECT count(*) FROM service").fetchone()
            finished.append("read")

    thread = threading.Thread(target=work)
    thread.start()
    inside.wait(5)
    threading.Timer(0.2, release.set).start()
    started = time.monotonic()
    project.close()
    assert finished == ["read"]  # the read ended before the connections were closed
    assert time.monotonic() - started >= 0.15
    thread.join()
    with pytest.raises(ProjectError), project.reading_apart():
        pass
