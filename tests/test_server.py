"""The PostgreSQL server mode: concurrency, conflicts, access separation, moving projects.

Everything runs against the throw-away server of tests/pg_server.py (see conftest's ``pg``).
The store and workflow tests of the other modules run on the server too (``backend``)."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ozgdesk.store.server import NotEmptyError, ServerProject
from ozgdesk.store.server_address import ServerAddress, redact
from ozgdesk.store.server_connection import ServerError
from ozgdesk.workflow import overview, relevance
from ozgdesk.workflow.conflicts import EditConflictError
from ozgdesk.workflow.projects import create_project
from tests import dbstate, pg_server
from tests.conftest import new_server_database


def ozgdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=300,
    )


@pytest.fixture
def server_project(pg, server_templates):
    opened = ServerProject.open(new_server_database(pg, server_templates["catalogue"]))
    yield opened
    opened.close()


# -- conflicts ---------------------------------------------------------------------------


def test_a_stale_edit_is_refused_with_both_values_and_can_be_stored_after_all(
    server_project: ServerProject,
) -> None:
    other = ServerProject.open(server_project.address.url())
    try:
        row = overview.catalogue_rows(server_project)[0]
        relevance.decide(
            other, [row.id], relevance.RELEVANT, "Kollegin", seen={row.id: row.version}
        )
        with pytest.raises(EditConflictError) as refused:
            relevance.decide(
                server_project, [row.id], relevance.NOT_RELEVANT, "ich", seen={row.id: row.version}
            )
        (conflict,) = refused.value.conflicts
        assert (conflict.theirs, conflict.mine) == (relevance.RELEVANT, relevance.NOT_RELEVANT)
        assert "relevant" in refused.value.what and "nicht relevant" in refused.value.what
        assert overview.catalogue_rows(other, [row.id])[0].relevance == relevance.RELEVANT
        relevance.decide(
            server_project, [row.id], relevance.NOT_RELEVANT, "ich", seen=refused.value.seen()
        )
        assert overview.catalogue_rows(other, [row.id])[0].relevance == relevance.NOT_RELEVANT
    finally:
        other.close()


def test_the_same_value_set_twice_is_no_conflict(server_project: ServerProject) -> None:
    row = overview.catalogue_rows(server_project)[0]
    relevance.decide(server_project, [row.id], relevance.RELEVANT, seen={row.id: row.version})
    relevance.decide(server_project, [row.id], relevance.RELEVANT, seen={row.id: row.version})
    assert overview.catalogue_rows(server_project, [row.id])[0].version == row.version + 2


def _worker(url: str, ids: list[int], rounds: int, seed: int, out) -> None:  # noqa: ANN001
    """One user: read a service, think a moment, decide it differently (with the version
    seen). Reports each attempt: (id, seen version, value, outcome)."""
    try:
        out.put(_attempts(url, ids, rounds, seed))
    except BaseException as exc:  # reported to the test, not lost in the child process
        out.put([("failed", repr(exc))])


def _attempts(url: str, ids: list[int], rounds: int, seed: int) -> list[tuple]:  # type: ignore[type-arg]
    rng = random.Random(seed)
    done: list[tuple] = []  # type: ignore[type-arg]
    with ServerProject.open(url) as project:
        for _ in range(rounds):
            service_id = rng.choice(ids)
            row = overview.catalogue_rows(project, [service_id])[0]
            wanted = rng.choice([d for d in relevance.DECISIONS if d != row.relevance])
            time.sleep(rng.random() * 0.02)
            try:
                relevance.decide(
                    project, [service_id], wanted, f"p{seed}", seen={service_id: row.version}
                )
                made = project.written_versions[service_id]
                done.append((service_id, row.version, wanted, "ok", made))
            except EditConflictError as conflict:
                assert [c.service_id for c in conflict.conflicts] == [service_id]
                done.append((service_id, row.version, wanted, "conflict", 0))
    return done


def _importer(url: str, list_path: str, out) -> None:  # noqa: ANN001
    from ozgdesk.workflow.importing import analyse, run_import

    try:
        with ServerProject.open(url) as project:
            report = run_import(project, analyse(list_path, project=project))
            out.put([("import", report.added, report.committed, report.reason)])
    except BaseException as exc:
        out.put([("failed", repr(exc))])


def test_ten_processes_editing_and_importing_lose_no_update(
    server_project: ServerProject, tmp_path: Path
) -> None:
    from tests.fixtures import spreadsheets as fx

    rows = overview.catalogue_rows(server_project)
    hot = [r.id for r in rows[:12]]  # few services, many users: conflicts are certain
    lists = []
    for n in range(2):
        table = [["Leistungsschlüssel", "Leistungsbezeichnung"]] + [
            [f"18{n}{i + 1000:04d}1234567", f"Neue Leistung {n}-{i}"] for i in range(300)
        ]
        lists.append(fx.write_csv(tmp_path / f"liste{n}.csv", table))
    url = server_project.address.url()
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    workers = [
        context.Process(target=_worker, args=(url, hot, 25, seed, out)) for seed in range(8)
    ] + [context.Process(target=_importer, args=(url, str(path), out)) for path in lists]
    for process in workers:
        process.start()
    results = [out.get(timeout=240) for _ in workers]
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    assert not [a for result in results for a in result if a[0] == "failed"]
    attempts = [a for result in results for a in result if a[0] != "import"]
    imports = [a for result in results for a in result if a[0] == "import"]
    assert len(attempts) == 8 * 25 and len(imports) == 2
    assert all(i[2] and i[1] == 300 for i in imports), imports
    ok = [a for a in attempts if a[3] == "ok"]
    conflicts = [a for a in attempts if a[3] == "conflict"]
    assert conflicts, "with 8 users on 12 services some edits must meet"
    # Replay each service's stored edits in the order of the versions they made (2, 3, …:
    # only the users edit these services). An edit made from an older version than the one
    # it replaced, with a value different from the stored one, would be a lost update.
    final = {r.id: r for r in overview.catalogue_rows(server_project, hot)}
    lost = []
    for service_id in hot:
        stored = sorted((a for a in ok if a[0] == service_id), key=lambda a: a[4])
        assert [a[4] for a in stored] == list(range(2, 2 + len(stored)))
        value = ""
        for _id, seen, wanted, _outcome, made in stored:
            if seen != made - 1 and wanted != value:
                lost.append((service_id, seen, made, value, wanted))
            value = wanted
        assert final[service_id].relevance == value
        assert final[service_id].version == 1 + len(stored)
    assert lost == []
    assert dbstate.query(server_project, "SELECT count(*) FROM service WHERE key LIKE '18%'") == [
        (600,)
    ]


# -- access ------------------------------------------------------------------------------


def test_one_municipality_cannot_read_another_and_the_district_only_reads(pg) -> None:
    from ozgdesk.store import server_roles

    admin = ServerAddress.parse(pg.url("postgres"))
    for town in ("a", "b"):
        server_roles.set_up(
            admin.with_database(f"ozg_{town}"),
            coordinator=f"koord_{town}",
            readers=["kreis"],
            coordinator_password=f"pw-{town}",
            reader_password="pw-kreis",
        )
    server_roles.set_up(admin.with_database("ozg_c"), "koord_c", [], "pw-c")
    for town in ("a", "b"):
        url = pg.url(f"ozg_{town}", user=f"koord_{town}", password=f"pw-{town}")
        create_project(url, f"Stadt {town.upper()}").close()
    with ServerProject.open(pg.url("ozg_a", "koord_a", "pw-a")) as mine:
        assert mine.uid
    with pytest.raises(ServerError) as refused:
        ServerProject.open(pg.url("ozg_b", "koord_a", "pw-a"))
    assert "erlaubt diesen Zugriff nicht" in refused.value.what
    with pytest.raises(ServerError):
        ServerProject.open(pg.url("ozg_a", "koord_a", "falsch"))
    for town in ("a", "b"):
        with ServerProject.open(pg.url(f"ozg_{town}", "kreis", "pw-kreis"), read_only=True) as seen:
            assert overview.catalogue_rows(seen)
            row = overview.catalogue_rows(seen)[0]
            with pytest.raises(ServerError):
                relevance.decide(seen, [row.id], relevance.RELEVANT)
        writing = ServerProject.open(pg.url(f"ozg_{town}", "kreis", "pw-kreis"))
        with writing, pytest.raises(ServerError):  # not read-only by choice, by privilege
            relevance.decide(writing, [row.id], relevance.RELEVANT)
    with pytest.raises(ServerError):
        ServerProject.open(pg.url("ozg_c", "kreis", "pw-kreis"), read_only=True)
    # the district's overview reads the towns with its reader role; the third refuses it
    from ozgdesk.workflow import district

    report = district.overview(
        [pg.url(f"ozg_{town}", "kreis", "pw-kreis") for town in ("a", "b", "c")]
    )
    assert [m.source for m in report.members] == ["Serverdatenbank", "Serverdatenbank"]
    assert len(report.unreadable) == 1 and report.unreadable[0].startswith("ozg_c: ")
    assert "pw-kreis" not in report.unreadable[0]


# -- creating, moving, commands ----------------------------------------------------------


def test_new_fills_an_empty_database_and_refuses_a_used_one(pg) -> None:
    url = new_server_database(pg)
    created = ozgdesk("new", "--db", url, "--municipality", "Nörvenich")
    assert created.returncode == 0, created.stderr
    assert "5.247" in created.stdout or "5247" in created.stdout
    facts = json.loads(ozgdesk("info", "--db", url, "--json").stdout)
    assert facts["backend"] == "server" and facts["services_total"] == 5247
    assert facts["path"] == ServerAddress.parse(url).display and "passwort" not in facts["path"]
    again = ozgdesk("new", "--db", url, "--municipality", "Nörvenich")
    assert again.returncode == 1 and "enthält bereits Tabellen" in again.stderr
    with pytest.raises(NotEmptyError):
        ServerProject.create(url, "Nörvenich")


def test_upload_then_backup_brings_the_same_project_back(
    pg, catalogue_path: Path, tmp_path: Path
) -> None:
    from ozgdesk.store.project import Project

    with Project.open(catalogue_path) as project:
        rows = overview.catalogue_rows(project)
        relevance.decide(project, [r.id for r in rows[:40]], relevance.RELEVANT, "wichtig")
    url = new_server_database(pg)
    uploaded = ozgdesk("upload", "--project", str(catalogue_path), "--db", url, "--json")
    assert uploaded.returncode == 0, uploaded.stderr
    assert json.loads(uploaded.stdout)["rows"]["service"] == 5247
    out = tmp_path / "zurueck.ozgdesk"
    saved = ozgdesk("backup", "--db", url, "--out", str(out))
    assert saved.returncode == 0, saved.stderr
    with Project.open(catalogue_path, read_only=True) as original, Project.open(out) as back:
        assert overview.catalogue_rows(back) == overview.catalogue_rows(original)
        assert back.uid == original.uid
    with ServerProject.open(url) as server:
        assert len([r for r in overview.catalogue_rows(server) if r.relevance]) == 40
        new_id = relevance.decide(server, [rows[50].id], relevance.CHECK)  # ids go on
        assert new_id


def test_server_backup_and_restore(server_project: ServerProject) -> None:
    rows = overview.catalogue_rows(server_project)
    saved = server_project.backup("manuell")
    relevance.decide(server_project, [r.id for r in rows[:5]], relevance.RELEVANT)
    safety = server_project.restore(saved)
    assert safety.is_file() and safety != saved
    assert not [r for r in overview.catalogue_rows(server_project) if r.relevance]


def test_passwords_never_appear_in_what_is_shown(pg) -> None:
    url = pg.url("gibtsnicht")
    with pytest.raises(ServerError) as refused:
        ServerProject.open(url)
    assert pg_server.ADMIN_PASSWORD not in refused.value.as_text()
    assert "gibtsnicht" in refused.value.what
    assert redact(url).count("***") == 1 and pg_server.ADMIN_PASSWORD not in redact(url)


def test_a_lead_office_set_meanwhile_is_a_conflict_too(server_project: ServerProject) -> None:
    from ozgdesk.workflow import assignment, offices

    other = ServerProject.open(server_project.address.url())
    try:
        bauamt, ordnungsamt = offices.add_offices(
            server_project, [("Bauamt", ""), ("Ordnungsamt", "")]
        )
        row = overview.catalogue_rows(server_project)[0]
        assignment.assign(other, [row.id], ordnungsamt, seen={row.id: row.version})
        with pytest.raises(EditConflictError) as refused:
            assignment.assign(server_project, [row.id], bauamt, seen={row.id: row.version})
        (conflict,) = refused.value.conflicts
        assert (conflict.field, conflict.theirs, conflict.mine) == (
            "federführendes Amt",
            "Ordnungsamt",
            "Bauamt",
        )
        assert overview.catalogue_rows(other, [row.id])[0].office == "Ordnungsamt"
    finally:
        other.close()


def test_delivery_data_changed_meanwhile_is_a_conflict(server_project: ServerProject) -> None:
    from dataclasses import replace

    from ozgdesk.workflow import delivery

    other = ServerProject.open(server_project.address.url())
    try:
        row = overview.catalogue_rows(server_project)[0]
        relevance.decide(server_project, [row.id], relevance.RELEVANT)
        (seen,) = delivery.stored(server_project, [row.id])  # what my screen shows
        delivery.edit_services(other, [row.id], page_url="https://ahaus.de/a")  # meanwhile
        mine = replace(seen, exists=True, values={**seen.values, "page_url": "https://ahaus.de/b"})
        with pytest.raises(EditConflictError) as refused:
            delivery.save_services(server_project, [mine], check=True)
        (conflict,) = refused.value.conflicts
        assert (conflict.field, conflict.theirs, conflict.mine) == (
            "Seite auf der Website",
            "https://ahaus.de/a",
            "https://ahaus.de/b",
        )
        assert delivery.stored(other, [row.id])[0].values["page_url"] == "https://ahaus.de/a"
        again = replace(mine, version=refused.value.seen()[row.id])
        delivery.save_services(server_project, [again], check=True)
        assert delivery.stored(other, [row.id])[0].values["page_url"] == "https://ahaus.de/b"
    finally:
        other.close()
