"""Who executes a service in NRW, by kind of municipality, and the relevance suggestion that
follows for a project.

The classification is data, not code: resources/catalogue/zustaendigkeit-ozg.csv gives for each
of the 557 OZG services the executor ("Bund", "Land", "Kreis", "Gemeinde" or "prüfen") for each
kind of municipality (workflow/municipality.py) with the reason in plain German;
zustaendigkeit-leistungen.csv holds rules per LeiKa service that come first (LeiKa type 1,
services of other Länder, law abbreviations inside mixed OZG bundles). Both are reviewable
in a spreadsheet; their README names the sources.

For one kind, a service gets, in this order: the LeiKa table's rule for its LeiKa type, its
first matching name rule, its first matching law rule, else its OZG service's row (several OZG services that disagree → "prüfen"), else "prüfen". The
suggestion is "relevant" where the executor is the project's own level (a kreisangehörige
municipality: "Gemeinde"; a kreisfreie Stadt: "Gemeinde" and "Kreis"; a Kreis: "Kreis"),
"nicht relevant" where it is another level, "prüfen" where the table says so. Suggestions are
computed, never stored: the coordinator's decisions (service.relevance) and own rules always
win, and an update of the tables only changes suggestions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ozgdesk import paths
from ozgdesk.formats import reference_csv
from ozgdesk.formats.records import CompetenceEntry
from ozgdesk.store.rows import ServiceRow
from ozgdesk.textnorm import fold_cached
from ozgdesk.workflow import municipality as kinds

RELEVANT = "relevant"
NOT_RELEVANT = "nicht relevant"
CHECK = "prüfen"

# the executors that are the project's own level, per kind of municipality
OWN_LEVEL: dict[str, frozenset[str]] = {
    kinds.GEMEINDE: frozenset({"Gemeinde"}),
    kinds.MITTLERE_STADT: frozenset({"Gemeinde"}),
    kinds.GROSSE_STADT: frozenset({"Gemeinde"}),
    kinds.KREISFREIE_STADT: frozenset({"Gemeinde", "Kreis"}),
    kinds.KREIS: frozenset({"Kreis"}),
}
# the kind assumed while the project's kind is unknown (the typical user: a small Gemeinde)
DEFAULT_KIND = kinds.GEMEINDE


@dataclass(frozen=True)
class Classification:
    ozg: dict[str, CompetenceEntry]
    rules: tuple[CompetenceEntry, ...]


@dataclass(frozen=True)
class Verdict:
    """The executor of one service for one kind, the suggestion and its reason."""

    executor: str
    relevance: str
    reason: str
    source: str  # "OZG 10519", "Gesetz WaffG", "LeiKa-Typ 1", "ohne Zuordnung"


@lru_cache(maxsize=1)
def builtin() -> Classification:
    """The shipped classification (read once)."""
    folder = paths.resource("catalogue")
    ozg = reference_csv.read_competence_ozg(folder / "zustaendigkeit-ozg.csv")
    rules = reference_csv.read_competence_rules(folder / "zustaendigkeit-leistungen.csv")
    return Classification({e.value: e for e in ozg}, tuple(rules))


def relevance_of(executor: str, kind: str) -> str:
    if executor == CHECK:
        return CHECK
    return RELEVANT if executor in OWN_LEVEL.get(kind, OWN_LEVEL[DEFAULT_KIND]) else NOT_RELEVANT


def _who(executor: str, kind: str) -> str:
    if executor == CHECK:
        return "Vor Ort prüfen"
    if executor in ("Bund", "Land"):
        return f"Zuständig: {executor}"
    if executor == "Kreis":
        if kind == kinds.KREIS:
            return "Zuständig: der Kreis selbst"
        if kind == kinds.KREISFREIE_STADT:
            return "Zuständig: die kreisfreie Stadt selbst (als Kreis)"
        return "Zuständig: der Kreis, nicht die Gemeinde"
    if kind == kinds.KREIS:
        return "Zuständig: die Gemeinden, nicht der Kreis"
    return "Zuständig: die Gemeinde bzw. Stadt selbst"


def verdict(entry: CompetenceEntry, kind: str, source: str) -> Verdict:
    executor = entry.executors.get(kind) or entry.executors[DEFAULT_KIND]
    relevance = relevance_of(executor, kind)
    return Verdict(
        executor, relevance, f"{_who(executor, kind)}. {entry.reason} [{source}]", source
    )


def _ozg_ids(row: ServiceRow) -> list[str]:
    return [part.split(" ", 1)[0] for part in row.ozg.split("; ") if part]


def classify(
    rows: Sequence[ServiceRow],
    kind: str,
    laws: Mapping[int, str],
    classification: Classification | None = None,
    folded_names: Sequence[str] | None = None,
) -> dict[int, Verdict]:
    """The verdict for every row for a municipality of ``kind`` (unknown → Gemeinde);
    ``laws`` maps service ids to their law abbreviations, ``folded_names`` are the rows'
    names folded, if known. Services share their grouping (Typ, laws, OZG services): each
    grouping is looked up once, only name rules are tested per service."""
    table = classification or builtin()
    if kind not in OWN_LEVEL:
        kind = DEFAULT_KIND
    typ_rules = [r for r in table.rules if r.field == "typ"]
    name_rules = [(r, fold_cached(r.value)) for r in table.rules if r.field == "name"]
    law_rules = [(r, set(r.value.split(", "))) for r in table.rules if r.field == "gesetz"]
    by_typ = {  # LeiKa type rules come first (type 1: federal execution, whatever the name)
        r.value: verdict(r, kind, f"LeiKa-Typ {r.value}") for r in reversed(typ_rules)
    }
    by_grouping: dict[tuple[str, str, str], Verdict] = {}
    result: dict[int, Verdict] = {}
    for position, row in enumerate(rows):
        found = by_typ.get(row.typ.strip())
        if found is None and name_rules:
            folded = fold_cached(row.name) if folded_names is None else folded_names[position]
            for rule, needle in name_rules:
                if needle in folded and (not rule.only_ozg or rule.only_ozg & set(_ozg_ids(row))):
                    found = verdict(rule, kind, f"Name enthält „{rule.value}“")
                    break
        if found is None:
            law = laws.get(row.id, "")
            grouping = (row.typ.strip(), law, row.ozg)
            found = by_grouping.get(grouping)
            if found is None:
                found = _by_grouping(row, law, kind, table, law_rules)
                by_grouping[grouping] = found
        result[row.id] = found
    return result


def _by_grouping(
    row: ServiceRow,
    law: str,
    kind: str,
    table: Classification,
    law_rules: list[tuple[CompetenceEntry, set[str]]],
) -> Verdict:
    ozg_ids = _ozg_ids(row)
    if law:
        tokens = {t.strip() for t in law.split(",")}
        for rule, wanted in law_rules:
            if wanted & tokens and (not rule.only_ozg or rule.only_ozg & set(ozg_ids)):
                return verdict(rule, kind, f"Gesetz {rule.value}")
    verdicts = [verdict(table.ozg[i], kind, f"OZG {i}") for i in ozg_ids if i in table.ozg]
    if not verdicts:
        return Verdict(
            CHECK,
            CHECK,
            "Vor Ort prüfen. Keine OZG-Leistung mit Zuständigkeit in der Tabelle zugeordnet.",
            "ohne Zuordnung",
        )
    if len({v.relevance for v in verdicts}) == 1:
        return verdicts[0]
    return Verdict(
        CHECK,
        CHECK,
        "Vor Ort prüfen. Die OZG-Leistungen dieser Leistung sagen Verschiedenes: "
        + " / ".join(v.reason for v in verdicts),
        " + ".join(v.source for v in verdicts),
    )
