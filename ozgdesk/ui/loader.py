"""Project data for the pages, computed on a worker thread when it takes a while.

A page asks for its data with :meth:`Loader.fetch`. If every result the request
needs is already known (``Project.memo`` has it for the file as it is now), the
page gets it at once. Otherwise one worker thread computes it, on a read
connection of its own (``Project.reading_apart``); the page waits up to
``Loader.wait_s`` for it and then shows its loading state instead, and is filled
when the result arrives. A result computed while the file changed is computed
again, so a page is never filled with data older than what it shows.

There is one loader per open project (:meth:`Loader.of`); jobs run one after
the other, and a second request for a job under way joins it.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from ozgdesk.store.project import NotCached, Project

log = logging.getLogger(__name__)


@dataclass(eq=False)
class _Job:
    key: str
    compute: Callable[[], Any]
    # (receiver, the QObject whose deletion cancels it, if any)
    callbacks: list[tuple[Callable[[Any], None], QObject | None]] = field(default_factory=list)
    generation: tuple[int, int] | None = None
    value: Any = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)
    delivered: bool = False


class Loader(QObject):
    """Computes project data off the GUI thread and hands it to the pages."""

    # How long the fetches of one user action wait for their jobs, in all, before the
    # page shows its loading state: short enough for the page to show within 200 ms,
    # long enough that small projects never flicker. Tests raise it so that pages fill
    # before ``fetch`` returns.
    wait_s: ClassVar[float] = 0.08

    _finished = Signal(object)  # a _Job, emitted on the worker thread
    _instances: ClassVar[weakref.WeakKeyDictionary[Project, Loader]] = weakref.WeakKeyDictionary()

    def __init__(self, project: Project) -> None:
        super().__init__()
        self._project = weakref.ref(project)
        self._jobs: dict[str, _Job] = {}
        self._deadline: float | None = None  # end of the current action's wait (_wait_left)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._finished.connect(self._deliver)

    @classmethod
    def of(cls, project: Project) -> Loader:
        """The loader of ``project`` (made on first use, in the GUI thread)."""
        loader = cls._instances.get(project)
        if loader is None:
            loader = cls._instances[project] = cls(project)
        return loader

    # -- asking for data --------------------------------------------------------------------

    def fetch(
        self,
        key: str,
        compute: Callable[[], Any],
        done: Callable[[Any], None],
        loading: Callable[[], None] | None = None,
        wait: bool = True,
        owner: QObject | None = None,
    ) -> bool:
        """Call ``done(compute())``: at once when ``compute`` needs no work, else when
        the worker has computed it. ``key`` names the job (equal keys, equal work).
        Unless ``wait`` is False, a short job is waited for (``wait_s``); ``loading()``
        is called if the page has to wait longer. True when ``done`` was called before
        returning. ``compute`` should get its slow parts through ``Project.memo``: to
        find out whether it needs work, it is first run on this thread with
        ``cached_only``. A late ``done`` is skipped once ``owner`` (by default the
        QObject ``done`` is a method of) has been deleted."""
        project = self._project()
        if project is None or project.closed:
            return False
        try:
            with project.cached_only():
                value = compute()
        except NotCached:
            pass
        else:
            done(value)
            return True
        job = self._start(key, compute)
        if owner is None and isinstance(getattr(done, "__self__", None), QObject):
            owner = done.__self__  # type: ignore[attr-defined]  # a bound method's owner; Callable does not declare __self__
        job.callbacks.append((done, owner))
        if wait and job.done.wait(self._wait_left()) and self._deliver(job):
            return True
        if loading is not None:
            loading()
        return False

    def _wait_left(self) -> float:
        """What is left of ``wait_s`` for the current user action: the fetches made
        before control returns to the event loop share one wait."""
        now = time.monotonic()
        if self._deadline is None:
            self._deadline = now + self.wait_s
            QTimer.singleShot(0, self, self._end_wait)
        return max(0.0, self._deadline - now)

    def _end_wait(self) -> None:
        self._deadline = None

    def prefetch(self, key: str, compute: Callable[[], Any]) -> None:
        """Compute in the background what a page will soon want (nothing if known)."""
        project = self._project()
        if project is None or project.closed:
            return
        try:
            with project.cached_only():
                compute()
        except NotCached:
            self._start(key, compute)

    def busy(self) -> bool:
        """True while a job is queued, running or not yet handed over."""
        return bool(self._jobs)

    def wait(self) -> None:
        """Block until the worker is idle (before the project is closed)."""
        self._pool.waitForDone()

    # -- the worker ----------------------------------------------------------------------------

    def _start(self, key: str, compute: Callable[[], Any]) -> _Job:
        job = self._jobs.get(key)
        if job is None:
            job = self._jobs[key] = _Job(key, compute)
            self._pool.start(lambda: self._run(job))
        return job

    def _run(self, job: _Job) -> None:  # on the worker thread
        project = self._project()
        try:
            if project is None:
                raise RuntimeError("project gone")
            job.generation = project.generation()
            with project.reading_apart():
                job.value = job.compute()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            job.error = exc
        job.done.set()
        try:
            self._finished.emit(job)
        except RuntimeError:  # the loader went away (the program is ending)
            log.debug("Ergebnis von %s nicht mehr zustellbar", job.key)

    def _deliver(self, job: _Job) -> bool:  # on the GUI thread
        """Hand ``job``'s result to its receivers; False if it was not (yet) handed."""
        if job.delivered:
            return False
        job.delivered = True
        if self._jobs.get(job.key) is job:
            del self._jobs[job.key]
        project = self._project()
        if project is None or project.closed:
            return False  # a late result for a project closed meanwhile
        if job.error is not None:
            raise job.error
        if project.generation() != job.generation:
            # the file changed while the job ran: compute again, for the same receivers
            again = self._start(job.key, job.compute)
            again.callbacks.extend(job.callbacks)
            return False
        for callback, owner in job.callbacks:
            if owner is not None and not shiboken6.isValid(owner):
                continue  # its page has been closed
            callback(job.value)
        return True
