"""Crash safety: a writer killed with SIGKILL at any moment never leaves a broken or
half-changed project behind.

A child process (a script written into ``tmp_path``) opens a real project and
writes in an endless loop: bulk relevance decisions over all 5,247 catalogue
services, imports of generated CSV and .xlsx lists (new services plus remarks
for 800 known ones) and single edits (a task and one contact person). Every
write transaction also stores its sequence number in the ``setting`` row
``crash.seq``; the child prints ``open N`` when transaction N starts, ``commit N``
just before it commits and ``committed N`` afterwards.

The parent kills the child with SIGKILL after a random delay (fixed seed), at
least 25 times, and after every kill checks: the dead process's lock is taken
over by ``Project.open``, which also rolls back a hot journal; ``PRAGMA
integrity_check`` and ``foreign_key_check`` are clean; the marker equals the
last committed transaction (or the one whose commit was under way); and the data
is exactly the result of transactions 1..marker – every transaction fully there
or fully absent. The next child continues from the recovered state.
"""

from __future__ import annotations

import inspect
import json
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ozgdesk.store.errors import InterruptedChangeError
from ozgdesk.store.lock import lock_path_for
from ozgdesk.store.project import Project
from tests import dbstate
from tests.conftest import copy_project

ROOT = Path(__file__).resolve().parents[1]
KILLS = 30
SEED = 20261122
MARKER = "crash.seq"
SOURCE = "Crashliste"
UPDATED = 800  # catalogue services whose remark every import sets
CATALOGUE = "origin LIKE 'Katalog NRW%'"


# -- the plan: what transaction N does (shared with the child via inspect.getsource) ------


def operation(seq: int) -> str:
    return ("decide", "import", "single", "import", "decide", "single", "single")[seq % 7]


def decision(seq: int) -> str:
    return ("relevant", "nicht relevant", "prüfen")[seq % 3]


def new_rows(seq: int) -> int:
    return 100 + (seq * 53) % 300


# -- the child ----------------------------------------------------------------------------

CHILD = '''
import contextlib
import csv
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import openpyxl

from ozgdesk.store.models import Service, Setting, Task
from ozgdesk.store.project import Project
from ozgdesk.workflow import relevance
from ozgdesk.workflow.importing import analyse, run_import

MARKER = {marker!r}
SOURCE = {source!r}
UPDATED = {updated!r}
CATALOGUE = {catalogue!r}

{plan}


def say(text):
    os.write(1, (text + "\\n").encode())  # unbuffered: every line reaches the parent


def write_list(folder, seq, updated):
    header = ["Leistungsschlüssel", "Leistungsbezeichnung", "Bemerkung"]
    rows = [[f"98{{seq:03d}}{{i + 1:03d}}000000", f"Crash-Import {{seq}} Nr. {{i}}", "neu"] for i in range(new_rows(seq))]
    rows += [[key, name, f"Import {{seq}}"] for key, name in updated]
    if seq % 2:
        path = folder / f"liste-{{seq}}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, delimiter=";").writerows([header, *rows])
    else:
        path = folder / f"liste-{{seq}}.xlsx"
        book = openpyxl.Workbook()
        for row in [header, *rows]:
            book.active.append(row)
        book.save(path)
    return path


def main():
    path, work = Path(sys.argv[1]), Path(sys.argv[2])
    project = Project.open(path)
    with project.reading() as conn:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (MARKER,)).fetchone()
        catalogue = [i for (i,) in conn.execute(f"SELECT id FROM service WHERE {{CATALOGUE}} ORDER BY id")]
        updated = conn.execute(
            f"SELECT key, name FROM service WHERE {{CATALOGUE}} AND key IS NOT NULL ORDER BY id LIMIT ?",
            (UPDATED,),
        ).fetchall()
    state = {{"seq": int(row[0]) if row else 0}}
    plain_session = project.session

    @contextlib.contextmanager
    def marked_session(rollback=False):
        """Every write transaction also stores its sequence number."""
        if rollback:
            with plain_session(rollback=True) as session:
                yield session
            return
        seq = state["seq"] + 1
        say(f"open {{seq}}")
        with plain_session() as session:
            # a small page cache: big transactions spill changed pages into the file before
            # the commit, as imports of 50,000 rows do, so a kill can leave a hot journal
            session.connection().exec_driver_sql("PRAGMA cache_size = 400")
            yield session
            session.merge(Setting(key=MARKER, value=str(seq)))
            session.flush()
            say(f"commit {{seq}}")
        state["seq"] = seq
        say(f"committed {{seq}}")

    project.session = marked_session
    say(f"ready {{state['seq']}}")
    while True:
        seq = state["seq"] + 1
        kind = operation(seq)
        if kind == "decide":
            relevance.decide(project, catalogue, decision(seq), f"Lauf {{seq}}")
        elif kind == "import":
            plan = analyse(write_list(work, seq, updated), project=project, source_label=SOURCE)
            report = run_import(project, plan)
            assert report.committed and not report.errors, (report.reason, report.errors[:1])
        else:
            with project.session() as session:
                session.add(Task(step=1, title=f"Aufgabe {{seq}}", created_at=datetime.now(UTC)))
                session.get(Service, catalogue[seq % len(catalogue)]).contact_person = f"Kontakt {{seq}}"
        assert state["seq"] == seq, (state, seq)


main()
'''


