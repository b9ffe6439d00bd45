"""The loader: data read on its thread, pages covered while they wait, results never
older than the file, nothing delivered for a closed project."""

from __future__ import annotations

import threading

import pytest

from ozgdesk.store.project import Project
from ozgdesk.ui.loader import Loader
from ozgdesk.ui.pages.catalogue_panel import CataloguePanel
from ozgdesk.workflow import overview, relevance


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a large project: every job outlasts the wait, so pages show their cover."""
    monkeypatch.setattr(Loader, "wait_s", 0.0)


def test_known_results_are_handed_over_at_once(qtbot, app, project: Project, no_waiting) -> None:
    loader = Loader.of(project)
    assert loader is Loader.of(project)
    overview.relevant_table(project)  # now known for the file as it is
    got: list[object] = []
    assert loader.fetch("relevant", lambda: overview.relevant_table(project), got.append)
    assert len(got) == 1 and not loader.busy()


def test_page_shows_its_cover_until_the_rows_arrive(
    qtbot, app, project: Project, no_waiting
) -> None:
    panel = CataloguePanel(project)
    qtbot.addWidget(panel)
    panel.show()
    panel.ensure_loaded()
    assert panel.loading_cover.loading()
    assert not panel.table.isEnabled()
    assert panel.model.total() == 0
    qtbot.waitUntil(lambda: not Loader.of(project).busy(), timeout=10_000)
    assert not panel.loading_cover.loading()
    assert panel.table.isEnabled()
    assert panel.model.total() == 5247
    qtbot.waitUntil(lambda: bool(panel.model.suggestions()), timeout=10_000)


def test_a_result_read_while_the_file_changed_is_read_again(
    qtbot, app, project: Project, no_waiting
) -> None:
    read_once, edited = threading.Event(), threading.Event()
    got: list[int] = []

    def relevant_count() -> int:
        count = len(overview.relevant_rows(project))
        if not read_once.is_set():
            read_once.set()
            edited.wait(5)  # the window changes the file meanwhile
        return count

    Loader.of(project).fetch("count", lambda: project.memo("count", relevant_count), got.append)
    assert read_once.wait(5)
    first = overview.catalogue_rows(project)[0].id
    relevance.decide(project, [first], relevance.RELEVANT)
    edited.set()
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert got == [1]  # not the 0 read before the decision


def test_requests_for_the_same_job_share_it(qtbot, app, project: Project, no_waiting) -> None:
    calls: list[int] = []
    got: list[str] = []

    def compute() -> int:
        calls.append(1)
        return len(overview.catalogue_rows(project))

    def memoized() -> int:
        return project.memo("same", compute)

    loader = Loader.of(project)
    loader.fetch("same", memoized, lambda n: got.append(f"a{n}"))
    loader.fetch("same", memoized, lambda n: got.append(f"b{n}"))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=10_000)
    assert got == ["a5247", "b5247"] and len(calls) == 1


def test_nothing_is_delivered_for_a_closed_project(
    qtbot, app, project: Project, no_waiting
) -> None:
    got: list[object] = []
    loader = Loader.of(project)
    loader.fetch("rows", lambda: overview.catalogue_table(project), got.append)
    project.close()  # waits for the read under way
    loader.wait()
    qtbot.wait(50)
    assert got == [] and not loader.busy()


def test_errors_reach_the_caller(qtbot, app, project: Project) -> None:
    def broken() -> int:
        overview.catalogue_rows(project)
        raise ValueError("kaputt")

    with pytest.raises(ValueError, match="kaputt"):
        Loader.of(project).fetch("broken", broken, lambda _v: None)
