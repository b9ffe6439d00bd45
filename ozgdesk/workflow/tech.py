"""The technical prerequisite (step 2, shown on step 4 as a blocker): does the
municipal website have an interface to the Portalverbund (XZuFi)?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ozgdesk.store import queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean

YES = "ja"
NO = "nein"
UNCLEAR = "unklar"
STATES = (YES, NO, UNCLEAR)


@dataclass(frozen=True)
class Prerequisite:
    status: str = UNCLEAR
    cms_product: str = ""
    asked_person: str = ""
    asked_on: date | None = None
    notes: str = ""

    @property
    def blocks_delivery(self) -> bool:
        return self.status != YES

    def explain(self) -> str:
        if self.status == YES:
            product = f" ({self.cms_product})" if self.cms_product else ""
            return f"Die Website hat eine Schnittstelle zum Portalverbund (XZuFi){product}."
        if self.status == NO:
            return (
                "Die Website hat noch keine Schnittstelle zum Portalverbund (XZuFi). Ohne sie "
                "erreichen die gelieferten Daten den Portalverbund nicht: klären Sie mit dem "
                "IT-Dienstleister, wann sie kommt."
            )
        return (
            "Noch ungeklärt, ob die Website eine Schnittstelle zum Portalverbund (XZuFi) hat. "
            "Fragen Sie Ihren IT-Dienstleister (Schritt 2)."
        )


def get(project: Project) -> Prerequisite:
    with project.reading() as conn:
        row = queries.tech_prerequisite_row(conn)
    if row is None:
        return Prerequisite()
    asked = date.fromisoformat(str(row[3])[:10]) if row[3] else None
    return Prerequisite(row[0], row[1], row[2], asked, row[4])


def save(project: Project, value: Prerequisite) -> None:
    from sqlalchemy import select

    from ozgdesk.store.models import TechPrerequisite

    if value.status not in STATES:
        raise ValueError(f"Unbekannter Stand „{value.status}“ (möglich: ja, nein, unklar).")
    if value.asked_on is not None and value.asked_on > date.today():
        raise ValueError("Das Datum der Anfrage liegt in der Zukunft.")
    with project.session() as session:
        row = (
            session.execute(select(TechPrerequisite).order_by(col(TechPrerequisite.id)))
            .scalars()
            .first()
        )
        if row is None:
            row = TechPrerequisite()
            session.add(row)
        row.status, row.cms_product = value.status, clean(value.cms_product)
        row.asked_person, row.asked_on, row.notes = (
            clean(value.asked_person),
            value.asked_on,
            value.notes.strip(),
        )
