"""Headless commands: exit codes, messages and the info JSON, run as real processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ozgdesk import __version__
from ozgdesk.store.schema import SCHEMA_VERSION


def run(
    *args: str, cwd: Path | None = None, exe: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = (exe or [sys.executable, "-m", "ozgdesk"]) + list(args)
    return subprocess.run(
        command, capture_output=True, text=True, cwd=cwd, env=os.environ.copy(), timeout=120
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"ozgdesk {__version__}"


def test_new_then_info_reports_the_catalogue(tmp_path: Path) -> None:
    target = tmp_path / "Ahaus.ozgdesk"
    created = run("new", "--project", str(target), "--municipality", "Ahaus")
    assert created.returncode == 0, created.stderr
    assert "5247 Leistungen" in created.stdout
    info = run("info", "--project", str(target), "--json")
    assert info.returncode == 0, info.stderr
    facts = json.loads(info.stdout)
    assert facts["schema_version"] == SCHEMA_VERSION
    assert facts["municipality"] == "Ahaus"
    assert facts["website"] == "ahaus.de"
    assert facts["services_total"] == 5247
    assert facts["services_with_key"] == 4813
    assert facts["services_without_key"] == 434
    assert facts["ozg_services_total"] == 557
    human = run("info", "--project", str(target))
    assert "Leistungen gesamt" in human.stdout and "5247" in human.stdout


def test_new_without_catalogue(tmp_path: Path) -> None:
    target = tmp_path / "leer.ozgdesk"
    assert (
        run(
            "new", "--project", str(target), "--municipality", "Neustadt", "--no-catalogue"
        ).returncode
        == 0
    )
    facts = json.loads(run("info", "--project", str(target), "--json").stdout)
    assert facts["services_total"] == 0 and facts["ozg_services_total"] == 0


def test_demo(tmp_path: Path) -> None:
    target = tmp_path / "demo.ozgdesk"
    result = run("demo", "--project", str(target))
    assert result.returncode == 0, result.stderr
    facts = json.loads(run("info", "--project", str(target), "--json").stdout)
    assert facts["municipality"] == "Gemeinde Musterhausen"
    assert facts["services_total"] == 5247


def test_refusals_exit_1_with_german_message(tmp_path: Path) -> None:
    existing = tmp_path / "da.ozgdesk"
    existing.write_text("x")
    result = run("new", "--project", str(existing), "--municipality", "Ahaus")
    assert result.returncode == 1
    assert "liegt bereits eine Datei" in result.stderr
    assert existing.read_text() == "x"

    result = run("info", "--project", str(existing))
    assert result.returncode == 1
    assert "keine ozgdesk-Projektdatei" in result.stderr

    result = run("info", "--project", str(tmp_path / "fehlt.ozgdesk"))
    assert result.returncode == 1
    assert "gibt es nicht" in result.stderr

    result = run("new", "--project", str(tmp_path / "x.ozgdesk"), "--municipality", "  ")
    assert result.returncode == 1
    assert "Namen der Kommune" in result.stderr
    assert not (tmp_path / "x.ozgdesk").exists()


@pytest.mark.parametrize(
    "args", [["info"], ["new", "--project", "x.ozgdesk"], ["gibtsnicht"], ["--unbekannt"]]
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Aufruf fehlerhaft" in result.stderr


def test_installed_command_finds_its_resources(tmp_path: Path) -> None:
    """The `ozgdesk` script of this environment, run outside the source tree.

    With `pip install .` this exercises the installed package, whose resources
    come from the wheel, not from the source checkout.
    """
    script = Path(sys.executable).with_name("ozgdesk")
    if not script.exists():
        script = Path(shutil.which("ozgdesk") or "")
    assert script.is_file(), "the ozgdesk command is not installed in this environment"
    target = tmp_path / "Bonn.ozgdesk"
    result = run(
        "new", "--project", str(target), "--municipality", "Bonn", cwd=tmp_path, exe=[str(script)]
    )
    assert result.returncode == 0, result.stderr
    facts = json.loads(
        run("info", "--project", str(target), "--json", cwd=tmp_path, exe=[str(script)]).stdout
    )
    assert facts["services_with_key"] == 4813
