"""The built-in catalogue: counts, the keyless duplicates, merge semantics."""

from __future__ import annotations

import csv

from ozgdesk import paths
from ozgdesk.formats import reference_csv
from ozgdesk.formats.records import OzgRef, ServiceRecord
from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.workflow import catalogue
from ozgdesk.workflow.info import project_facts
from ozgdesk.workflow.keys import PROBLEM_INVALID, PROBLEM_MISSING, PROBLEM_NONE, check_key
from tests.conftest import CATALOGUE_DATA


def test_bundled_catalogue_holds_the_reference_data_with_its_source() -> None:
    for name in (
        "leistungskatalog-nrw.csv",
        "ozg-leistungen.csv",
        "kommunen-nrw.csv",
        "it-dienstleister-nrw.csv",
        "standard-aemter.csv",
    ):
        path = paths.resource("catalogue", name)
        assert path == CATALOGUE_DATA / name
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert len(rows) > 10 and all(len(r) == len(rows[0]) for r in rows), name
    readme = paths.resource("catalogue", "README.md").read_text(encoding="utf-8")
    assert "MIT" in readme and "kdn-nrw/OZG-Datenbank-NRW" in readme


def test_counts_match_the_reference_data(project: Project) -> None:
    facts = project_facts(project)
    assert facts["services_with_key"] == 4813
    # 5,249 rows; two keyless names occur twice and are one service each
    assert facts["services_total"] == 5247
    assert facts["services_without_key"] == 434
    assert facts["ozg_services_total"] == 557
    with project.reading() as conn:
        assert len(queries.names(conn, "themenfeld")) == 14
        problems = dict(
            conn.execute("SELECT key_problem, count(*) FROM service GROUP BY key_problem")
        )
    assert problems == {PROBLEM_NONE: 4813, PROBLEM_MISSING: 434}


def test_keyless_duplicate_rows_become_one_service_in_two_ozg_services(project: Project) -> None:
    name = "Zulassung für die Beförderung unverpackter Gegenstände gem. ADR/RID/IMDG-Code 4.1.3.8"
    with project.reading() as conn:
        rows = [r for r in queries.catalogue_rows(conn) if r.name == name]
        assert len(rows) == 1
        detail = queries.service_detail(conn, rows[0].id)
    assert detail is not None
    assert [o[0] for o in detail.ozg_services] == ["10433", "10478"]
    assert rows[0].themenfeld == "Mobilität & Reisen, Umwelt"


def test_duplicate_rows_combine_sdg_flags(project: Project) -> None:
    name = (
        "Überwachung von Managementsystemen über zulassungspflichtige Versandstücke zur "
        "Beförderung radioaktiver Stoffe"
    )
    with project.reading() as conn:
        (row,) = [r for r in queries.catalogue_rows(conn) if r.name == name]
    assert row.sdg1 and row.sdg2


def test_every_valid_key_of_the_source_is_in_the_project(project: Project) -> None:
    with (CATALOGUE_DATA / "leistungskatalog-nrw.csv").open(encoding="utf-8") as fh:
        source = {r["Leistungsschlüssel"]: r for r in csv.DictReader(fh)}
    with project.reading() as conn:
        stored = dict(conn.execute("SELECT key, name FROM service WHERE key IS NOT NULL"))
    valid = {k: r for k, r in source.items() if check_key(k).key}
    assert stored.keys() == valid.keys()
    assert stored["99012001000000"] == "Abbruchgenehmigung"


def test_odd_typ_values_are_kept_as_data(project: Project) -> None:
    with project.reading() as conn:
        typs = set(queries.distinct_typ(conn))
    assert {"1, 2/3", "6", "", "2/3", "5"} <= typs


def test_loading_the_catalogue_again_changes_nothing(project: Project) -> None:
    with project.session() as session:
        result = catalogue.load_builtin_catalogue(session)
    assert (result.added, result.updated, result.unchanged) == (0, 0, 5247)
    assert project_facts(project)["services_total"] == 5247


def test_merge_updates_by_key_and_name_and_adds_new(empty_project: Project) -> None:
    ref = OzgRef("10000", "Elterngeld", "Geburt", "Familie & Kind")
    first = [
        ServiceRecord("99012001000000", "Abbruchgenehmigung", typ="4", ozg=[ref]),
        ServiceRecord("nicht im LeiKa", "Hundesteuer Anmeldung", typ="5"),
    ]
    with empty_project.session() as session:
        result = catalogue.merge_services(session, first, origin="Test")
    assert (result.added, result.updated, result.unchanged) == (2, 0, 0)
    second = [
        ServiceRecord("99012001000000", "Abbruchgenehmigung", typ="4", ozg=[ref]),
        ServiceRecord("", "Hundesteuer Anmeldung", typ="5", law="Hundesteuersatzung"),
        ServiceRecord("99012001001000", "Abbruchgenehmigung Erteilung", typ="4"),
    ]
    with empty_project.session() as session:
        result = catalogue.merge_services(session, second, origin="Test")
    assert (result.added, result.updated, result.unchanged) == (1, 1, 1)
    with empty_project.reading() as conn:
        assert (
            conn.execute("SELECT law FROM service WHERE name = 'Hundesteuer Anmeldung'").fetchone()[
                0
            ]
            == "Hundesteuersatzung"
        )
        assert conn.execute("SELECT count(*) FROM service").fetchone()[0] == 3


def test_a_service_may_belong_to_several_ozg_services(empty_project: Project) -> None:
    records = [
        ServiceRecord(
            "99012001000000", "Abbruchgenehmigung", ozg=[OzgRef("10513", "Abbruchgenehmigung")]
        ),
        ServiceRecord("99012001000000", "Abbruchgenehmigung", ozg=[OzgRef("10999", "Bauantrag")]),
    ]
    with empty_project.session() as session:
        result = catalogue.merge_services(session, records, origin="Test")
    assert result.added == 1 and result.combined_rows == 1
    with empty_project.reading() as conn:
        (row,) = queries.catalogue_rows(conn)
    assert row.ozg == "10513 Abbruchgenehmigung; 10999 Bauantrag"


def test_check_key() -> None:
    assert check_key("99012001000000").key == "99012001000000"
    assert check_key(" 99012 001 000000 ").key == "99012001000000"
    assert check_key("nicht im LeiKa").problem == PROBLEM_MISSING
    assert check_key("").problem == PROBLEM_MISSING
    assert check_key("25323525").problem == PROBLEM_INVALID
    assert check_key("9,90E+13").problem == PROBLEM_INVALID


def test_reference_lists_are_complete() -> None:
    folder = paths.resource("catalogue")
    assert len(reference_csv.read_municipalities(folder / "kommunen-nrw.csv")) == 427
    assert len(reference_csv.read_it_providers(folder / "it-dienstleister-nrw.csv")) == 32
    assert len(reference_csv.read_standard_offices(folder / "standard-aemter.csv")) == 45
    assert len(reference_csv.read_catalogue(folder / "leistungskatalog-nrw.csv")) == 5249


def test_the_sources_test_rows_are_not_shipped() -> None:
    rows = reference_csv.read_catalogue(paths.resource("catalogue", "leistungskatalog-nrw.csv"))
    names = {r.name for r in rows}
    assert not {"Test 124", "Test 4"} & names
    assert not [r for r in rows if r.name.casefold().startswith("test ")]
    assert not [r for r in rows if r.legal_basis in {"asdqw", "wqfwe"} or r.typ == "44"]
