"""Step 1 relevance decisions: which services matter for this municipality.

A decision is "relevant", "nicht relevant" or "prüfen" (to check), with a reason.
Rules suggest decisions, each with its reason; they are visible and editable
data in the project, never hidden heuristics, and a suggestion is only a
suggestion until the coordinator accepts it. Every edit returns what it
replaced, so the UI can undo it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceRow
from ozgdesk.textnorm import fold_cached

RELEVANT = "relevant"
NOT_RELEVANT = "nicht relevant"
CHECK = "prüfen"
UNDECIDED = ""
DECISIONS = (RELEVANT, NOT_RELEVANT, CHECK)

RULE_KINDS = {
    "typ": "LeiKa-Typ ist",
    "name": "Bezeichnung enthält",
    "themenfeld": "Themenfeld ist",
    "lebenslage": "Lebenslage ist",
    "ozg": "OZG-ID ist",
}


@dataclass(frozen=True)
class Decision:
    """A service's decision as stored (used to undo an edit)."""

    service_id: int
    relevance: str
    reason: str
    decided_at: datetime | None


@dataclass(frozen=True)
class Rule:
    id: int | None
    kind: str
    value: str
    suggestion: str
    reason: str
    enabled: bool = True
    position: int = 0

    def describe(self) -> str:
        return f"{RULE_KINDS.get(self.kind, self.kind)} „{self.value}“ → {self.suggestion}"


@dataclass(frozen=True)
class Suggestion:
    relevance: str
    reason: str
    rule_id: int | None  # the project's own rule; None: from the built-in classification
    executor: str = ""  # who executes the service (classification): Bund, Land, Kreis …


def _check(value: str) -> str:
    if value not in (*DECISIONS, UNDECIDED):
        raise ValueError(f"Unbekannte Entscheidung „{value}“")
    return value


def current(project: Project, ids: Iterable[int]) -> list[Decision]:
    from sqlalchemy import select

    from ozgdesk.store.models import Service

    ids = list(ids)
    result: list[Decision] = []
    with project.session(rollback=True) as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = session.execute(
                select(
                    col(Service.id),
                    col(Service.relevance),
                    col(Service.relevance_reason),
                    col(Service.relevance_at),
                ).where(col(Service.id).in_(chunk))
            )
            result.extend(Decision(*row) for row in rows)
    return result


def decide(
    project: Project,
    ids: Iterable[int],
    relevance: str,
    reason: str = "",
    seen: Mapping[int, int] | None = None,
) -> list[Decision]:
    """Set one decision for many services; returns the decisions it replaced.

    ``seen``: the versions the user saw (``ServiceRow.version``); a service someone else
    changed meanwhile raises ``conflicts.EditConflictError`` and nothing is stored."""
    _check(relevance)
    now = datetime.now(UTC) if relevance else None
    ids = list(dict.fromkeys(ids))
    return apply(
        project, [Decision(i, relevance, reason if relevance else "", now) for i in ids], seen
    )


def apply(
    project: Project, decisions: Sequence[Decision], seen: Mapping[int, int] | None = None
) -> list[Decision]:
    """Store the given decisions in one transaction; returns those they replaced (for undo).
    With ``seen`` (service id → version the user saw), see :func:`decide`."""
    from sqlalchemy import update

    from ozgdesk.store.models import Service
    from ozgdesk.workflow import conflicts

    for d in decisions:
        _check(d.relevance)
    previous = current(project, [d.service_id for d in decisions])
    with project.session() as session:
        if decisions and seen:
            wanted = {d.service_id: d.relevance for d in decisions}
            conflicts.refuse(session, wanted, seen, "Entscheidung", col(Service.relevance))
        if decisions:
            session.execute(
                update(Service),
                [
                    {
                        "id": d.service_id,
                        "relevance": d.relevance,
                        "relevance_reason": d.reason,
                        "relevance_at": d.decided_at,
                    }
                    for d in decisions
                ],
            )
        if decisions and (seen or project.is_server):  # what undo/redo later check against
            conflicts.note_versions(project, session, [d.service_id for d in decisions])
    return previous


