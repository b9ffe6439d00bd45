"""Erasing one person from a project with 50,000 services and its backups (DSGVO Art. 17).

Builds once (not timed): the services as in ``backup_bench.py`` (catalogue repeated, 60 %
decided), an "Ansprechperson" (``service.contact_person``) on every 10th service from a
pool of 200 names, 12 offices with two OZG contacts and a contact point person each, a
workshop with 40 participants, 300 tasks, notes and minutes; the person to erase stands
on 25 services, in 3 tasks, one office contact, one contact point, the workshop and two
notes. Then ``--backups`` backups (default 10, what the rotation keeps in a day), each
after a small change. Per run a fresh copy of that state is used; timed:

- find_s: ``persons.find`` (name → address, every registered column);
- forget_s: ``persons.forget``: the erase in one transaction, ``VACUUM``, the raw-byte
  check of the file, every backup rewritten (in memory, ``VACUUM INTO``, checked);
- total_s = find_s + forget_s (target ≤ 3 s), forget_cpu_s: the processor time of the
  forget (all threads; on a shared machine the wall time also holds the waiting for a
  core), and project_only_s: find and forget with no backups, to show what backups cost.

    python bench/forget_bench.py [--services 50000] [--backups 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

NAME, EMAIL = "Friederike Quellbrunn", "f.quellbrunn@grossstadt.example"
NOW = "2026-01-05 10:00:00"


def _people(path: Path) -> None:
    """The persons, with plain SQL (the bench's own set-up, not ozgdesk's code path)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    pool = [f"Person{i:03d} Nachname{i:03d}" for i in range(200)]
    ids = [i for (i,) in conn.execute("SELECT id FROM service ORDER BY id")]
    conn.executemany(
        "UPDATE service SET contact_person = ? WHERE id = ?",
        [(pool[n % len(pool)], sid) for n, sid in enumerate(ids[::10])],
    )
    conn.executemany(
        "UPDATE service SET contact_person = ?, remark = ? WHERE id = ?",
        [(NAME, f"laut {NAME} prüfen", sid) for sid in ids[5 : 5 + 25 * 97 : 97]],
    )
    for o in range(12):
        office = conn.execute(
            "INSERT INTO office (name, kind, created_at) VALUES (?, 'Amt', ?)", (f"Amt {o}", NOW)
        ).lastrowid
        contacts = [
            (pool[o], f"p{o}@grossstadt.example"),
            (pool[o + 50], f"q{o}@grossstadt.example"),
        ]
        if o == 3:
            contacts[0] = (NAME, EMAIL)
        for n, (who, mail) in enumerate(contacts):
            conn.execute(
                "INSERT INTO office_contact (office_id, name, function, email, phone, deputy, position) "
                "VALUES (?, ?, 'Sachbearbeitung', ?, '0201 1', ?, ?)",
                (office, who, mail, n, n),
            )
        first, last = NAME.split() if o == 3 else pool[o + 100].split()
        conn.execute(
            "INSERT INTO delivery_person (office_id, position, first_name, surname, phone, email, hours) "
            "VALUES (?, 0, ?, ?, '0201 2', ?, 'Mo–Fr')",
            (office, first, last, EMAIL if o == 3 else f"r{o}@grossstadt.example"),
        )
    workshop = conn.execute(
        "INSERT INTO workshop (uid, sequence, title, kind, starts_at, ends_at, setup_minutes, "
        "format, place, video_link, organiser, organiser_email, notes, created_at, updated_at) "
        "VALUES ('w1', 0, 'Auftakt', 'Auftakt', ?, ?, 0, 'vor Ort', 'Ratssaal', '', "
        "'OZG-Koordination', 'ozg@grossstadt.example', ?, ?, ?)",
        (NOW, NOW, f"Begrüßung durch {NAME}", NOW, NOW),
    ).lastrowid
    for n in range(40):
        who, mail = (NAME, EMAIL) if n == 7 else (pool[n + 20], f"t{n}@grossstadt.example")
        conn.execute(
            'INSERT INTO workshop_participant (workshop_id, position, name, role, "group", email, '
            "invitation, attended) VALUES (?, ?, ?, 'Amt', 'Amt', ?, 'zugesagt', 1)",
            (workshop, n, who, mail),
        )
    conn.execute(
        "INSERT INTO workshop_decision (workshop_id, position, text) VALUES (?, 0, ?)",
        (workshop, f"{NAME} ({EMAIL}) klärt die Schnittstelle."),
    )
    for n in range(300):
        owner = NAME if n % 100 == 1 else pool[n % len(pool)]
        conn.execute(
            "INSERT INTO task (step, title, owner, status, origin, created_at) "
            "VALUES (4, ?, ?, 'offen', 'Workshop', ?)",
            (f"Aufgabe {n}", owner, NOW),
        )
    conn.execute("COMMIT")
    conn.close()


