"""Shared fixtures: isolated user folders, real project files in tmp dirs.

Creating a project with the full catalogue takes about a second, so one
template is built per test session and each test gets its own copy (made with
SQLite's backup API, like every copy ozgdesk makes).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The reference data the tests use: the built-in catalogue shipped in resources/ (a bare clone
# has everything the tests need; nothing outside the repository is read).
CATALOGUE_DATA = Path(__file__).resolve().parents[1] / "resources" / "catalogue"


@pytest.fixture(autouse=True, scope="session")
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("userdirs")
    saved = {
        k: os.environ.get(k)
        for k in (
            "OZGDESK_DATA_DIR",
            "OZGDESK_LOG_DIR",
            "OZGDESK_DOCUMENTS_DIR",
            "OZGDESK_CONFIG_DIR",
        )
    }
    os.environ["OZGDESK_DATA_DIR"] = str(base / "data")
    os.environ["OZGDESK_LOG_DIR"] = str(base / "log")
    os.environ["OZGDESK_DOCUMENTS_DIR"] = str(base / "Dokumente")
    os.environ["OZGDESK_CONFIG_DIR"] = str(base / "config")
    yield base
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def catalogue_template(tmp_path_factory: pytest.TempPathFactory, _isolated_user_dirs) -> Path:
    from ozgdesk.workflow.projects import create_project

    path = tmp_path_factory.mktemp("template") / "Vorlage.ozgdesk"
    create_project(path, "Ahaus").close()
    return path


def copy_project(source: Path, dest: Path) -> Path:
    src = sqlite3.connect(source)
    dst = sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return dest


@pytest.fixture
def catalogue_path(catalogue_template: Path, tmp_path: Path) -> Path:
    """Path of a fresh project file for "Ahaus" with the built-in catalogue (closed)."""
    return copy_project(catalogue_template, tmp_path / "Ahaus.ozgdesk")


# -- both backends -------------------------------------------------------------------------
# The store and workflow tests (tests/*.py using ``project`` or ``empty_project``) run twice:
# on a project file and on a database of a throw-away PostgreSQL server (tests/pg_server.py).
# A test about what only a file has (its bytes, lock file, backup folder, network shares) is
# marked ``@pytest.mark.file_only``; GUI tests (tests/ui) use files.


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "file_only: the test is about project files only")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    in_ui = metafunc.module.__name__.startswith("tests.ui")
    if in_ui or metafunc.definition.get_closest_marker("file_only"):
        metafunc.parametrize("backend", ["file"])
    else:
        metafunc.parametrize("backend", ["file", "server"])


@pytest.fixture(scope="session")
def pg():
    """The throw-away PostgreSQL server (started once per test session)."""
    from tests import pg_server

    if not pg_server.available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL fehlt: .ci/run installiert es (apt-get install postgresql)")
        pytest.skip("PostgreSQL ist auf diesem Rechner nicht installiert")
    server = pg_server.start()
    yield server
    server.stop()


_databases = iter(range(1, 1_000_000))


@pytest.fixture(scope="session")
def server_templates(pg):
    """Template databases: one with the built-in catalogue for "Ahaus", one empty project."""
    from ozgdesk.workflow.projects import create_project
    from tests import pg_server

    pg_server.admin_execute(pg, "CREATE DATABASE tpl_catalogue", "CREATE DATABASE tpl_empty")
    create_project(pg.url("tpl_catalogue"), "Ahaus").close()
    create_project(pg.url("tpl_empty"), "Testdorf", with_catalogue=False).close()
    return {"catalogue": "tpl_catalogue", "empty": "tpl_empty"}


def new_server_database(pg, template: str | None = None) -> str:
    """A fresh database on the test server (a copy of ``template``); its URL."""
    from tests import pg_server

    name = f"t{next(_databases)}"
    source = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
    pg_server.admin_execute(pg, f"CREATE DATABASE {name}{source}")
    return pg.url(name)


@pytest.fixture
def backend() -> str:
    return "file"  # replaced by the parametrisation above


def _open_for(backend: str, request: pytest.FixtureRequest, kind: str, file_path):
    from ozgdesk.store.project import Project

    if backend == "server":
        from ozgdesk.store.server import ServerProject

        pg = request.getfixturevalue("pg")
        templates = request.getfixturevalue("server_templates")
        return ServerProject.open(new_server_database(pg, templates[kind]))
    return Project.open(file_path())


@pytest.fixture
def project(backend: str, request: pytest.FixtureRequest, tmp_path: Path):
    """An open project with the built-in catalogue ("Ahaus"), on a file or on the server;
    closed after the test."""
    opened = _open_for(
        backend, request, "catalogue", lambda: request.getfixturevalue("catalogue_path")
    )
    yield opened
    opened.close()


@pytest.fixture
def empty_project(backend: str, request: pytest.FixtureRequest, tmp_path: Path):
    from ozgdesk.workflow.projects import create_project

    if backend == "server":
        opened = _open_for(backend, request, "empty", None)
    else:
        opened = create_project(tmp_path / "Leer.ozgdesk", "Testdorf", with_catalogue=False)
    yield opened
    opened.close()
