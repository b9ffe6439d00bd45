"""Network shares: detection, and working on a local copy that is written back on close."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ozgdesk.store import backups
from ozgdesk.store.errors import ProjectLockedError
from ozgdesk.store.location import is_network_path
from ozgdesk.store.lock import lock_path_for
from ozgdesk.store.project import Project
from ozgdesk.workflow import relevance
from tests.conftest import copy_project


def test_detects_unc_and_local_paths(tmp_path: Path) -> None:
    assert is_network_path(r"\\rathaus-fs01\ozg\Ahaus.ozgdesk")
    assert is_network_path("//rathaus-fs01/ozg/Ahaus.ozgdesk")
    assert not is_network_path(tmp_path / "lokal.ozgdesk")


def test_working_copy_keeps_the_share_locked_and_writes_back(
    catalogue_template: Path, tmp_path: Path
) -> None:
    (tmp_path / "share").mkdir()
    share = copy_project(catalogue_template, tmp_path / "share" / "Ahaus.ozgdesk")
    working = Project.open_working_copy(share)
    assert working.remote_path == share and working.path != share
    assert json.loads(lock_path_for(share).read_text(encoding="utf-8"))["pid"] > 0
    with pytest.raises(ProjectLockedError):  # the share's file stays locked meanwhile
        Project.open(share)
    relevance.decide(working, [1, 2, 3], relevance.RELEVANT)
    # nothing reaches the share before closing
    assert (
        sqlite3.connect(share)
        .execute("SELECT count(*) FROM service WHERE relevance = 'relevant'")
        .fetchone()[0]
        == 0
    )
    local = working.path
    working.close()
    assert (
        sqlite3.connect(share)
        .execute("SELECT count(*) FROM service WHERE relevance = 'relevant'")
        .fetchone()[0]
        == 3
    )
    assert not lock_path_for(share).exists() and not local.exists()
    with Project.open(share) as again:
        assert any("vor-Zurueckschreiben" in p.name for p in backups.files(again.backup_folder()))