def build(folder: Path, count: int, backups: int) -> Path:
    from backup_bench import build as build_services

    from ozgdesk.store.project import Project

    path = folder / "Grossstadt.ozgdesk"
    build_services(path, count)
    _people(path)
    with Project.open(path) as project:
        for n in range(backups):
            with project.raw_transaction() as conn:
                conn.execute(
                    "UPDATE task SET status = 'in Arbeit' WHERE title = ?", (f"Aufgabe {n}",)
                )
            project.backup(f"bench-{n}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--backups", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["OZGDESK_DATA_DIR"] = str(folder / "data")
        os.environ["OZGDESK_LOG_DIR"] = str(folder / "log")
        from ozgdesk.store import backups as store_backups
        from ozgdesk.store.project import Project
        from ozgdesk.workflow import persons

        started = time.perf_counter()
        built = build(folder / "built", args.services, args.backups)
        built_backups = store_backups.folder_for(built)
        print(f"build_s={time.perf_counter() - started:.1f} (not part of the figures)")
        size_mb = built.stat().st_size / 1e6

        timings: dict[str, list[float]] = {"find": [], "forget": [], "cpu": [], "project_only": []}
        places = purged = 0
        for run in range(args.runs):
            for with_backups in (True, False):
                work = folder / f"run{run}-{int(with_backups)}"
                work.mkdir()
                path = work / f"Lauf{run}-{int(with_backups)}.ozgdesk"  # a name of its own
                shutil.copy(built, path)
                if with_backups:
                    shutil.copytree(
                        built_backups, store_backups.folder_for(path), dirs_exist_ok=True
                    )
                with Project.open(path) as project:
                    started = time.perf_counter()
                    finding = persons.find(project, NAME)
                    found_s = time.perf_counter() - started
                    started, cpu = time.perf_counter(), time.process_time()
                    outcome = persons.forget(project, finding)
                    forget_s = time.perf_counter() - started
                    forget_cpu = time.process_time() - cpu
                assert outcome.verified and not finding.ambiguous, outcome
                if with_backups:
                    timings["find"].append(found_s)
                    timings["forget"].append(forget_s)
                    timings["cpu"].append(forget_cpu)
                    places = len(outcome.erased)
                    purged = sum(1 for b in outcome.backups if b.places)
                    assert purged == args.backups, outcome.backups
                else:
                    timings["project_only"].append(found_s + forget_s)
                shutil.rmtree(work)
                shutil.rmtree(store_backups.folder_for(path), ignore_errors=True)
        median = {k: statistics.median(v) for k, v in timings.items()}
        print(
            f"services={args.services} size_mb={size_mb:.1f} places={places} backups={purged} "
            f"find_s={median['find']:.2f} forget_s={median['forget']:.2f} "
            f"total_s={median['find'] + median['forget']:.2f} forget_cpu_s={median['cpu']:.2f} "
            f"project_only_s={median['project_only']:.2f} (median of {args.runs})"
        )


if __name__ == "__main__":
    main()
