"""The district team: share a template, review it, take over parts of it, undo; the district
overview from project files and share files. Three real projects: the demo municipality
(which shares), a fresh one (which takes over) and one with decisions of its own."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ozgdesk.formats import share_file as sf
from ozgdesk.store.project import Project
from ozgdesk.workflow import district, relevance, sharing, sharing_apply
from tests.conftest import copy_project

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory, _isolated_user_dirs) -> Path:
    from ozgdesk.workflow.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "Musterhausen.ozgdesk"
    create_demo(path).close()
    return path


@pytest.fixture(scope="module")
def shared(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    with Project.open(demo_path, read_only=True) as project:
        return sharing.export_share(project, tmp_path_factory.mktemp("share") / "muster")


def _personal_values(path: Path) -> set[str]:
    """Names, e-mail addresses and phone numbers the demo holds (each at least 6 characters)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        values: set[str] = set()
        for sql in (
            "SELECT name, email, phone FROM office_contact",
            "SELECT name, email, '' FROM workshop_participant",
            "SELECT first_name || ' ' || surname, email, phone FROM delivery_person",
            "SELECT person, email, phone FROM network_contact",
            "SELECT owner, '', '' FROM task",
            "SELECT person, '', '' FROM briefing",
            "SELECT organiser, organiser_email, '' FROM workshop",
            "SELECT asked_person, '', '' FROM tech_prerequisite",
        ):
            for row in conn.execute(sql):
                values.update(v.strip() for v in row if v and len(v.strip()) >= 6)
        notes = [
            n
            for (n,) in conn.execute(
                "SELECT notes FROM workshop UNION SELECT notes FROM service_plan "
                "UNION SELECT notes FROM network_contact UNION SELECT remark FROM service"
            )
            if n and len(n) >= 12
        ]
        return values | set(notes)
    finally:
        conn.close()


def test_share_file_is_documented_json_without_personal_data(demo_path: Path, shared: Path) -> None:
    assert shared.suffix == ".ozgvorlage"
    with zipfile.ZipFile(shared) as zf:
        names = set(zf.namelist())
        assert {"manifest.json", "schema.json", *sf.MEMBERS} <= names
        manifest = json.loads(zf.read("manifest.json"))
        raw = b"".join(zf.read(n) for n in zf.namelist()).decode("utf-8")
    assert manifest["format"] == "ozgdesk-vorlage" and manifest["version"] == 1
    assert manifest["producer"].startswith("ozgdesk ")
    personal = _personal_values(demo_path)
    assert len(personal) > 20  # the demo does hold people, so the search means something
    assert any("@" in p for p in personal)
    leaked = sorted(p for p in personal if p in raw)
    assert leaked == []
    share = sf.read(shared)
    assert len(share.decisions) > 100 and share.offices and share.plans and share.agenda
    assert all(d.relevance in relevance.DECISIONS for d in share.decisions)
    assert share.summary.relevant > 0 and share.summary.online_per_quarter


