"""The built-in classification of who executes each service, and the suggestions it gives a
small Gemeinde and a kreisfreie Stadt (real project files with the built-in catalogue)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ozgdesk import paths
from ozgdesk.formats import reference_csv
from ozgdesk.formats.reference_csv import EXECUTORS, CompetenceFileError
from ozgdesk.store import queries
from ozgdesk.store.project import Project
from ozgdesk.workflow import competence, identity, overview, relevance
from ozgdesk.workflow.identity import Identity
from ozgdesk.workflow.relevance import CHECK, NOT_RELEVANT, RELEVANT, Rule
from tests.conftest import copy_project

# (LeiKa key, what a small Gemeinde gets, what a kreisfreie Stadt gets, a word of the reason)
CASES = [
    ("99115005070001", RELEVANT, RELEVANT, "Meldebehörde"),  # Abmeldung der Wohnung
    ("99008002000000", RELEVANT, RELEVANT, "Personalausweis"),  # Ausweispflicht
    ("99059001000000", RELEVANT, RELEVANT, "Standesamt"),  # Eheschließung
    ("99102012000000", RELEVANT, RELEVANT, "Gemeindesteuer"),  # Grundsteuer
    ("99012008000000", NOT_RELEVANT, RELEVANT, "Bauaufsicht"),  # Baugenehmigung
    ("99036010000000", NOT_RELEVANT, RELEVANT, "Zulassung"),  # Kfz-Zulassung
    ("99060002000000", NOT_RELEVANT, RELEVANT, "Jugendamt"),  # Hilfe zur Erziehung
    ("99011001000000", NOT_RELEVANT, RELEVANT, "Ausländer"),  # Arbeitsgenehmigung
    ("99021005000000", NOT_RELEVANT, NOT_RELEVANT, "Börse"),  # Wertpapiere, BörsG
    ("99114031000000", NOT_RELEVANT, NOT_RELEVANT, "Sozialversicherung"),  # Altersrente
    ("99107012000000", CHECK, RELEVANT, "Sozialhilfe"),  # Hilfe zum Lebensunterhalt
    ("99093003000000", CHECK, RELEVANT, "Baumschutzsatzung"),  # Baumfällgenehmigung
    ("99136008000000", CHECK, CHECK, "prüfen"),  # Aufbauhilfen nach Hochwassern
]


def _project_of(kind_name: str, catalogue_path: Path, tmp_path: Path) -> Project:
    """The built-in catalogue project with the identity of ``kind_name`` from the list."""
    path = copy_project(catalogue_path, tmp_path / f"{kind_name}.ozgdesk")
    project = Project.open(path)
    identity.save(project, identity.from_builtin(kind_name))
    return project


@pytest.mark.parametrize(("name", "column"), [("Alpen", 1), ("Köln", 2)])
def test_clear_cases_for_a_small_gemeinde_and_a_kreisfreie_stadt(
    name: str, column: int, catalogue_path: Path, tmp_path: Path
) -> None:
    with _project_of(name, catalogue_path, tmp_path) as project:
        assert identity.read(project).municipality_type == (
            "gemeinde" if name == "Alpen" else "kreisfreie_stadt"
        )
        suggestions = relevance.suggestions(project)
        by_key = {r.key: r.id for r in overview.catalogue_rows(project) if r.key}
        for case in CASES:
            got = suggestions[by_key[case[0]]]
            assert got.relevance == case[column], (case, got)
            assert case[3].casefold() in got.reason.casefold(), (case, got.reason)
            assert got.rule_id is None and got.executor in EXECUTORS


def test_the_source_examples_are_not_relevant_for_a_small_gemeinde(
    catalogue_path: Path, tmp_path: Path
) -> None:
    with _project_of("Alpen", catalogue_path, tmp_path) as project:
        suggestions = relevance.suggestions(project)
        rows = overview.catalogue_rows(project)
        for name in (
            "Zulassung als Skontroführer",
            "Zoo Genehmigung",
            "Versand von apothekenpflichtigen Arzneimitteln",
            "Leistungen der Rentenversicherung zur medizinischen Rehabilitation",
        ):
            row = next(r for r in rows if r.name == name)
            assert suggestions[row.id].relevance == NOT_RELEVANT, name


def test_every_service_gets_a_suggestion_with_a_reason_for_every_kind(project: Project) -> None:
    table = overview.catalogue_table(project)
    with project.reading() as conn:
        laws = queries.law_shorts(conn)
    for kind in competence.OWN_LEVEL:
        verdicts = competence.classify(table.rows, kind, laws, folded_names=table.names)
        assert len(verdicts) == len(table.rows) == 5247
        assert all(v.reason and v.source for v in verdicts.values())
        decided = sum(v.relevance != CHECK for v in verdicts.values())
        assert decided / len(verdicts) > 0.8, kind  # most of them decided


def test_the_coordinators_rules_and_decisions_win(project: Project) -> None:
    rows = overview.catalogue_rows(project)
    wedding = next(r for r in rows if r.key == "99059001000000")
    assert relevance.suggestions(project)[wedding.id].relevance == RELEVANT
    rule_id = relevance.save_rule(
        project, Rule(None, "ozg", "10026", NOT_RELEVANT, "Standesamt beim Nachbarn")
    )
    suggestion = relevance.suggestions(project)[wedding.id]
    assert (suggestion.relevance, suggestion.rule_id) == (NOT_RELEVANT, rule_id)
    relevance.decide(project, [wedding.id], CHECK, "Mit dem Nachbarn klären")
    (row,) = overview.catalogue_rows(project, [wedding.id])
    assert row.relevance == CHECK  # a decision is stored, suggestions are only computed


def test_an_unknown_kind_is_treated_as_a_gemeinde_and_says_so(project: Project) -> None:
    identity.save(project, Identity())
    rows = overview.catalogue_rows(project)
    permit = next(r for r in rows if r.key == "99012008000000")
    suggestion = relevance.suggestions(project)[permit.id]
    assert suggestion.relevance == NOT_RELEVANT
    assert "Projekteinstellungen" in suggestion.reason


def test_the_tables_cover_every_ozg_service_with_valid_cells() -> None:
    folder = paths.resource("catalogue")
    table = competence.builtin()
    ozg_ids = {o.ozg_id for o in reference_csv.read_ozg_services(folder / "ozg-leistungen.csv")}
    assert set(table.ozg) == ozg_ids and len(ozg_ids) == 557
    for entry in (*table.ozg.values(), *table.rules):
        assert set(entry.executors) == set(competence.OWN_LEVEL)
        assert set(entry.executors.values()) <= set(EXECUTORS)
        assert entry.reason.strip(), entry
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "zustaendigkeit-ozg.csv" in readme and "zustaendigkeit-leistungen.csv" in readme


def test_a_bad_cell_in_a_table_is_named_with_file_row_and_column(tmp_path: Path) -> None:
    source = paths.resource("catalogue", "zustaendigkeit-ozg.csv")
    with source.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[3][rows[0].index("kreis")] = "Landkreis"
    bad = tmp_path / "zustaendigkeit-ozg.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(CompetenceFileError, match="Zeile 4, Spalte „kreis“: „Landkreis“"):
        reference_csv.read_competence_ozg(bad)


def test_the_demo_gemeinde_lists_only_what_a_gemeinde_does(tmp_path: Path) -> None:
    from ozgdesk.workflow import office_reports, roadmap
    from ozgdesk.workflow.demo import create_demo

    with create_demo(tmp_path / "demo.ozgdesk") as project:
        assert identity.read(project).municipality_type == "gemeinde"
        suggestions = relevance.suggestions(project)
        rows = overview.catalogue_rows(project)
        relevant = [r for r in rows if r.relevance == RELEVANT]
        # what the demo decided relevant is what a Gemeinde executes (or decided by hand)
        assert relevant
        for row in relevant:
            assert suggestions[row.id].relevance == RELEVANT or not row.relevance_reason.startswith(
                "Vorschlag:"
            ), row.name
        names = {r.name for r in relevant}
        for foreign in (
            "Zulassung als Skontroführer",
            "Zoo Genehmigung",
            "Versand von apothekenpflichtigen Arzneimitteln",
            "Baugenehmigung",
        ):
            assert foreign not in names
        report = office_reports.office_report(project)
        listed = {s.name for office in report.offices for s in office.services}
        assert listed <= names
        planned = {r.name for r in roadmap.plan_rows(project)}
        assert planned <= names


def test_a_new_classification_changes_suggestions_never_decisions(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    rows = overview.catalogue_rows(project)
    wedding = next(r for r in rows if r.key == "99059001000000")
    relevance.decide(project, [wedding.id], RELEVANT, "Standesamt im Rathaus")
    table = competence.builtin()
    entry = table.ozg["10026"]
    changed = replace(entry, executors=dict.fromkeys(entry.executors, "prüfen"))
    monkeypatch.setattr(
        competence,
        "builtin",
        lambda: competence.Classification({**table.ozg, "10026": changed}, table.rules),
    )
    assert relevance.suggestions(project)[wedding.id].relevance == CHECK
    (row,) = overview.catalogue_rows(project, [wedding.id])
    assert (row.relevance, row.relevance_reason) == (RELEVANT, "Standesamt im Rathaus")


def test_taking_over_suggestions_never_replaces_a_decision(project: Project) -> None:
    rows = overview.catalogue_rows(project)
    wedding = next(r for r in rows if r.key == "99059001000000")
    permit = next(r for r in rows if r.key == "99012008000000")
    relevance.decide(project, [wedding.id], NOT_RELEVANT, "Standesamt beim Nachbarn")
    suggestions = relevance.suggestions(project)
    previous = relevance.accept(project, suggestions, [wedding.id, permit.id])
    assert [d.service_id for d in previous] == [permit.id]
    now = {r.id: r for r in overview.catalogue_rows(project, [wedding.id, permit.id])}
    wedding_now, permit_now = now[wedding.id], now[permit.id]
    assert (wedding_now.relevance, wedding_now.relevance_reason) == (
        NOT_RELEVANT,
        "Standesamt beim Nachbarn",
    )
    assert permit_now.relevance == RELEVANT  # Ahaus: a Mittlere Stadt, its own Bauaufsicht
    assert permit_now.relevance_reason.startswith("Vorschlag: Zuständig:")