def child_script(folder: Path) -> Path:
    plan = "\n\n".join(inspect.getsource(f) for f in (operation, decision, new_rows))
    source = CHILD.format(
        marker=MARKER, source=SOURCE, updated=UPDATED, catalogue=CATALOGUE, plan=plan
    )
    path = folder / "crash_child.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


# -- reading a recovered project ----------------------------------------------------------


@dataclass
class State:
    marker: int
    decisions: list[tuple[str, str, int]]  # (relevance, reason, count) over the catalogue
    remarks: list[tuple[str, int]]  # (remark, count) over the services imports update
    imported: dict[int, int]  # sequence number → services that import added
    tasks: set[str]
    contacts: dict[int, str]  # catalogue position → contact person


def read_state(conn: sqlite3.Connection) -> State:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (MARKER,)).fetchone()
    catalogue = [
        i for (i,) in conn.execute(f"SELECT id FROM service WHERE {CATALOGUE} ORDER BY id")
    ]
    position = {service_id: n for n, service_id in enumerate(catalogue)}
    updated = (
        f"SELECT id FROM service WHERE {CATALOGUE} AND key IS NOT NULL ORDER BY id LIMIT {UPDATED}"
    )
    imported: Counter[int] = Counter()
    for (name,) in conn.execute("SELECT name FROM service WHERE name LIKE 'Crash-Import %'"):
        imported[int(name.split()[1])] += 1
    return State(
        marker=int(row[0]) if row else 0,
        decisions=conn.execute(
            f"SELECT relevance, relevance_reason, count(*) FROM service WHERE {CATALOGUE} "
            "GROUP BY 1, 2"
        ).fetchall(),
        remarks=conn.execute(
            f"SELECT remark, count(*) FROM service WHERE id IN ({updated}) GROUP BY 1"
        ).fetchall(),
        imported=dict(imported),
        tasks={t for (t,) in conn.execute("SELECT title FROM task WHERE title LIKE 'Aufgabe %'")},
        contacts={
            position[i]: c
            for i, c in conn.execute(
                "SELECT id, contact_person FROM service WHERE contact_person != ''"
            )
        },
    )


def expected_state(marker: int, catalogue_size: int) -> State:
    """The data after transactions 1..marker, each applied completely."""
    done = range(1, marker + 1)
    decides = [n for n in done if operation(n) == "decide"]
    imports = [n for n in done if operation(n) == "import"]
    singles = [n for n in done if operation(n) == "single"]
    last = decides[-1] if decides else None
    return State(
        marker=marker,
        decisions=[(decision(last), f"Lauf {last}", catalogue_size)]
        if last
        else [("", "", catalogue_size)],
        remarks=[(f"Import {imports[-1]}", UPDATED)] if imports else [("", UPDATED)],
        imported={n: new_rows(n) for n in imports},
        tasks={f"Aufgabe {n}" for n in singles},
        contacts={n % catalogue_size: f"Kontakt {n}" for n in singles},
    )


JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def journal_kind(journal: Path) -> str:
    """'' (no journal), 'hot' (SQLite must roll it back) or 'cold' (header still zero).

    With synchronous=FULL SQLite writes the journal header's magic number only after
    the journal has been synced, right before it overwrites pages of the file."""
    try:
        head = journal.read_bytes()[:8]
    except FileNotFoundError:
        return ""
    return "hot" if head == JOURNAL_MAGIC else "cold"


# -- the test -----------------------------------------------------------------------------


