"""Taking over a project lock is atomic: of several processes that open a project at
the same moment, over a stale, empty or damaged lock file or none, exactly one wins."""

from __future__ import annotations

import json
import multiprocessing
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ozgdesk.store.errors import ProjectError, ProjectLockedError
from ozgdesk.store.lock import ProjectLock, lock_path_for

PROCESSES = 3
ROUNDS = 60


def _contender(project: str, start, attempted, results) -> None:  # type: ignore[no-untyped-def]
    for _round in range(ROUNDS):
        start.wait(timeout=30)
        lock = ProjectLock(Path(project))
        try:
            lock.acquire()
        except ProjectLockedError:
            won = False
        else:
            won = True
        results.put(won)
        attempted.wait(timeout=30)  # hold it until every contender has tried
        if won:
            lock.release()
        attempted.wait(timeout=30)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _prepare(lock: Path, kind: str, dead_pid: int) -> None:
    if kind == "none":
        lock.unlink(missing_ok=True)
    elif kind == "empty":
        lock.write_bytes(b"")
    elif kind == "garbage":
        lock.write_bytes(b'{"pid": ')
    else:
        holder = {"user": "alt", "host": socket.gethostname(), "pid": dead_pid, "since": ""}
        lock.write_text(json.dumps(holder), encoding="utf-8")


def test_exactly_one_of_several_processes_gets_the_lock(tmp_path: Path) -> None:
    project = tmp_path / "Gemeinde.ozgdesk"
    project.write_bytes(b"")  # the lock does not look inside the project file
    lock = lock_path_for(project)
    dead_pid = _dead_pid()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    start = context.Barrier(PROCESSES + 1)
    attempted = context.Barrier(PROCESSES + 1)
    results = context.Queue()
    workers = [
        context.Process(target=_contender, args=(str(project), start, attempted, results))
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    kinds = ("stale", "empty", "none", "garbage")
    winners = []
    try:
        for number in range(ROUNDS):
            _prepare(lock, kinds[number % len(kinds)], dead_pid)
            start.wait(timeout=30)
            won = [results.get(timeout=30) for _ in range(PROCESSES)]
            attempted.wait(timeout=30)
            attempted.wait(timeout=30)
            winners.append(sum(won))
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.kill()
    assert winners == [1] * ROUNDS, winners
    assert not lock.exists()  # the last winner removed it


def test_lock_that_is_a_directory_is_a_german_message(tmp_path: Path) -> None:
    project = tmp_path / "Gemeinde.ozgdesk"
    project.write_bytes(b"")
    lock_path_for(project).mkdir()
    with pytest.raises(ProjectError) as caught:
        ProjectLock(project).acquire()
    assert "Ordner „Gemeinde.ozgdesk.lock“" in caught.value.what
    assert "Errno" not in caught.value.as_text()


def test_lock_is_held_by_the_os_while_open(tmp_path: Path) -> None:
    project = tmp_path / "Gemeinde.ozgdesk"
    project.write_bytes(b"")
    first = ProjectLock(project)
    first.acquire()
    try:
        # even with its content wiped, the lock stays with its holder
        lock_path_for(project).write_bytes(b"")
        code = (
            "import sys; from pathlib import Path; from ozgdesk.store.lock import ProjectLock\n"
            "from ozgdesk.store.errors import ProjectLockedError\n"
            "try:\n    ProjectLock(Path(sys.argv[1])).acquire()\nexcept ProjectLockedError:\n"
            "    sys.exit(3)\n"
        )
        done = subprocess.run([sys.executable, "-c", code, str(project)], timeout=60)
        assert done.returncode == 3
    finally:
        first.release()
    assert not lock_path_for(project).exists()
    assert os.listdir(tmp_path) == ["Gemeinde.ozgdesk"]
