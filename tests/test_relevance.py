"""Relevance decisions, rules and suggestions (no Qt)."""

from __future__ import annotations

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import overview, relevance
from ozgdesk.workflow.info import project_facts
from ozgdesk.workflow.relevance import CHECK, NOT_RELEVANT, RELEVANT, UNDECIDED, Rule
from ozgdesk.workflow.steps import StepStatus


def _by_key(project: Project, key: str) -> int:
    return next(r.id for r in overview.catalogue_rows(project) if r.key == key)


def test_decide_and_undo(project: Project) -> None:
    service = _by_key(project, "99012001000000")
    previous = relevance.decide(project, [service], RELEVANT, "Bauamt vor Ort")
    assert previous[0].relevance == UNDECIDED
    (row,) = overview.catalogue_rows(project, [service])
    assert (row.relevance, row.relevance_reason) == (RELEVANT, "Bauamt vor Ort")
    relevance.apply(project, previous)  # undo
    (row,) = overview.catalogue_rows(project, [service])
    assert (row.relevance, row.relevance_reason) == (UNDECIDED, "")


def test_unknown_decision_is_refused(project: Project) -> None:
    with pytest.raises(ValueError):
        relevance.decide(project, [1], "vielleicht")


def test_counts_in_info(project: Project) -> None:
    rows = overview.catalogue_rows(project)
    relevance.decide(project, [r.id for r in rows[:10]], RELEVANT)
    relevance.decide(project, [r.id for r in rows[10:15]], NOT_RELEVANT)
    relevance.decide(project, [r.id for r in rows[15:17]], CHECK)
    facts = project_facts(project)
    assert facts["services_relevant"] == 10
    assert facts["services_not_relevant"] == 5
    assert facts["services_to_check"] == 2
    assert facts["services_undecided"] == 5247 - 15


def test_new_projects_start_without_the_old_crude_rules(project: Project) -> None:
    """LeiKa type and other Länder are covered by the built-in classification now
    (tests/test_competence.py); the project's own rule list starts empty."""
    assert relevance.rules(project) == []
    suggestions = relevance.suggestions(project)
    rows = overview.catalogue_rows(project)
    typ1 = next(r for r in rows if r.typ == "1")
    assert suggestions[typ1.id].relevance == NOT_RELEVANT
    assert "Bund" in suggestions[typ1.id].reason
    other_land = [
        r for r in rows if ("Rheinland-Pfalz" in r.name or "Berlin" in r.name) and r.typ != "1"
    ]
    assert len(other_land) >= 4
    assert all(suggestions[r.id].relevance == NOT_RELEVANT for r in other_land)
    assert all("anderen Landes" in suggestions[r.id].reason for r in other_land)


def test_own_rule_and_accepting_suggestions(project: Project) -> None:
    rule_id = relevance.save_rule(
        project, Rule(None, "themenfeld", "Bildung", NOT_RELEVANT, "Keine eigene Schule")
    )
    rows = overview.catalogue_rows(project)
    suggestions = relevance.suggest(rows, relevance.rules(project))
    school = [
        r.id for r in rows if r.themenfeld == "Bildung" and suggestions[r.id].rule_id == rule_id
    ]
    assert school
    previous = relevance.accept(project, suggestions, school)
    assert len(previous) == len(school)
    decided = overview.catalogue_rows(project, school)
    assert all(
        r.relevance == NOT_RELEVANT and "Keine eigene Schule" in r.relevance_reason for r in decided
    )
    # disabling the rule removes its suggestions, but decisions stay
    relevance.save_rule(
        project,
        Rule(rule_id, "themenfeld", "Bildung", NOT_RELEVANT, "Keine eigene Schule", enabled=False),
    )
    suggestions = relevance.suggest(overview.catalogue_rows(project), relevance.rules(project))
    assert all(s.rule_id != rule_id for s in suggestions.values())
    assert all(r.relevance == NOT_RELEVANT for r in overview.catalogue_rows(project, school))
    relevance.delete_rule(project, rule_id)
    assert all(r.id != rule_id for r in relevance.rules(project))


def test_rule_validation(project: Project) -> None:
    with pytest.raises(ValueError, match="Wert"):
        relevance.save_rule(project, Rule(None, "name", "  ", NOT_RELEVANT, ""))
    with pytest.raises(ValueError):
        relevance.save_rule(project, Rule(None, "farbe", "blau", NOT_RELEVANT, ""))


def test_step_one_status_follows_decisions(project: Project) -> None:
    assert overview.status(project).status is StepStatus.IN_PROGRESS
    ids = [r.id for r in overview.catalogue_rows(project)]
    relevance.decide(project, ids, NOT_RELEVANT)
    assert overview.status(project).status is StepStatus.DONE
    relevance.decide(project, ids[:1], CHECK)
    assert overview.status(project).status is StepStatus.IN_PROGRESS


def test_progress_by_themenfeld(project: Project) -> None:
    rows = overview.catalogue_rows(project)
    building = [r.id for r in rows if r.themenfeld == "Bauen & Wohnen"]
    relevance.decide(project, building, RELEVANT)
    progress = {
        p.themenfeld: p for p in relevance.progress_by_themenfeld(overview.catalogue_rows(project))
    }
    assert progress["Bauen & Wohnen"].relevant == len(building)
    assert len([t for t in progress if not t.startswith("(")]) == 14
    assert sum(p.total for p in progress.values()) >= 5247


def _matches(rule: Rule, row, folded_name: str) -> bool:  # type: ignore[no-untyped-def]
    """One rule against one service, as the rules are documented (the reference)."""
    if rule.kind == "typ":
        return row.typ.strip() == rule.value.strip()
    if rule.kind == "name":
        return relevance.fold_cached(rule.value) in folded_name
    if rule.kind == "themenfeld":
        return rule.value in row.themenfeld.split(", ")
    if rule.kind == "lebenslage":
        return rule.value in row.lebenslage.split(", ")
    if rule.kind == "ozg":
        return any(part.split(" ", 1)[0] == rule.value.strip() for part in row.ozg.split("; "))
    return False


def test_suggest_matches_rule_by_rule_evaluation(project: Project) -> None:
    """The indexed ``suggest`` gives what trying every rule in order would give."""
    rows = overview.catalogue_rows(project)
    sample = rows[::7]
    rules = list(relevance.rules(project))
    extra = [
        Rule(901, "name", "gewerbe", NOT_RELEVANT, "Name"),
        Rule(902, "themenfeld", sample[3].themenfeld.split(", ")[0], CHECK, "Themenfeld"),
        Rule(903, "lebenslage", sample[5].lebenslage.split(", ")[0], RELEVANT, "Lage"),
        Rule(904, "ozg", sample[8].ozg.split(" ", 1)[0], NOT_RELEVANT, "OZG"),
        Rule(905, "typ", sample[2].typ, CHECK, "Typ"),
        Rule(906, "name", "hund", RELEVANT, "aus", enabled=False),
    ]
    for order in (extra + rules, rules + extra, extra[::-1]):
        enabled = [r for r in order if r.enabled]
        expected = {}
        for row in rows:
            folded = relevance.fold_cached(row.name)
            for rule in enabled:
                if _matches(rule, row, folded):
                    expected[row.id] = rule.id
                    break
        got = {i: s.rule_id for i, s in relevance.suggest(rows, order).items()}
        assert got == expected
        assert len(got) > 100