def _state(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = ("office", "service_involved_office", "service_plan", "prerequisite",
                  "relevance_rule", "assignment_rule", "agenda_item")  # fmt: skip
        parts = [
            repr(conn.execute(
                "SELECT id, relevance, relevance_reason, relevance_at, lead_office_id, "
                "assignment_source FROM service ORDER BY id").fetchall())
        ]  # fmt: skip
        parts += [repr(conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()) for t in tables]
        return "\n".join(parts)
    finally:
        conn.close()


def test_review_partial_take_over_and_undo(
    shared: Path, catalogue_template: Path, tmp_path: Path
) -> None:
    share = sf.read(shared)
    target = copy_project(catalogue_template, tmp_path / "Nachbar.ozgdesk")
    before = _state(target)
    with Project.open(target) as project:
        review = sharing.review(project, share)
        counts = review.counts()
        assert counts[sharing.NEW] > 1000 and sharing.DIFFERENT not in counts
        decisions = [i for i in review.items if i.kind == sharing.KIND_DECISION and i.changes]
        # take over ten decisions and one office with its services, nothing else
        office = max(share.offices, key=lambda o: len(o.lead))
        leads = [i for i in review.items if i.kind == sharing.KIND_LEAD and i.key in office.lead]
        accepted = {i.id for i in decisions[:10]} | {f"A:{office.name}"} | {i.id for i in leads}
        applied = sharing_apply.apply(project, share, review, accepted)
        assert Path(applied.backup).is_file()  # backed up first
        assert sorted(applied.taken) == sorted(accepted)
        with project.reading() as conn:
            rows = conn.execute(
                "SELECT key, relevance, relevance_reason FROM service WHERE relevance != ''"
            ).fetchall()
            assert {r[0] for r in rows} == {i.key for i in decisions[:10]}
            assert all("übernommen von der Gemeinde Musterhausen, Stand" in r[2] for r in rows)
            (office_id,) = conn.execute(
                "SELECT id FROM office WHERE name = ?", (office.name,)
            ).fetchone()
            held = {k for (k,) in conn.execute(
                "SELECT key FROM service WHERE lead_office_id = ?", (office_id,))}  # fmt: skip
            assert held == {i.key for i in leads} and held
            assert conn.execute("SELECT count(*) FROM office").fetchone()[0] == 1
        # what was not accepted is still offered, what was taken is now the same
        again = sharing.review(project, share).by_id()
        assert all(again[i].status == sharing.SAME for i in accepted)
        assert again[decisions[10].id].status == sharing.NEW
        sharing_apply.revert(project, applied)
    assert _state(target) == before


def test_own_decisions_are_never_overwritten_without_review(
    shared: Path, catalogue_template: Path, tmp_path: Path
) -> None:
    share = sf.read(shared)
    relevant = next(d for d in share.decisions if d.relevance == relevance.RELEVANT)
    target = copy_project(catalogue_template, tmp_path / "Eigensinn.ozgdesk")
    with Project.open(target) as project:
        with project.reading() as conn:
            (sid,) = conn.execute(
                "SELECT id FROM service WHERE key = ?", (relevant.key,)
            ).fetchone()
        relevance.decide(project, [sid], relevance.NOT_RELEVANT, "Kreis ist zuständig")
        review = sharing.review(project, share)
        item = review.by_id()[f"E:{relevant.key}"]
        assert item.status == sharing.DIFFERENT and item.current == relevance.NOT_RELEVANT
        # the default (all new items) leaves the own decision alone …
        applied = sharing_apply.apply(project, share, review, sharing.chosen(review, None))
        assert item.id not in applied.taken
        with project.reading() as conn:
            assert conn.execute(
                "SELECT relevance, relevance_reason FROM service WHERE id = ?", (sid,)
            ).fetchone() == (relevance.NOT_RELEVANT, "Kreis ist zuständig")
        # … and only naming it (or "alle") takes it over
        assert item.id in sharing.chosen(review, [item.id])
        assert item.id in sharing.chosen(review, ["alle"])
        sharing_apply.apply(project, share, review, {item.id}, backup=False)
        with project.reading() as conn:
            assert conn.execute(
                "SELECT relevance FROM service WHERE id = ?", (sid,)
            ).fetchone() == (relevance.RELEVANT,)


def test_district_overview_from_projects_and_share_files(
    demo_path: Path, shared: Path, catalogue_template: Path, tmp_path: Path
) -> None:
    share = sf.read(shared)
    relevant = [d for d in share.decisions if d.relevance == relevance.RELEVANT][:3]
    other = copy_project(catalogue_template, tmp_path / "Nachbar.ozgdesk")
    with Project.open(other) as project, project.reading() as conn:
        ids = [conn.execute("SELECT id FROM service WHERE key = ?", (d.key,)).fetchone()[0]
               for d in relevant]  # fmt: skip
    with Project.open(other) as project:
        relevance.decide(project, ids, relevance.NOT_RELEVANT, "Kreis")
    junk = tmp_path / "kaputt.ozgvorlage"
    junk.write_bytes(b"PK\x03\x04 kein zip")
    # the demo is open for writing elsewhere: the overview reads it all the same
    with Project.open(demo_path) as holder:
        report = district.overview([demo_path, other, shared, junk])
        assert holder.path == demo_path
    names = [m.name for m in report.members]
    assert names[0] == "Gemeinde Musterhausen" and names[1].endswith(" Ahaus")
    assert names[2] == "Gemeinde Musterhausen (muster.ozgvorlage)"  # the same one twice
    assert report.members[2].source.startswith("Vorlage vom ")
    assert report.members[0].relevant == report.members[2].relevant
    assert len(report.unreadable) == 1 and "kaputt.ozgvorlage" in report.unreadable[0]
    differing = {d.key for d in report.differences}
    assert {d.key for d in relevant} <= differing
    pdf, _ = district.export_district([demo_path, other, shared], tmp_path / "kreis.pdf")
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Kreisübersicht" in text and "Musterhausen" in text and relevant[0].key in text
    xlsx, _ = district.export_district([demo_path, other, shared], tmp_path / "kreis.xlsx")
    wb = load_workbook(xlsx)
    assert wb.sheetnames[:3] == ["Kommunen", "Online je Quartal", "Abweichende Entscheidungen"]
    assert wb["Kommunen"].max_row == 4
    keys = {
        row[0] for row in wb["Abweichende Entscheidungen"].iter_rows(min_row=2, values_only=True)
    }
    assert {d.key for d in relevant} <= keys


def test_hostile_or_foreign_share_files_are_refused_in_german(tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.ozgvorlage"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps({"format": sf.FORMAT, "version": 1}))
        zf.writestr("decisions.json", b" " * (sf.MAX_MEMBER_BYTES + 10))
    with pytest.raises(sf.ShareFileError, match="bombe.ozgvorlage.*decisions.json.*groß"):
        sf.read(bomb)
    newer = tmp_path / "neu.ozgvorlage"
    with zipfile.ZipFile(newer, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": sf.FORMAT, "version": 99}))
    with pytest.raises(sf.ShareFileError, match="Version 99"):
        sf.read(newer)
    text = tmp_path / "text.ozgvorlage"
    text.write_text("hallo", encoding="utf-8")
    with pytest.raises(sf.ShareFileError, match="kein ZIP-Archiv"):
        sf.read(text)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_cli_share_and_district(demo_path: Path, catalogue_template: Path, tmp_path: Path) -> None:
    out = tmp_path / "vorlage.ozgvorlage"
    result = _cli("share", "export", "--project", str(demo_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "keine Personendaten" in result.stdout and out.is_file()
    target = copy_project(catalogue_template, tmp_path / "Ziel.ozgdesk")
    before = target.read_bytes()
    dry = _cli("share", "import", "--project", str(target), str(out), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    data = json.loads(dry.stdout)
    assert data["dry_run"] and data["counts"]["neu"] > 100 and data["applied"] == 0
    assert target.read_bytes() == before
    first = next(i["id"] for i in data["items"] if i["kind"] == "Entscheidung")
    done = _cli("share", "import", "--project", str(target), str(out), "--accept", first)
    assert done.returncode == 0, done.stderr
    assert "1 Punkt übernommen" in done.stdout
    wrong = _cli("share", "import", "--project", str(target), str(out), "--accept", "E:0")
    assert wrong.returncode == 2 and "unbekannte Punkte" in wrong.stderr
    report = tmp_path / "kreis.xlsx"
    result = _cli("district", "--out", str(report), str(demo_path), str(target), str(out))
    assert result.returncode == 0, result.stderr
    assert "3 Kommunen" in result.stdout and report.is_file()
    bad = _cli("district", "--out", str(tmp_path / "kreis.txt"), str(demo_path))
    assert bad.returncode == 2