# -- rules -------------------------------------------------------------------------------


def rules(project: Project) -> list[Rule]:
    from ozgdesk.store import queries

    with project.reading() as conn:
        rows = queries.relevance_rule_rows(conn)
    return [Rule(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]) for r in rows]


def save_rule(project: Project, rule: Rule) -> int:
    """Add or change a rule; returns its id."""
    from ozgdesk.store.models import RelevanceRule

    if rule.kind not in RULE_KINDS:
        raise ValueError(f"Unbekannte Regelart „{rule.kind}“")
    if not rule.value.strip():
        raise ValueError("Bitte geben Sie einen Wert für die Regel an.")
    _check(rule.suggestion)
    if not rule.suggestion:
        raise ValueError(
            "Eine Regel braucht einen Vorschlag (relevant, nicht relevant oder prüfen)."
        )
    with project.session() as session:
        stored = session.get(RelevanceRule, rule.id) if rule.id else None
        if stored is None:
            position = rule.position or 1 + max((r.position for r in rules(project)), default=0)
            stored = RelevanceRule(
                kind=rule.kind,
                value=rule.value.strip(),
                suggestion=rule.suggestion,
                reason=rule.reason.strip() or rule.describe(),
                enabled=rule.enabled,
                position=position,
            )
            session.add(stored)
        else:
            stored.kind, stored.value, stored.suggestion = (
                rule.kind,
                rule.value.strip(),
                rule.suggestion,
            )
            stored.reason, stored.enabled = rule.reason.strip() or rule.describe(), rule.enabled
        session.flush()
        assert stored.id is not None
        return stored.id


def delete_rule(project: Project, rule_id: int) -> None:
    from ozgdesk.store.models import RelevanceRule

    with project.session() as session:
        stored = session.get(RelevanceRule, rule_id)
        if stored is not None:
            session.delete(stored)


def suggestions(project: Project) -> dict[int, Suggestion]:
    """The suggestion for every service: the project's own rules first (``suggest``), else
    the built-in classification of who executes the service for this kind of municipality
    (``competence_suggestions``). Reused until the project changes (treat as read-only)."""
    from ozgdesk.workflow import overview

    def compute() -> dict[int, Suggestion]:
        table = overview.catalogue_table(project)
        result = competence_suggestions(project, table.rows, table.names)
        result.update(suggest(table.rows, rules(project), table.names))
        return result

    return project.memo("suggestions", compute)


UNKNOWN_KIND_NOTE = (
    " (Art der Kommune noch nicht festgelegt: Vorschlag für eine kreisangehörige Gemeinde; "
    "festlegen unter Datei → Projekteinstellungen.)"
)


def competence_suggestions(
    project: Project, rows: Sequence[ServiceRow], folded_names: Sequence[str] | None = None
) -> dict[int, Suggestion]:
    """Suggestions from the built-in classification (workflow/competence.py) for the
    project's kind of municipality: relevant where it executes the service itself, not
    relevant where the Bund, the Land or another level does, "prüfen" where it differs
    locally; each with its reason."""
    from ozgdesk.store import queries
    from ozgdesk.workflow import competence

    with project.reading() as conn:
        kind = queries.project_identity(conn).municipality_type
        laws = queries.law_shorts(conn)
    note = "" if kind in competence.OWN_LEVEL else UNKNOWN_KIND_NOTE
    verdicts = competence.classify(rows, kind, laws, folded_names=folded_names)
    return {
        i: Suggestion(v.relevance, v.reason + note, None, v.executor) for i, v in verdicts.items()
    }


