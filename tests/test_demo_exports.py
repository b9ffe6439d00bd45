"""Every export the CLI offers runs on a fresh demo without options and writes its files.

The demo is created once (real SQLite file); each ``ozgdesk export ART`` runs through the
CLI's ``main`` with only ``--project`` and ``--out``. The kinds are read from the parser, so
a new export without an entry here fails the test. Workbooks are read back with openpyxl,
PDFs with pypdf, e-mail drafts with the email package.
"""

from __future__ import annotations

import argparse
import email
from datetime import date, datetime
from email import policy
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ozgdesk import cli
from ozgdesk.workflow import workdays, workshop
from ozgdesk.workflow.demo import create_demo

# export kind -> the --out values to try (a file name, or a folder name ending in "/")
OUTS = {
    "catalogue": ["Leistungen.xlsx"],
    "overview": ["Übersicht.pdf"],
    "offices": ["Ämter.xlsx"],
    "office-lists": ["Leistungslisten/"],
    "briefing": ["Information.pdf"],
    "forms": ["Formulare/"],
    "handouts": ["Unterlagen/"],
    "ics": ["Workshop.ics"],
    "minutes": ["Protokoll.pdf"],
    "invitations": ["Einladungen/"],
    "delivery": ["Lieferliste.xlsx", "Lieferliste.csv", "Lieferung.xml"],
    "checklists": ["Checklisten/"],
    "roadmap": ["Roadmap.pdf", "Zeitplan.png", "Roadmap.xlsx"],
    "council-report": ["Rat.pdf"],
}


def _export_kinds() -> set[str]:
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    export = commands["export"]
    kinds = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    return set(kinds.choices)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "Musterhausen.ozgdesk"
    create_demo(path).close()
    return path


def test_every_export_kind_is_covered() -> None:
    assert _export_kinds() == set(OUTS)


@pytest.mark.parametrize(
    ("kind", "out"), [(kind, out) for kind, outs in OUTS.items() for out in outs]
)
def test_export_runs_on_the_demo_without_options(
    demo: Path, tmp_path: Path, kind: str, out: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / out.rstrip("/")
    code = cli.main(["export", kind, "--project", str(demo), "--out", str(target)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    files = sorted(target.iterdir()) if out.endswith("/") else [target]
    assert files and all(f.is_file() and f.stat().st_size > 0 for f in files)
    for path in files:
        if path.suffix == ".xlsx":
            workbook = load_workbook(path)
            assert workbook.sheetnames
        elif path.suffix == ".pdf":
            assert len(PdfReader(path).pages) >= 1
        elif path.suffix == ".eml":
            msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            assert "@" in str(msg["To"])


def test_minutes_default_to_the_workshop_that_took_place(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "Protokoll.pdf"
    assert cli.main(["export", "minutes", "--project", str(demo), "--out", str(target)]) == 0
    assert "Auftakt-Workshop OZG" in capsys.readouterr().out
    text = " ".join((page.extract_text() or "") for page in PdfReader(target).pages)
    assert "niemand" not in text
    assert "Petra Beispiel" in text  # an attendee of the kick-off


def test_invitations_for_the_coming_workshop_report_who_has_no_address(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "Einladungen"
    assert cli.main(["export", "invitations", "--project", str(demo), "--out", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Folgetermin Roadmap" in out
    assert "Ohne E-Mail-Entwurf" in out and "Bürgermeisterin Dr. Anna Muster" in out
    drafts = sorted(folder.glob("*.eml"))
    assert len(drafts) >= 5
    body = email.message_from_bytes(drafts[0].read_bytes(), policy=policy.default)
    assert "Folgetermin Roadmap" in str(body["Subject"])


def test_demo_workshops_deadline_and_agendas(demo: Path) -> None:
    from ozgdesk.store.project import Project

    with Project.open(demo, read_only=True) as project:
        kick_off = workshop.last_held(project)
        follow_up = workshop.next_workshop(project)
        assert kick_off is not None and follow_up is not None
        assert kick_off.kind == "Auftakt" and follow_up.kind == "Folgetermin"
        assert kick_off.starts_at < datetime.now() < follow_up.starts_at
        deadline = kick_off.deliver_by
        assert deadline is not None
        assert workdays.is_working_day(deadline)
        assert deadline > date.today()  # after the date of the forms written today
        assert workshop.deadline_warnings(kick_off) == []
        first = workshop.detail(project, kick_off.id)  # type: ignore[arg-type]
        second = workshop.detail(project, follow_up.id)  # type: ignore[arg-type]
        assert first is not None and second is not None
        assert [e.title for e in second.agenda] != [e.title for e in first.agenda]
        assert second.agenda_minutes == follow_up.duration_minutes == 90
        assert sum(1 for p in second.participants if p.email) >= 5


def _guide_text(form: Path) -> str:
    return " ".join(str(c.value) for c in load_workbook(form)["Anleitung"]["A"] if c.value)


def test_forms_name_the_workshop_deadline_by_default(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ozgdesk.store.project import Project

    with Project.open(demo, read_only=True) as project:
        kick_off = workshop.last_held(project)
    assert kick_off is not None and kick_off.deliver_by is not None
    folder = tmp_path / "Formulare"
    assert cli.main(["export", "forms", "--project", str(demo), "--out", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"Rückgabefrist aus dem Workshop: {kick_off.deliver_by:%d.%m.%Y}" in out
    assert "Hinweis" not in out
    for form in folder.glob("*.xlsx"):
        assert f"bis zum {kick_off.deliver_by:%d.%m.%Y} zurück" in _guide_text(form)


def test_forms_deadline_before_the_forms_date_is_warned(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "Formulare"
    args = ["export", "forms", "--project", str(demo), "--out", str(folder)]
    assert cli.main([*args, "--deadline", "2025-12-25"]) == 0  # warned, not refused
    out = capsys.readouterr().out
    assert "Hinweis: Die Frist 25.12.2025 liegt vor dem Datum des Formulars" in out
    assert "Hinweis: Die Frist 25.12.2025 fällt auf einen Feiertag (Erster Weihnachtstag)" in out
    assert all("bis zum 25.12.2025" in _guide_text(f) for f in folder.glob("*.xlsx"))


@pytest.mark.parametrize("reply_to", ["jürgen@musterhausen.example", "=ozg@musterhausen.example"])
def test_forms_refuse_a_bad_reply_address(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], reply_to: str
) -> None:
    folder = tmp_path / "Formulare"
    args = ["export", "forms", "--project", str(demo), "--out", str(folder)]
    assert cli.main([*args, "--reply-to", reply_to]) == 2
    assert "--reply-to" in capsys.readouterr().err
    assert not folder.exists()


def test_demo_contact_data_passes_the_checks(demo: Path) -> None:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import checks, delivery, network, offices

    with Project.open(demo, read_only=True) as project:
        addresses = [c.email for o in offices.offices(project) for c in o.contacts]
        addresses += [c.email for c in network.contacts(project)]
        addresses += [u.get("email") for u in delivery.units(project)]
        addresses += [p.email for u in delivery.units(project) for p in u.persons]
        for w in workshop.workshops(project):
            addresses.append(w.organiser_email)
            detail = workshop.detail(project, w.id)  # type: ignore[arg-type]
            assert detail is not None
            addresses += [p.email for p in detail.participants]
    assert len([a for a in addresses if a]) > 20
    assert {a: checks.email_problem(a) for a in addresses if checks.email_problem(a)} == {}