class Child:
    """The writing process; its output lines are collected by a thread."""

    def __init__(self, script: Path, project: Path, work: Path) -> None:
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.process = subprocess.Popen(
            [sys.executable, str(script), str(project), str(work)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=os.environ.copy(),
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            line = raw.decode().strip()
            self.lines.append(line)
            if line.startswith("ready"):
                self.ready.set()
        self.ready.set()  # end of output: do not wait any longer

    def kill(self) -> None:
        self.process.kill()  # SIGKILL (TerminateProcess on Windows): no clean-up at all
        self.process.wait(timeout=30)
        self._reader.join(timeout=30)
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()

    def stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read().decode(errors="replace")

    def last(self, word: str) -> int:
        numbers = [int(line.split()[1]) for line in self.lines if line.startswith(f"{word} ")]
        return max(numbers, default=0)


def test_killed_writer_never_leaves_a_half_change(catalogue_template: Path, tmp_path: Path) -> None:
    path = copy_project(catalogue_template, tmp_path / "Absturz.ozgdesk")
    work = tmp_path / "listen"
    work.mkdir()
    script = child_script(tmp_path)
    journal = path.with_name(path.name + "-journal")
    lock = lock_path_for(path)
    with Project.open(path) as project, project.reading() as conn:
        catalogue_size = conn.execute(f"SELECT count(*) FROM service WHERE {CATALOGUE}").fetchone()[
            0
        ]
        assert read_state(conn) == expected_state(0, catalogue_size)
    assert catalogue_size > 5000

    rng = random.Random(SEED)
    stats: Counter[str] = Counter()
    marker = 0
    for kill in range(KILLS):
        child = Child(script, path, work)
        assert child.ready.wait(timeout=120), child.stderr()
        assert child.lines and child.lines[0] == f"ready {marker}", (child.lines, child.stderr())
        # short and long delays, so kills land in every phase of the loop
        time.sleep(rng.choice([rng.uniform(0.0, 0.25), rng.uniform(0.25, 1.0)]))
        assert child.process.poll() is None, child.stderr()  # it must still be writing
        child.kill()
        stats["kills"] += 1
        last_line = child.lines[-1]
        if last_line.startswith("open "):
            stats["inside a transaction"] += 1
        elif last_line.startswith("commit "):
            stats["during the commit"] += 1
        left_behind = journal_kind(journal)
        if left_behind:
            stats[f"{left_behind} journal left behind"] += 1

        # the dead process's lock is still there …
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == child.process.pid
        # … and opening takes it over; it also rolls back a hot journal and checks integrity
        with Project.open(path) as project:
            assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
            # a hot journal has been played back and deleted; a cold one (its header still
            # zero: no page of the file was overwritten yet) is harmless and may stay
            assert journal_kind(journal) in ("", "cold")
            with project.reading() as conn:
                state = read_state(conn)
        raw = sqlite3.connect(path)
        try:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            raw.close()

        committed = max(marker, child.last("committed"))  # this child started at marker
        committing = child.last("commit")
        # durable: everything reported as committed is there; at most the transaction
        # whose commit was under way may be there as well
        assert state.marker >= committed, (kill, child.lines[-3:])
        assert state.marker == committed or state.marker == committing == committed + 1
        if state.marker > committed:
            stats["commit reached the disk, report did not"] += 1
        # atomic: the data is exactly transactions 1..marker, each one complete
        assert state == expected_state(state.marker, catalogue_size), (kill, child.lines[-3:])
        stats["transactions"] += state.marker - marker
        marker = state.marker

    assert stats["kills"] >= 25
    assert marker > 10  # the writer made progress between the kills
    assert stats["inside a transaction"] + stats["during the commit"] > 0
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(stats.items()))
    print(f"\nAbsturztest: {summary}")


HOLD = """
import os
import sys
import time

from ozgdesk.store.project import Project

project = Project.open(sys.argv[1])
with project.session() as session:
    connection = session.connection()
    connection.exec_driver_sql("PRAGMA cache_size = 10")  # small cache: changes spill to the file
    connection.exec_driver_sql("UPDATE service SET remark = 'halb geschrieben ' || id")
    os.write(1, b"holding\\n")
    time.sleep(600)
"""


def _dump(where: Any) -> str:
    return dbstate.dump(where)


def test_hot_journal_is_rolled_back_when_opening(catalogue_path: Path, tmp_path: Path) -> None:
    """A writer killed after half of its transaction reached the file itself: the
    journal left behind is hot, and opening the project puts the old pages back."""
    before_dump = _dump(catalogue_path)
    before_bytes = catalogue_path.read_bytes()
    script = tmp_path / "hold.py"
    script.write_text(HOLD, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, str(script), str(catalogue_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=os.environ.copy(),
    ) as child:
        try:
            assert child.stdout is not None
            line = child.stdout.readline()
            assert line == b"holding\n", child.stderr.read() if child.stderr else ""
        finally:
            child.kill()
            child.wait(timeout=30)
    journal = catalogue_path.with_name(catalogue_path.name + "-journal")
    assert journal.exists() and journal.stat().st_size > 0
    assert catalogue_path.read_bytes() != before_bytes  # the file alone is half-changed

    # read-only, the change cannot be rolled back: refused with an explanation, file untouched
    half_changed, hot = catalogue_path.read_bytes(), journal.read_bytes()
    with pytest.raises(InterruptedChangeError) as info:
        Project.open(catalogue_path, read_only=True)
    assert "mitten im Speichern beendet" in info.value.what
    assert "einmal normal (mit Schreibrechten)" in info.value.todo
    assert catalogue_path.read_bytes() == half_changed and journal.read_bytes() == hot

    with Project.open(catalogue_path) as project:
        assert not journal.exists()
        with project.reading() as conn:
            assert (
                conn.execute("SELECT count(*) FROM service WHERE remark != ''").fetchone()[0] == 0
            )
    assert _dump(catalogue_path) == before_dump