def suggest(
    rows: Sequence[ServiceRow],
    active_rules: Sequence[Rule],
    folded_names: Sequence[str] | None = None,
) -> dict[int, Suggestion]:
    """The first enabled rule that matches each service (rules in their order);
    ``folded_names`` are the rows' names folded (``fold``), if known.

    Rules on Typ, Themenfeld, Lebenslage and OZG-ID are looked up by value (a dict from
    value to the first such rule), so 50,000 services × dozens of rules stay fast; only
    name rules are tested one by one, and only those before the best match so far."""
    enabled = [r for r in active_rules if r.enabled]
    result: dict[int, Suggestion] = {}
    if not enabled:
        return result
    first: dict[tuple[str, str], int] = {}
    names: list[tuple[int, str]] = []
    for index, rule in enumerate(enabled):
        if rule.kind == "name":
            names.append((index, fold_cached(rule.value)))
        elif rule.kind in ("typ", "ozg"):
            first.setdefault((rule.kind, rule.value.strip()), index)
        elif rule.kind in ("themenfeld", "lebenslage"):
            first.setdefault((rule.kind, rule.value), index)
    none = len(enabled)
    # services share their grouping (Typ, Themenfeld, Lebenslage, OZG): look each up once
    by_grouping: dict[tuple[str, str, str, str], int] = {}
    for position, row in enumerate(rows):
        grouping = (row.typ, row.themenfeld, row.lebenslage, row.ozg)
        best = by_grouping.get(grouping, -1)
        if best < 0:
            best = first.get(("typ", row.typ.strip()), none)
            for value in row.themenfeld.split(", "):
                best = min(best, first.get(("themenfeld", value), none))
            for value in row.lebenslage.split(", "):
                best = min(best, first.get(("lebenslage", value), none))
            for part in row.ozg.split("; "):
                best = min(best, first.get(("ozg", part.split(" ", 1)[0]), none))
            by_grouping[grouping] = best
        if names:
            folded = fold_cached(row.name) if folded_names is None else folded_names[position]
            for index, needle in names:
                if index >= best:
                    break
                if needle in folded:
                    best = index
                    break
        if best < none:
            rule = enabled[best]
            result[row.id] = Suggestion(rule.suggestion, rule.reason, rule.id)
    return result


def accept(
    project: Project, suggestions: dict[int, Suggestion], ids: Iterable[int]
) -> list[Decision]:
    """Take over the suggestions for those of ``ids`` that are still undecided: a decision
    the coordinator has made is never replaced by a suggestion (services without a
    suggestion are left alone too). Returns the decisions it replaced (for undo)."""
    now = datetime.now(UTC)
    wanted = [i for i in dict.fromkeys(ids) if i in suggestions]
    open_ids = {d.service_id for d in current(project, wanted) if d.relevance == UNDECIDED}
    decisions = [
        Decision(i, suggestions[i].relevance, f"Vorschlag: {suggestions[i].reason}", now)
        for i in wanted
        if i in open_ids
    ]
    return apply(project, decisions)


# -- counts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeProgress:
    themenfeld: str
    relevant: int
    not_relevant: int
    to_check: int
    undecided: int

    @property
    def decided(self) -> int:
        return self.relevant + self.not_relevant

    @property
    def total(self) -> int:
        return self.decided + self.to_check + self.undecided


def progress_by_themenfeld(rows: Iterable[ServiceRow]) -> list[ThemeProgress]:
    """Decided and undecided services per Themenfeld (a service in two counts in both)."""
    column = {RELEVANT: 0, NOT_RELEVANT: 1, CHECK: 2}
    counts: dict[str, list[int]] = {}
    for (themes, decision), number in Counter((r.themenfeld, r.relevance) for r in rows).items():
        index = column.get(decision, 3)
        for theme in themes.split(", ") if themes else ["(ohne Themenfeld)"]:
            counts.setdefault(theme, [0, 0, 0, 0])[index] += number
    return [
        ThemeProgress(t, *c)
        for t, c in sorted(counts.items(), key=lambda kv: (kv[0].startswith("("), kv[0]))
    ]
