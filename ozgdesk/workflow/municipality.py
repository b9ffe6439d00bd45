"""Kinds of municipality in NRW and the built-in list of every municipality and district.

The kind (``project_info.municipality_type``) decides who executes a service (see
workflow/competence.py): a kreisangehörige Gemeinde leaves many tasks to its Kreis, a Mittlere
or Große kreisangehörige Stadt (§ 4 GO NRW) has e.g. its own building authority, a kreisfreie
Stadt does the tasks of a Kreis itself. The keys are stable (stored in project files); the
labels are for people.

The built-in list (resources/catalogue/kommunen-nrw.csv, source in its README) holds the 396
municipalities and the 31 districts (30 Kreise and the Städteregion Aachen) with kind, title,
AGS, ARS, district and website.
"""

from __future__ import annotations

from functools import lru_cache

from ozgdesk import paths
from ozgdesk.formats import reference_csv
from ozgdesk.formats.records import Municipality

GEMEINDE = "gemeinde"
MITTLERE_STADT = "mittlere_stadt"
GROSSE_STADT = "grosse_stadt"
KREISFREIE_STADT = "kreisfreie_stadt"
KREIS = "kreis"

# key → label, in the order of the choice lists
KINDS: dict[str, str] = {
    GEMEINDE: "Kreisangehörige Gemeinde oder Stadt",
    MITTLERE_STADT: "Mittlere kreisangehörige Stadt",
    GROSSE_STADT: "Große kreisangehörige Stadt",
    KREISFREIE_STADT: "Kreisfreie Stadt",
    KREIS: "Kreis oder Städteregion",
}
# short labels for table columns and the benchmark
SHORT_KINDS: dict[str, str] = {
    GEMEINDE: "Gemeinde",
    MITTLERE_STADT: "Mittlere Stadt",
    GROSSE_STADT: "Große Stadt",
    KREISFREIE_STADT: "Kreisfreie Stadt",
    KREIS: "Kreis",
}
# kinds that belong to a Kreis (their district is set)
KREISANGEHOERIG = (GEMEINDE, MITTLERE_STADT, GROSSE_STADT)

TITLES = ("Gemeinde", "Stadt", "Kreis", "Städteregion")


def kind_label(kind: str) -> str:
    return KINDS.get(kind, "unbekannt")


@lru_cache(maxsize=1)
def builtin() -> tuple[Municipality, ...]:
    """The 427 NRW municipalities and districts shipped with the app."""
    path = paths.resource("catalogue", "kommunen-nrw.csv")
    return tuple(reference_csv.read_municipalities(path))


def districts() -> tuple[Municipality, ...]:
    """The 31 districts (Kreise and the Städteregion Aachen)."""
    return tuple(m for m in builtin() if m.kind == KREIS)


def find(name: str) -> Municipality | None:
    """The built-in entry for a municipality's name ("Ahaus", "Stadt Ahaus", an older
    spelling), or ``None``."""
    return reference_csv.match_municipality(name, builtin())


def district_of(ags: str) -> Municipality | None:
    """The district whose key is the first five digits of ``ags``."""
    for entry in districts():
        if entry.ags[:5] == ags[:5]:
            return entry
    return None
