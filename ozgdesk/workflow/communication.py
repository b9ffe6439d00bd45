"""Step 5: the communication plan for staff, council and citizens, and the council
report's inputs.

The plan is generated relative to a go-live date, following the guidance: the
roll-out is mostly a communication project with three audiences addressed in
parallel from day one. Go-live falls in month 15 of the template (concept 1-3,
development 4-12, pre-launch 13-14, launch 15, post-launch 16-21). Generated
items can be edited; generating again for a new date moves the generated items
that are not done yet and keeps everything added by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from ozgdesk.store import queries
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.textnorm import clean

STAFF, COUNCIL, CITIZENS = "Beschäftigte", "Rat", "Bürgerschaft"
AUDIENCES = (STAFF, COUNCIL, CITIZENS)
GO_LIVE_MONTH = 15


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last_day = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last_day))


def _phase(day: date, go_live: date) -> str:
    start = add_months(go_live, 1 - GO_LIVE_MONTH)
    month = (day.year - start.year) * 12 + day.month - start.month + 1
    if month <= 3:
        return "Konzept"
    if month <= 12:
        return "Entwicklung"
    if day < go_live:
        return "Vorbereitung Start"
    if day < add_months(go_live, 1):
        return "Start"
    return "Nach dem Start"


def template(go_live: date) -> list[tuple[str, str, str, date, str]]:
    """(template key, audience, title, due date, owner) for a go-live date."""
    start = add_months(go_live, 1 - GO_LIVE_MONTH)

    def month(n: int) -> date:
        return add_months(start, n - 1)

    def weeks(n: int) -> date:
        return go_live + timedelta(weeks=n)

    items: list[tuple[str, str, str, date, str]] = [
        (
            "staff-kickoff",
            STAFF,
            "Kick-off mit allen betroffenen Ämtern",
            month(1),
            "OZG-Koordination",
        ),
        (
            "staff-champions",
            STAFF,
            "Netzwerk der Digital-Champions (1–2 je Amt) aufbauen",
            month(2),
            "OZG-Koordination",
        ),
        (
            "staff-workshop-ist",
            STAFF,
            "Anforderungsworkshop 1: Ist-Ablauf mit den Ämtern",
            month(3),
            "OZG-Koordination",
        ),
        (
            "staff-workshop-soll",
            STAFF,
            "Anforderungsworkshop 2: Soll-Ablauf",
            month(4),
            "OZG-Koordination",
        ),
        (
            "staff-workshop-review",
            STAFF,
            "Anforderungsworkshop 3: Design-Review",
            month(5),
            "OZG-Koordination",
        ),
        (
            "staff-training-concept",
            STAFF,
            "Schulungskonzept fertig",
            month(10),
            "Organisation/Personal",
        ),
        (
            "staff-training",
            STAFF,
            "Basisschulung der Beschäftigten (2–4 Wochen vor dem Start)",
            weeks(-3),
            "Organisation/Personal",
        ),
        (
            "staff-hours",
            STAFF,
            "Wöchentliche Sprechstunde (6 Monate ab Start)",
            weeks(1),
            "OZG-Koordination",
        ),
        (
            "staff-quickwins",
            STAFF,
            "Erste Erfolge mit Zahlen mitteilen (z. B. Minuten je Fall gespart)",
            add_months(go_live, 1),
            "OZG-Koordination",
        ),
        (
            "staff-feedback",
            STAFF,
            "Feedback-Runde mit den Beschäftigten",
            add_months(go_live, 6),
            "OZG-Koordination",
        ),
        ("council-business-case", COUNCIL, "Business Case erstellen", month(3), "OZG-Koordination"),
        (
            "council-paper",
            COUNCIL,
            "Ratsvorlage mit einseitiger Zusammenfassung",
            month(4),
            "Verwaltungsspitze",
        ),
        (
            "council-prebriefing",
            COUNCIL,
            "Informelles Vorgespräch mit den Fraktionsvorsitzenden",
            month(4) + timedelta(days=14),
            "Verwaltungsspitze",
        ),
        ("council-decision", COUNCIL, "Ratsbeschluss", month(5), "Verwaltungsspitze"),
        (
            "council-success",
            COUNCIL,
            "Erfolgsbericht mit Ausblick",
            add_months(go_live, 6),
            "Verwaltungsspitze",
        ),
        (
            "citizens-plan",
            CITIZENS,
            "Mehrkanal-Plan für die Bürgerschaft festlegen",
            weeks(-6),
            "Presse- und Öffentlichkeitsarbeit",
        ),
        (
            "citizens-social",
            CITIZENS,
            "Social Media: wöchentlich, 8 Wochen lang",
            weeks(-8),
            "Presse- und Öffentlichkeitsarbeit",
        ),
        (
            "citizens-videos",
            CITIZENS,
            "Erklärvideos und FAQ veröffentlichen",
            weeks(-4),
            "Presse- und Öffentlichkeitsarbeit",
        ),
        (
            "citizens-mail",
            CITIZENS,
            "Betroffene Gruppen direkt anschreiben",
            weeks(-3),
            "Fachämter",
        ),
        ("citizens-hotline", CITIZENS, "Hotline geschult und erreichbar", weeks(-2), "Bürgerbüro"),
        (
            "citizens-press-release",
            CITIZENS,
            "Pressemitteilung zum Start",
            weeks(-1),
            "Presse- und Öffentlichkeitsarbeit",
        ),
        (
            "citizens-feedback-button",
            CITIZENS,
            "Feedback-Button auf der Website freischalten",
            go_live,
            "Redaktion Website",
        ),
        (
            "citizens-survey",
            CITIZENS,
            "Umfrage zur Zufriedenheit",
            add_months(go_live, 3),
            "OZG-Koordination",
        ),
        (
            "citizens-story",
            CITIZENS,
            "Erfolgsgeschichte veröffentlichen",
            add_months(go_live, 4),
            "Presse- und Öffentlichkeitsarbeit",
        ),
    ]
    for n in range(3, GO_LIVE_MONTH):  # monthly town halls until the 4 weeks around go-live
        items.append(
            (
                f"staff-townhall-{n}",
                STAFF,
                "Town-Hall-Meeting (30 Min. Stand, 30 Min. Fragen)",
                month(n),
                "OZG-Koordination",
            )
        )
    for n in (-2, -1, 1, 2):
        items.append(
            (
                f"staff-townhall-week{n}",
                STAFF,
                "Town-Hall-Meeting (wöchentlich rund um den Start)",
                weeks(n),
                "OZG-Koordination",
            )
        )
    for n in range(4, GO_LIVE_MONTH + 6):
        items.append(
            (f"staff-newsletter-{n}", STAFF, "Interner Newsletter", month(n), "OZG-Koordination")
        )
    for n, day in enumerate((weeks(-6), weeks(-3), go_live), start=1):
        items.append(
            (
                f"citizens-gazette-{n}",
                CITIZENS,
                f"Amtsblatt: Beitrag {n} von 3",
                day,
                "Presse- und Öffentlichkeitsarbeit",
            )
        )
    for n, day in enumerate((weeks(-4), weeks(2)), start=1):
        items.append(
            (
                f"citizens-press-{n}",
                CITIZENS,
                f"Lokalpresse: Bericht {n} von 2",
                day,
                "Presse- und Öffentlichkeitsarbeit",
            )
        )
    progress_day = add_months(month(5), 6)
    n = 1
    while progress_day <= add_months(go_live, 6):
        items.append(
            (
                f"council-progress-{n}",
                COUNCIL,
                "Fortschrittsbericht an den Rat (halbjährlich)",
                progress_day,
                "OZG-Koordination",
            )
        )
        progress_day = add_months(progress_day, 6)
        n += 1
    return sorted(items, key=lambda item: (item[3], item[1]))


@dataclass(frozen=True)
class Item:
    id: int | None
    audience: str
    title: str
    due_on: date
    owner: str = ""
    done: bool = False
    phase: str = ""
    template: str = ""
    notes: str = ""


def items(project: Project) -> list[Item]:
    with project.reading() as conn:
        return [
            Item(
                r[0],
                r[1],
                r[2],
                date.fromisoformat(str(r[3])[:10]),
                r[4],
                bool(r[5]),
                r[6],
                r[7],
                r[8],
            )
            for r in queries.comm_item_rows(conn)
        ]


def generate(project: Project, go_live: date) -> tuple[int, int]:
    """Create (or move) the generated items for ``go_live``; returns (added, moved).
    Items done or added by hand are left alone."""
    from ozgdesk.store.models import CommItem

    existing = {i.template: i for i in items(project) if i.template}
    added = moved = 0
    with project.session() as session:
        for key, audience, title, due, owner in template(go_live):
            phase = _phase(due, go_live)
            item = existing.get(key)
            if item is None:
                session.add(
                    CommItem(
                        audience=audience,
                        title=title,
                        due_on=due,
                        owner=owner,
                        phase=phase,
                        template=key,
                    )
                )
                added += 1
            elif not item.done and (item.due_on != due or item.phase != phase):
                row = session.get(CommItem, item.id)
                assert row is not None  # read in this very session
                row.due_on, row.phase = due, phase
                moved += 1
    set_setting(project, "go_live", go_live.isoformat())
    return added, moved


def save_item(project: Project, item: Item) -> int:
    from ozgdesk.store.models import CommItem

    if item.audience not in AUDIENCES:
        raise ValueError(
            f"Unbekannte Zielgruppe „{item.audience}“ (möglich: {', '.join(AUDIENCES)})."
        )
    if not clean(item.title):
        raise ValueError("Bitte beschreiben Sie die Maßnahme.")
    with project.session() as session:
        row = session.get(CommItem, item.id) if item.id else None
        if row is None:
            row = CommItem(audience=item.audience, title=clean(item.title), due_on=item.due_on)
            session.add(row)
        row.audience, row.title, row.due_on = item.audience, clean(item.title), item.due_on
        row.owner, row.done, row.phase, row.notes = (
            clean(item.owner),
            item.done,
            item.phase,
            item.notes.strip(),
        )
        session.flush()
        assert row.id is not None
        return row.id


def set_done(project: Project, ids: list[int], done: bool = True) -> None:
    from sqlalchemy import update

    from ozgdesk.store.models import CommItem

    with project.session() as session:
        session.execute(update(CommItem).where(col(CommItem.id).in_(ids)).values(done=done))


def delete_item(project: Project, item_id: int) -> None:
    from ozgdesk.store.models import CommItem

    with project.session() as session:
        row = session.get(CommItem, item_id)
        if row is not None:
            session.delete(row)


def open_count(project: Project) -> int:
    return sum(1 for i in items(project) if not i.done)


# -- settings ------------------------------------------------------------------------------------------


def get_setting(project: Project, key: str, default: object = None) -> object:
    with project.reading() as conn:
        raw = queries.setting_value(conn, key)
    return json.loads(raw) if raw else default


def set_setting(project: Project, key: str, value: object) -> None:
    from ozgdesk.store.models import Setting

    with project.session() as session:
        row = session.get(Setting, key)
        text = json.dumps(value, ensure_ascii=False)
        if row is None:
            session.add(Setting(key=key, value=text))
        else:
            row.value = text


def go_live(project: Project) -> date | None:
    value = get_setting(project, "go_live")
    return date.fromisoformat(str(value)) if value else None


# -- council report inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilInputs:
    """What the coordinator types in for the council report; every other figure comes
    from the project data."""

    situation: str = ""
    goal: str = ""
    benefits: tuple[tuple[str, str, str], ...] = ()  # stakeholder, benefit, measured by
    implementation_cost: float = 0.0  # one-off, EUR
    operation_cost: float = 0.0  # per year, EUR
    coordination_fte: float = 0.5
    cost_per_fte: float = 75000.0  # EUR per year
    risk_buffer_percent: float = 15.0
    risks: tuple[tuple[str, str], ...] = ()  # risk, mitigation
    dependencies: str = ""
    last_report: date | None = None

    @property
    def personnel_cost(self) -> float:
        return self.coordination_fte * self.cost_per_fte

    @property
    def risk_buffer(self) -> float:
        return (
            (self.implementation_cost + self.operation_cost + self.personnel_cost)
            * self.risk_buffer_percent
            / 100
        )

    @property
    def total_first_year(self) -> float:
        return (
            self.implementation_cost + self.operation_cost + self.personnel_cost + self.risk_buffer
        )


DEFAULT_BENEFITS = (
    (
        "Bürgerinnen und Bürger",
        "Anträge rund um die Uhr online stellen, weniger Wege ins Rathaus",
        "Anteil Online-Anträge je Leistung",
    ),
    ("Unternehmen", "Schnellere Genehmigungen, weniger Papier", "Bearbeitungsdauer in Tagen"),
    (
        "Beschäftigte",
        "Weniger Abtippen, vollständige Anträge",
        "Minuten je Fall, Rückfragen je Antrag",
    ),
    (
        "Rat und Verwaltungsspitze",
        "OZG-Pflichten erfüllt, sichtbarer Fortschritt",
        "Leistungen mit Reifegrad 3 oder höher",
    ),
)
DEFAULT_RISKS = (
    (
        "Online-Dienste des Landes (EfA) kommen später als geplant",
        "Zeitplan halbjährlich prüfen, vorhandene Formulare (Reifegrad 2) weiter anbieten",
    ),
    ("Zu wenig Personal in den Ämtern", "Kapazität je Quartal planen, Anbindungen staffeln"),
    (
        "Fachverfahren ohne Schnittstelle",
        "Mit Herstellern und IT-Dienstleister Termine vereinbaren, Übergangslösung festlegen",
    ),
)


def council_inputs(project: Project) -> CouncilInputs:
    raw = get_setting(project, "council", None)
    if not isinstance(raw, dict):
        return CouncilInputs(benefits=DEFAULT_BENEFITS, risks=DEFAULT_RISKS)
    values = dict(raw)
    values["benefits"] = tuple(tuple(b) for b in values.get("benefits", DEFAULT_BENEFITS))
    values["risks"] = tuple(tuple(r) for r in values.get("risks", DEFAULT_RISKS))
    if values.get("last_report"):
        values["last_report"] = date.fromisoformat(values["last_report"])
    known = CouncilInputs.__dataclass_fields__
    return CouncilInputs(**{k: v for k, v in values.items() if k in known})


def save_council_inputs(project: Project, inputs: CouncilInputs) -> None:
    for name in (
        "implementation_cost",
        "operation_cost",
        "coordination_fte",
        "cost_per_fte",
        "risk_buffer_percent",
    ):
        if getattr(inputs, name) < 0:
            raise ValueError("Beträge und Anteile können nicht negativ sein.")
    if inputs.risk_buffer_percent > 100:
        raise ValueError("Der Risikopuffer liegt zwischen 0 und 100 %.")
    value = {
        "situation": inputs.situation.strip(),
        "goal": inputs.goal.strip(),
        "benefits": [list(b) for b in inputs.benefits],
        "implementation_cost": inputs.implementation_cost,
        "operation_cost": inputs.operation_cost,
        "coordination_fte": inputs.coordination_fte,
        "cost_per_fte": inputs.cost_per_fte,
        "risk_buffer_percent": inputs.risk_buffer_percent,
        "risks": [list(r) for r in inputs.risks],
        "dependencies": inputs.dependencies.strip(),
        "last_report": inputs.last_report.isoformat() if inputs.last_report else None,
    }
    set_setting(project, "council", value)
