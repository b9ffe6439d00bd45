"""After an erase the outputs contain nothing of the person: Excel, PDF, CSV, e-mail
drafts and calendar files, written by the real export commands before and after."""

from __future__ import annotations

import csv
import email
import io
import sqlite3
import uuid
from email import policy
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ozgdesk.cli import main
from ozgdesk.store.project import Project
from ozgdesk.workflow import persons
from tests.conftest import copy_project

WHO = "Erika Muster"
MAIL = "e.muster@musterhausen.example"


def _xlsx(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    try:  # a read-only workbook keeps its file open until closed
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    finally:
        book.close()


def _pdf(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _eml(path: Path, kind: str) -> str:
    """The e-mail's addresses and text ("text/plain"), or the text of its attached
    invitation ("text/calendar") or PDF ("application/pdf")."""
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    parts = [str(message["To"] or ""), str(message["From"] or "")] if kind == "text/plain" else []
    for part in message.walk():
        if part.is_multipart() or part.get_content_type() != kind:
            continue
        payload = part.get_payload(decode=True) or b""
        if kind == "application/pdf":
            parts += [page.extract_text() or "" for page in PdfReader(io.BytesIO(payload)).pages]
        else:
            text = payload.decode("utf-8", "replace")
            parts.append(text.replace("\r\n ", "").replace("\n ", ""))
    return "\n".join(parts)


def _ics(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("\r\n ", "").replace("\n ", "")


def _csv(path: Path) -> str:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return "\n".join(" ".join(row) for row in csv.reader(fh, delimiter=";"))


def _exports(project: Path, out: Path) -> dict[str, str]:
    """Every output's text, keyed by what it is."""
    out.mkdir()
    runs = {
        "offices.xlsx": ["export", "offices", "--out", str(out / "aemter.xlsx")],
        "delivery.xlsx": ["export", "delivery", "--format", "xlsx", "--out", str(out / "d.xlsx")],
        "delivery.csv": ["export", "delivery", "--format", "csv", "--out", str(out / "d.csv")],
        "minutes.pdf": [
            "export",
            "minutes",
            "--out",
            str(out / "protokoll.pdf"),
            "--workshop",
            "1",
        ],
        "handouts.pdf": ["export", "handouts", "--out", str(out / "unterlagen"), "--workshop", "1"],
        "ics": ["export", "ics", "--out", str(out / "termin.ics"), "--workshop", "1"],
        "invitations": ["export", "invitations", "--out", str(out / "mails"), "--workshop", "1"],
    }
    texts = {}
    for what, args in runs.items():
        assert main([*args, "--project", str(project)]) == 0, what
    texts["offices.xlsx"] = _xlsx(out / "aemter.xlsx")
    texts["delivery.xlsx"] = _xlsx(out / "d.xlsx")
    texts["delivery.csv"] = _csv(out / "d.csv")
    texts["minutes.pdf"] = _pdf(out / "protokoll.pdf")
    handouts = sorted((out / "unterlagen").glob("*.pdf"))  # without the all-in-one copy
    texts["handouts.pdf"] = "\n".join(_pdf(p) for p in handouts if "Alles" not in p.name)
    texts["ics"] = _ics(out / "termin.ics")
    mails = sorted((out / "mails").glob("*.eml"))
    for name, kind in (("eml", "text/plain"), ("ics", "text/calendar"), ("pdf", "application/pdf")):
        texts[f"invitations.{name}"] = "\n".join(_eml(p, kind) for p in mails)
    texts["invitation files"] = " ".join(p.name for p in mails)
    return texts


def _mentions(text: str) -> bool:
    flat = " ".join(text.split()).casefold()
    return "erika" in flat or "e.muster@" in flat


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    from ozgdesk.workflow.demo import create_demo

    path = tmp_path / "Musterhausen.ozgdesk"
    create_demo(path).close()
    return path


def test_exports_after_an_erase_hold_nothing_of_the_person(demo: Path, tmp_path: Path) -> None:
    before = _exports(demo, tmp_path / "vorher")
    # the calendar entries (published, without attendees) name no one
    no_names = {"ics", "invitations.ics"}
    assert {what for what, text in before.items() if _mentions(text)} == set(before) - no_names
    with Project.open(demo) as project:
        outcome = persons.forget(project, persons.find(project, WHO))
        assert outcome.verified
    after = _exports(demo, tmp_path / "nachher")
    assert {what for what, text in after.items() if _mentions(text)} == set()
    # the others are still there
    assert all("Zahlmann" in text for what, text in after.items() if what not in no_names), {
        what for what, text in after.items() if "Zahlmann" not in text
    }


def test_exports_of_a_restored_backup_hold_nothing_either(demo: Path, tmp_path: Path) -> None:
    with Project.open(demo) as project:
        saved = project.backup("vorher")
        persons.forget(project, persons.find(project, MAIL))
    copy = copy_project(saved, tmp_path / "Wiederhergestellt.ozgdesk")
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute("UPDATE project_info SET uid = ?", (uuid.uuid4().hex,))
    conn.close()
    texts = _exports(copy, tmp_path / "aus-sicherung")
    assert {what for what, text in texts.items() if _mentions(text)} == set()
