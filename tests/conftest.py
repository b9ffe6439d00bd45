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


@pytest.fixture
def project(catalogue_path: Path):
    """An open project with the built-in catalogue; closed after the test."""
    from ozgdesk.store.project import Project

    opened = Project.open(catalogue_path)
    yield opened
    opened.close()


@pytest.fixture
def empty_project(tmp_path: Path):
    from ozgdesk.workflow.projects import create_project

    opened = create_project(tmp_path / "Leer.ozgdesk", "Testdorf", with_catalogue=False)
    yield opened
    opened.close()
