"""Personal data: the registry, finding and erasing a person in the project file and in
every backup – checked on the raw bytes of the files, for every registered column."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import ozgdesk.store.models  # noqa: F401 - fills the metadata
from ozgdesk.store import backups, personal_fields
from ozgdesk.store.personal_fields import TABLES, PersonalTable
from ozgdesk.store.project import Project
from ozgdesk.workflow import persons
from ozgdesk.workflow.projects import create_project
from tests.conftest import copy_project

NAME = "Zoë Quellbrunn"
SURNAME = "Quellbrunn"
EMAIL = "z.quellbrunn@example.org"
PHONE = "0171 5550199"
MARKER = "Zwergmausreferat"  # what else a person row says about them (role, hours …)
OTHER = "Hans Meier"  # another person who must stay

LOOKS_PERSONAL = re.compile(
    r"name|person|owner|mail|phone|fax|contact|responsible|organi[sz]er|note|remark|text|"
    r"title|reason|hours|role|function|comment|place|minutes|training|marketing|label|value|file"
)


# -- the registry ---------------------------------------------------------------------------------


def _is_text(column) -> bool:  # type: ignore[no-untyped-def]
    kind = column.type
    return isinstance(kind, String | AutoString)


def _string_columns() -> set[tuple[str, str]]:
    return {
        (table.name, column.name)
        for table in SQLModel.metadata.sorted_tables
        for column in table.columns
        if _is_text(column) or LOOKS_PERSONAL.search(column.name)
    }


def test_every_text_column_is_registered_or_declared_not_personal() -> None:
    """A new column that looks personal (or any new text column) fails here until it is
    added to store/personal_fields.py: to TABLES, or to NOT_PERSONAL with a reason."""
    registered = personal_fields.registered()
    unclassified = sorted(
        c
        for c in _string_columns()
        if c not in registered and c not in personal_fields.NOT_PERSONAL
    )
    assert unclassified == [], f"in store/personal_fields.py einordnen: {unclassified}"
    assert not registered & set(personal_fields.NOT_PERSONAL)
    assert all(reason.strip() for reason in personal_fields.NOT_PERSONAL.values())


def test_the_registry_names_only_existing_columns() -> None:
    tables = SQLModel.metadata.tables
    listed = personal_fields.registered() | set(personal_fields.NOT_PERSONAL)
    missing = sorted((t, c) for t, c in listed if t not in tables or c not in tables[t].columns)
    assert missing == []


def test_the_registry_covers_what_the_issue_names() -> None:
    registered = personal_fields.registered()
    for place in [
        ("service", "contact_person"),
        ("task", "owner"),
        ("briefing", "person"),
        ("agenda_item", "responsible"),
        ("prerequisite", "owner"),
        ("tech_prerequisite", "asked_person"),
        ("comm_item", "owner"),
        ("workshop_participant", "name"),
        ("office_contact", "email"),
        ("delivery_person", "surname"),
        ("network_contact", "phone"),
        ("workshop_decision", "text"),
        ("workshop", "notes"),
    ]:
        assert place in registered


# -- planting a person into any registered column ----------------------------------------------------


def _kind(spec: PersonalTable, column: str) -> str:
    for person in spec.persons:
        if column in person.name:
            return "name"
        if column == person.email:
            return "email"
        if column == person.phone:
            return "phone"
        if column in person.other:
            return "other"
    for kind in ("names", "emails", "texts", "json_texts"):
        if column in getattr(spec, kind):
            return kind
    raise AssertionError(column)


FIELDS = [(spec, column) for spec in TABLES for column in spec.columns]


def _filler(column, n: int) -> object:  # type: ignore[no-untyped-def]
    kind = column.type
    if isinstance(kind, Boolean | Integer):
        return 0
    if isinstance(kind, Float):
        return 0.0
    if isinstance(kind, DateTime):
        return "2026-01-05 10:00:00"
    if isinstance(kind, Date):
        return "2026-01-05"
    return f"Wert {column.name} {n}"


def _insert(
    conn: sqlite3.Connection, table: str, values: dict[str, object], parents: dict[str, int]
) -> int:
    meta = SQLModel.metadata.tables[table]
    row: dict[str, object] = {}
    for n, column in enumerate(meta.columns):
        if column.name in values:
            row[column.name] = values[column.name]
        elif column.foreign_keys:
            target = next(iter(column.foreign_keys)).column.table.name
            row[column.name] = parents.get(target)
        elif column.primary_key and isinstance(column.type, Integer):
            continue
        elif column.nullable and not column.primary_key:
            row[column.name] = None
        elif _is_text(column) and not column.primary_key:
            row[column.name] = ""
        else:
            row[column.name] = _filler(column, n)
    names = ", ".join(f'"{c}"' for c in row)
    cursor = conn.execute(
        f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})', list(row.values())
    )
    return int(cursor.lastrowid or 0)


def _plant(path: Path, spec: PersonalTable, column: str) -> str:
    """Put the person into ``column`` (as the field's kind suggests); returns the kind."""
    kind = _kind(spec, column)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        parents: dict[str, int] = {}
        parents["office"] = _insert(conn, "office", {"name": "Bauamt"}, parents)
        parents["ozg_service"] = _insert(
            conn, "ozg_service", {"ozg_id": "99999", "name": "X"}, parents
        )
        parents["service"] = _insert(conn, "service", {"name": "Testleistung"}, parents)
        parents["workshop"] = _insert(conn, "workshop", {"uid": "w1", "title": "Auftakt"}, parents)
        parents["import_source"] = _insert(conn, "import_source", {"label": "Liste"}, parents)
        # the link between name and address, as a network contact holds it
        _insert(
            conn,
            "network_contact",
            {"person": NAME, "email": EMAIL, "organisation": "Kreis"},
            parents,
        )
        person = next((p for p in spec.persons if column in p.columns), None)
        values: dict[str, object] = {}
        if person is not None:
            if len(person.name) == 2:
                values.update({person.name[0]: NAME.split()[0], person.name[1]: SURNAME})
            else:
                values[person.name[0]] = NAME
            if kind == "email":
                values[column] = EMAIL
            elif kind == "phone":
                values[column] = PHONE
            elif kind == "other":
                values[column] = MARKER
        elif kind == "names":
            values[column] = f"Frau {NAME}, {OTHER}"
        elif kind == "emails":
            values[column] = EMAIL
        elif kind == "texts":
            values[column] = f"Rücksprache mit {NAME.upper()} ({EMAIL}) am Montag"
        else:
            values[column] = json.dumps({"notiz": f"laut {NAME}, {EMAIL}"}, ensure_ascii=False)
        if spec.table == "service_delivery" or spec.table == "office_unit":
            key = "service_id" if spec.table == "service_delivery" else "office_id"
            values[key] = parents["service" if key == "service_id" else "office"]
        if spec.table == "setting":
            values["key"] = "bericht"
        _insert(conn, spec.table, values, parents)
        conn.execute("COMMIT")
        # an old removal made without secure_delete leaves the bytes in free space
        conn.execute("PRAGMA secure_delete = OFF")
        conn.execute("BEGIN")
        parents_note = _insert(
            conn, "task", {"title": f"Anruf {NAME} {EMAIL} " + "x" * 3000}, parents
        )
        conn.execute("DELETE FROM task WHERE id = ?", (parents_note,))
        conn.execute("COMMIT")
    finally:
        conn.close()
    return kind


def _raw_hits(path: Path, texts: list[str]) -> list[str]:
    data = path.read_bytes()
    hits = []
    for text in texts:
        for form in {text, text.lower(), text.upper(), text.casefold(), text.title()}:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if form.encode(encoding) in data:
                    hits.append(f"{path.name}: {form!r} ({encoding})")
    return hits


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("leer") / "Vorlage.ozgdesk"
    create_project(path, "Testort", with_catalogue=False).close()
    return path


@pytest.fixture
def small_project(empty_template: Path, tmp_path: Path) -> Path:
    path = copy_project(empty_template, tmp_path / "Ort.ozgdesk")
    conn = sqlite3.connect(path)
    with conn:  # a project of its own (backups are matched by name and project id)
        conn.execute("UPDATE project_info SET uid = ?", (uuid.uuid4().hex,))
    conn.close()
    return path


# every registered column, the person searched by name; e-mail columns also by address
CASES = [(spec, column, "name") for spec, column in FIELDS] + [
    (spec, column, "email") for spec, column in FIELDS if _kind(spec, column) in ("email", "emails")
]


@pytest.mark.parametrize(
    ("spec", "column", "query"), CASES, ids=[f"{s.table}.{c}-{q}" for s, c, q in CASES]
)
def test_erased_person_is_gone_from_the_raw_bytes_of_file_and_backups(
    small_project: Path, spec: PersonalTable, column: str, query: str
) -> None:
    kind = _plant(small_project, spec, column)
    wanted = (
        [NAME, SURNAME, EMAIL]
        + ([PHONE] if kind == "phone" else [])
        + ([MARKER] if kind == "other" else [])
    )
    with Project.open(small_project) as project:
        project.backup("vorher-1")
        project.backup("vorher-2")
        files = [small_project, *backups.files(project.backup_folder())]
        assert all(_raw_hits(f, [EMAIL]) for f in files)  # the test can fail
        finding = persons.find(project, NAME if query == "name" else EMAIL.upper())
        assert {(p.table, p.field) for p in finding.places} >= {(spec.table, column)}
        assert [p.name for p in finding.people] == [NAME]
        outcome = persons.forget(project, finding)
        assert outcome.verified, (outcome.project_check, outcome.backups)
        assert {b.state for b in outcome.backups} == {"bereinigt"}, outcome.backups
        assert persons.find(project, SURNAME).places == []
        if kind == "names":
            with project.reading() as conn:
                (left,) = conn.execute(
                    f'SELECT "{column}" FROM "{spec.table}" WHERE "{column}" != \'\''
                ).fetchone()
            assert left == OTHER  # the other person stays
    hits = [
        h
        for f in [small_project, *backups.files(backups.folder_for(small_project))]
        for h in _raw_hits(f, wanted)
    ]
    assert hits == []
    assert backups.verify(backups.files(backups.folder_for(small_project))[0]) == ""


# -- finding, refusing, the overview, the command line ---------------------------------------------


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ozgdesk.workflow.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "Musterhausen.ozgdesk"
    create_demo(path).close()
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    path = copy_project(demo_template, tmp_path / "Musterhausen.ozgdesk")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE project_info SET uid = ?", (uuid.uuid4().hex,))
    conn.close()
    return path


def test_the_address_leads_to_the_name_and_the_name_to_the_address(demo: Path) -> None:
    with Project.open(demo, read_only=True) as project:
        by_mail = persons.find(project, "E.Muster@Musterhausen.example")
        by_name = persons.find(project, "erika muster")
    assert by_mail.terms.names == ("Erika Muster",)
    assert by_name.terms.emails == ("e.muster@musterhausen.example",)
    # the task's owner holds only the name: found through the address all the same
    assert ("task", "owner") in {(p.table, p.field) for p in by_mail.places}
    assert [p.as_dict() for p in by_mail.places] == [p.as_dict() for p in by_name.places]
    assert [p.name for p in by_mail.people] == ["Erika Muster"] and not by_mail.ambiguous


def test_a_name_that_fits_several_persons_is_refused(demo: Path, capsys) -> None:
    from ozgdesk.cli import main

    before = demo.read_bytes()
    with Project.open(demo) as project:
        finding = persons.find(project, "Muster")
        assert finding.ambiguous
        assert {"Erika Muster", "Tobias Muster"} <= {p.name for p in finding.people}
        assert "Dr. Max Mustermann" not in {p.name for p in finding.people}  # whole words only
        with pytest.raises(ValueError, match="mehrere Personen"):
            persons.forget(project, finding)
    assert main(["forget", "--project", str(demo), "--person", "Muster"]) == 1
    assert "mehrere Personen" in capsys.readouterr().err
    assert demo.read_bytes() == before


def test_overview_lists_every_person_with_their_places(demo: Path) -> None:
    with Project.open(demo, read_only=True) as project:
        entries = {e.person.name: e for e in persons.overview(project)}
    erika = entries["Erika Muster"]
    assert erika.certain and erika.person.emails == ["e.muster@musterhausen.example"]
    tables = {p.table for p in erika.places}
    assert {"office_contact", "workshop_participant", "delivery_person", "task"} <= tables
    assert "02345 678-40" in erika.as_dict()["phones"]
    assert entries["Tobias Muster"].certain
    assert not entries["Verwaltungsspitze"].certain  # a role in a "zuständig" field


def test_cli_forget_dry_run_then_forget_then_persons(demo: Path, capsys) -> None:
    from ozgdesk.cli import main

    with Project.open(demo) as project:
        project.backup("vorher")
    before = demo.read_bytes()
    assert (
        main(["forget", "--project", str(demo), "--person", "Erika Muster", "--dry-run", "--json"])
        == 0
    )
    dry = json.loads(capsys.readouterr().out)
    # contact, kick-off and follow-up participant, task, delivery person
    assert dry["dry_run"] and not dry["committed"] and len(dry["places"]) == 16
    assert {"table", "record", "field"} <= set(dry["places"][0])
    assert dry["backups"][0]["places"] == 16 and dry["backups"][0]["state"] == "würde bereinigt"
    assert demo.read_bytes() == before
    assert (
        main(["forget", "--project", str(demo), "--person", "e.muster@musterhausen.example"]) == 0
    )
    out = capsys.readouterr().out
    assert "Entfernt: 16 Fundstelle(n)" in out and "bereinigt" in out
    assert main(["persons", "--project", str(demo), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["persons"]
    assert "Erika Muster" not in {p["name"] for p in listed} and len(listed) > 5
    text = json.dumps(listed, ensure_ascii=False)
    assert "Erika" not in text and "e.muster@" not in text
    assert main(["forget", "--project", str(demo), "--person", "Erika Muster", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["places"] == [] and not again["committed"]


def test_bytes_left_by_an_earlier_removal_are_found_and_wiped(small_project: Path) -> None:
    conn = sqlite3.connect(small_project, isolation_level=None)
    conn.execute("PRAGMA secure_delete = OFF")  # as a SQLite build without it would
    conn.execute(
        "INSERT INTO network_contact (kind, organisation, person, email, created_at, updated_at) "
        "VALUES ('Kreis', 'Kreis', ?, ?, '2026-01-01', '2026-01-01')",
        (NAME, EMAIL),
    )
    conn.execute("DELETE FROM network_contact")
    conn.close()
    assert _raw_hits(small_project, [EMAIL])
    with Project.open(small_project) as project:
        finding = persons.find(project, EMAIL)
        assert finding.places == [] and finding.in_free_space and finding.anything
        outcome = persons.forget(project, finding)
    assert outcome.committed and outcome.verified
    assert _raw_hits(small_project, [NAME, EMAIL]) == []


def test_a_backup_from_an_older_version_is_purged_too(tmp_path: Path) -> None:
    from ozgdesk.store import migrate
    from ozgdesk.store.schema import APPLICATION_ID
    from tests.fixtures import schema_versions as fx

    path = tmp_path / "Altdorf.ozgdesk"  # a file as version 3 left it (see fixtures)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    migrate.upgrade(path, "0003")
    conn = sqlite3.connect(path)
    with conn:
        for step in (1, 2, 3):
            fx.DATA[step](conn)
    conn.close()
    with Project.open(path) as project:
        old = project.migration_backup
        assert old is not None and _raw_hits(old, ["Petra Stein", "stein@altdorf.de"])
        outcome = persons.forget(project, persons.find(project, "Petra Stein"))
        assert outcome.verified and outcome.erased
        (purge,) = [b for b in outcome.backups if b.path == old]
        assert purge.state == "bereinigt" and purge.places
    assert _raw_hits(old, ["Petra Stein", "stein@altdorf.de"]) == []
    assert backups.inspect(old).schema_version == 3 and backups.verify(old) == ""
    assert _raw_hits(path, ["Uwe Kurz"])  # the colleague stays


def test_removing_a_name_from_a_field_keeps_the_others() -> None:
    from ozgdesk.store.personal_erase import _remove
    from ozgdesk.store.personal_match import Terms

    regex = Terms.of([NAME]).any_regex
    assert regex is not None
    assert _remove(f"Frau {NAME}, {OTHER}", regex) == OTHER
    assert _remove(f"{OTHER} und {NAME}", regex) == OTHER
    assert _remove(f"{SURNAME}, Zoë", regex) == ""
    assert _remove(f"{NAME} (Bauamt)", regex) == "Bauamt"
    assert regex.search(f"{SURNAME}mann") is None


def test_damaged_copies_beside_the_project_are_named_not_touched(small_project: Path) -> None:
    _plant(small_project, TABLES[0], "contact_person")
    kept = small_project.with_name("Ort.beschaedigt-20260101-080000.ozgdesk")
    kept.write_bytes(small_project.read_bytes()[:5000] + EMAIL.encode())
    other = small_project.with_name("Ort.beschaedigt-20260102-080000.ozgdesk")
    other.write_bytes(b"SQLite format 3\x00 nichts von ihr")
    with Project.open(small_project) as project:
        outcome = persons.forget(project, persons.find(project, NAME))
    assert outcome.verified and outcome.damaged_copies == [kept]
    assert EMAIL.encode() in kept.read_bytes()  # never changed by ozgdesk
    assert outcome.as_dict()["damaged_copies"] == [str(kept)]


def test_a_damaged_backup_is_deleted_not_kept_with_the_person(small_project: Path) -> None:
    _plant(small_project, TABLES[0], "contact_person")
    with Project.open(small_project) as project:
        good = project.backup("heil")
        broken = project.backup("kaputt")
        data = bytearray(broken.read_bytes())
        for page in range(1, len(data) // 4096):  # every page's header garbled, the text stays
            data[page * 4096 : page * 4096 + 12] = b"\xff" * 12
        broken.write_bytes(bytes(data))
        assert backups.verify(broken) and _raw_hits(broken, [EMAIL])
        outcome = persons.forget(project, persons.find(project, NAME))
    states = {b.path: b.state for b in outcome.backups}
    assert states[good] == "bereinigt" and states[broken].startswith("gelöscht")
    assert outcome.verified and not broken.exists() and _raw_hits(good, [NAME, EMAIL]) == []
