"""The demo municipality: a fictional small town generated from the built-in catalogue.

Used for training, screenshots and tests. Each step adds its own data in
:func:`populate`, so the demo always shows the whole product. Everything is
derived deterministically from the catalogue: no stored binary.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ozgdesk.store.project import Project

DEMO_MUNICIPALITY = "Gemeinde Musterhausen"
DEMO_WEBSITE = "www.musterhausen.example"

# The demo is a small kreisangehörige Gemeinde in the Kreis Düren. Its AGS is fictional (no
# municipality of the Kreis has the number 099) but has the right form, so the keys, the XZuFi
# export and the suggestions work as for a real project.
DEMO_IDENTITY = ("gemeinde", "Gemeinde", "05358099", "053580099099", "Kreis Düren")


def create_demo(path: Path | str) -> Project:
    """Create the demo project at ``path`` and return it opened.

    Built like ``new``: under a temporary name, linked into place when all five steps
    are filled in, so a killed demo never leaves half a project under ``path``."""
    from ozgdesk.workflow.identity import Identity
    from ozgdesk.workflow.projects import (
        create_project,
    )  # here: the main window only needs the name

    return create_project(
        path,
        DEMO_MUNICIPALITY,
        website=DEMO_WEBSITE,
        with_catalogue=True,
        identity=Identity(*DEMO_IDENTITY),
        fill=populate,
    )


# Official keys for the XZuFi file: NRW (05), Regierungsbezirk Arnsberg (9) and a Kreis
# number (99) that no real Kreis has, so the demo's file never names a real municipality.
DEMO_AGS = "05999001"
DEMO_ARS = "059990001001"
DEMO_DISTRICT = "Musterkreis (Beispiel)"


def populate(project: Project) -> None:
    _identity(project)
    _step1_relevance(project)
    _step1_network(project)
    _step2_offices(project)
    _step3_workshop(project)
    _step4_delivery(project)
    _step5_roadmap(project)


def _identity(project: Project) -> None:
    from ozgdesk.workflow import identity

    identity.set_keys(project, ags=DEMO_AGS, ars=DEMO_ARS, district=DEMO_DISTRICT)


def _step1_relevance(project: Project) -> None:
    """The coordinator took over most suggestions of the built-in classification (who executes
    each service for a kreisangehörige Gemeinde), added one rule of her own and decided a few
    services by hand; some are still to be checked with the offices."""
    from ozgdesk.workflow import overview, relevance
    from ozgdesk.workflow.relevance import CHECK, NOT_RELEVANT, RELEVANT, Rule

    relevance.save_rule(
        project,
        Rule(None, "ozg", "10023", NOT_RELEVANT, "Keine eigene Musikschule: die des Kreises"),
    )
    rows = overview.catalogue_rows(project)
    suggestions = relevance.suggestions(project)
    # what is decided (not "prüfen") is taken over for about two thirds of the services ...
    accepted = [
        r.id
        for r in rows
        if r.id in suggestions and suggestions[r.id].relevance != CHECK and r.id % 3 != 0
    ]
    relevance.accept(project, suggestions, accepted)
    # ... a few decided by hand, some still to be checked with the offices
    by_name = {r.name: r.id for r in rows}
    manual = {
        "Hundesteuer": (RELEVANT, "Gemeindesteuer, Satzung der Gemeinde"),
        "Anmeldung einer Wohnung": (RELEVANT, "Einwohnermeldeamt im Bürgerbüro"),
        "Gewerbeanzeige": (RELEVANT, "Gewerbeamt im Bürgerbüro"),
    }
    for name, (value, reason) in manual.items():
        ids = [i for n, i in by_name.items() if n.startswith(name)]
        if ids:
            relevance.decide(project, ids[:5], value, reason)
    checks = [
        r.id
        for r in rows
        if r.id in suggestions and suggestions[r.id].relevance == CHECK and r.id % 3 != 0
    ][:12]
    relevance.decide(project, checks, CHECK, "Mit dem Kreis klären")


def _step1_network(project: Project) -> None:
    from ozgdesk.workflow import network

    providers = {p.name: p for p in network.it_providers()}
    provider = providers.get("regio iT gmbh") or next(iter(providers.values()))
    entries = [
        _with(
            network.contact_from_provider(provider),
            person="Jana Beispiel",
            role="Kundenbetreuung Kommunen",
            email="j.beispiel@regioit.example",
            phone="0241 4130-0",
            first_contact=date(2026, 3, 2),
        ),
        network.Contact(
            None,
            network.COMPETENCE_CENTRE,
            "Kompetenzzentrum Digitalisierung NRW (Beispiel)",
            "Tobias Muster",
            "Ansprechpartner OZG-Umsetzung",
            "ozg@kompetenzzentrum.example",
            "0211 987654",
            "Vortrag im Kick-off angefragt",
            date(2026, 3, 9),
        ),
        network.Contact(
            None,
            network.NEIGHBOUR,
            "Nachbarstadt (Beispiel)",
            "Sabine Vorbild",
            "OZG-Koordinatorin",
            "s.vorbild@nachbarstadt.example",
            "02405 123-45",
            "Austausch zu Bauantrag online",
            date(2026, 4, 14),
        ),
        network.Contact(
            None,
            network.DISTRICT_TEAM,
            "Kreisweites OZG-Team",
            "Dr. Max Mustermann",
            "Leitung Kreis-Team",
            "ozg-team@kreis.example",
            "02421 22-0",
            "Treffen alle zwei Monate",
            None,
        ),
    ]
    for contact in entries:
        network.save(project, contact)


def _with(contact, **changes):
    return replace(contact, **changes)


# Themenfeld -> Fachbereich of the small-municipality template
_RULES = {
    "Bauen & Wohnen": "Bauen und Planen",
    "Umwelt": "Bauen und Planen",
    "Familie & Kind": "Soziales und Schule",
    "Bildung": "Soziales und Schule",
    "Arbeit & Ruhestand": "Soziales und Schule",
    "Recht & Ordnung": "Bürgerservice und Ordnung",
    "Mobilität & Reisen": "Bürgerservice und Ordnung",
    "Ein- & Auswanderung": "Bürgerservice und Ordnung",
    "Unternehmensführung & -entwicklung": "Bürgerservice und Ordnung",
    "Steuern & Zoll": "Finanzen",
}
_CONTACTS = {
    "Zentrale Dienste": [
        (
            "Petra Beispiel",
            "Leitung Zentrale Dienste",
            "p.beispiel@musterhausen.example",
            "02345 678-10",
            False,
        )
    ],
    "Finanzen": [
        ("Karl Zahlmann", "Kämmerer", "k.zahlmann@musterhausen.example", "02345 678-20", False)
    ],
    "Bürgerservice und Ordnung": [
        (
            "Aylin Demir",
            "Leitung Bürgerbüro",
            "a.demir@musterhausen.example",
            "02345 678-30",
            False,
        ),
        (
            "Jonas Weber",
            "Sachbearbeitung Ordnungsamt",
            "j.weber@musterhausen.example",
            "02345 678-31",
            True,
        ),
    ],
    "Bauen und Planen": [
        (
            "Erika Muster",
            "Leitung Bauverwaltung",
            "e.muster@musterhausen.example",
            "02345 678-40",
            False,
        )
    ],
    # "Soziales und Schule" has not named a contact yet: the app shows the gap
}


def _step2_offices(project: Project) -> None:
    from datetime import timedelta

    from ozgdesk.workflow import assignment, briefings, offices, tech
    from ozgdesk.workflow.offices import Contact

    offices.add_offices(project, offices.SMALL_MUNICIPALITY, kind="Fachbereich")
    by_name = {o.name: o.id for o in offices.offices(project) if o.id is not None}
    for office, people in _CONTACTS.items():
        for name, function, email, phone, deputy in people:
            offices.save_contact(
                project, Contact(None, by_name[office], name, function, email, phone, deputy)
            )
    rules = []
    for theme, office in _RULES.items():
        rule_id = assignment.save_rule(
            project, assignment.Rule(None, "themenfeld", theme, by_name[office])
        )
        rules.append(assignment.Rule(rule_id, "themenfeld", theme, by_name[office]))
    assignment.apply_changes(project, assignment.preview(project, rules))
    # a few by hand: the dog tax belongs to Finanzen, the registration office is involved in moves
    from ozgdesk.workflow import overview

    rows = overview.catalogue_rows(project)
    dog_tax = [r.id for r in rows if r.name.startswith("Hundesteuer") and r.relevance == "relevant"]
    assignment.assign(project, dog_tax, by_name["Finanzen"])
    moving = [r.id for r in rows if "Wohnen & Umzug" in r.lebenslage and r.relevance == "relevant"][
        :6
    ]
    assignment.set_involved(project, moving, by_name["Bürgerservice und Ordnung"])
    today = date.today()
    done = {
        "Organisation": (today - timedelta(days=40), "Amtsleitungsrunde", "Übersicht vorgestellt"),
        "IT": (
            today - timedelta(days=38),
            "IT-Leitung",
            "Schnittstelle mit IT-Dienstleister klären",
        ),
        "Verwaltungsspitze": (
            today - timedelta(days=30),
            "Bürgermeisterin im Verwaltungsvorstand",
            "Bitte um Benennung von 1–2 Ansprechpersonen je Fachbereich",
        ),
    }
    for item in briefings.briefings(project):
        for prefix, (when, person, note) in done.items():
            if item.audience.startswith(prefix):
                briefings.save(
                    project,
                    briefings.Briefing(item.id, item.audience, when, person, note, item.position),
                )
    tech.save(
        project,
        tech.Prerequisite(
            tech.YES,
            "Beispiel-CMS (Redaktionssystem der Website)",
            "Jana Beispiel (regio iT)",
            today - timedelta(days=35),
            "XZuFi-Export aktiv, Version 2.2",
        ),
    )


def _step3_workshop(project: Project) -> None:
    from datetime import datetime, time, timedelta

    from ozgdesk.workflow import tasks, workshop
    from ozgdesk.workflow.workdays import next_working_day
    from ozgdesk.workflow.workshop import Decision

    day = date.today() - timedelta(days=21)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    start = datetime.combine(day, time(9, 30))
    kick_off = workshop.with_times(workshop.proposal("Auftakt"), start, workshop.VIDEO_MINUTES)
    kick_off = replace(
        kick_off,
        format="hybrid",
        place="Ratssaal, Rathaus Musterhausen, Markt 1",
        video_link="https://video.musterhausen.example/ozg-auftakt",
        organiser="Maria Koordination, OZG-Koordinatorin",
        organiser_email="ozg@musterhausen.example",
        # six weeks after the workshop, on a working day (never Christmas Day) and after
        # the date of the delivery forms, which are written today
        deliver_by=next_working_day(
            max(day + timedelta(weeks=6), date.today() + timedelta(days=7))
        ),
    )
    workshop_id = workshop.save_workshop(project, kick_off)
    people = workshop.candidates(project, workshop_id)
    named = {
        "Bürgermeister/in": "Bürgermeisterin Dr. Anna Muster",
        "Personalrat (Vorsitz)": "Thomas Rat (Personalrat)",
    }
    people = [replace(p, name=named.get(p.name, p.name)) for p in people]
    ids = workshop.add_participants(project, workshop_id, people)
    workshop.set_invitation(project, ids, workshop.ACCEPTED)
    workshop.set_invitation(project, ids[-2:], workshop.DECLINED)
    workshop.set_attended(project, ids[:-2], True)
    for text in (
        "Jeder Fachbereich benennt bis Monatsende eine OZG-Ansprechperson und eine Vertretung.",
        "Die Fachbereiche prüfen ihre Leistungslisten und melden Korrekturen an die OZG-Koordination.",
        "Die Datenlieferung für das Redaktionssystem erfolgt über die Excel-Formulare je Fachbereich.",
        "Der nächste Termin ist ein Folgetermin zur Roadmap in acht Wochen.",
    ):
        workshop.save_decision(project, Decision(None, workshop_id, text))
    origin = "Workshop „Auftakt-Workshop OZG“"
    for title, owner, weeks, step, status in (
        ("Ansprechperson für Soziales und Schule benennen", "Leitung FB 5", 2, 2, tasks.OPEN),
        ("Leistungsliste Bauen und Planen prüfen", "Erika Muster", 3, 4, tasks.DONE),
        (
            "Daten der Ansprechstellen liefern (Formular)",
            "alle Fachbereiche",
            6,
            4,
            tasks.IN_PROGRESS,
        ),
        (
            "Vortrag Kompetenzzentrum für Folgetermin anfragen",
            "Maria Koordination",
            4,
            3,
            tasks.OPEN,
        ),
        (
            "Pressemitteilung zum OZG-Start abstimmen",
            "Presse- und Öffentlichkeitsarbeit",
            8,
            5,
            tasks.OPEN,
        ),
    ):
        tasks.save(
            project,
            tasks.Task(
                None, title, owner, day + timedelta(weeks=weeks), status, step, workshop_id, origin
            ),
        )
    follow_up = workshop.with_times(
        workshop.proposal("Folgetermin"),
        datetime.combine(day + timedelta(weeks=8), time(10, 0)),
        90,
    )
    follow_up_id = workshop.save_workshop(
        project,
        replace(
            follow_up,
            title="Folgetermin Roadmap",
            format="Video",
            video_link="https://video.musterhausen.example/ozg-roadmap",
            organiser="Maria Koordination, OZG-Koordinatorin",
            organiser_email="ozg@musterhausen.example",
            deliver_by=None,  # the delivery deadline was agreed in the kick-off
        ),
    )
    # the follow-up invites who came to the kick-off, not yet invited (step 3 marks that);
    # the mayor has no e-mail address on the list: invitations report her, not fail
    came = [
        replace(p, id=None, workshop_id=follow_up_id, invitation="", attended=False)
        for p in workshop.detail(project, workshop_id).participants  # type: ignore[union-attr]
        if p.attended
    ]
    workshop.add_participants(project, follow_up_id, came)


_UNITS = {
    "Bürgerservice und Ordnung": (
        "Bürgerbüro",
        "Markt",
        "1",
        "0",
        "Mo–Fr 8–12 Uhr, Do 14–18 Uhr",
        ("Aylin", "Demir"),
    ),
    "Bauen und Planen": (
        "Fachbereich Bauen und Planen",
        "Bahnhofstraße",
        "12",
        "40",
        "Mo–Do 8–12 Uhr",
        ("Erika", "Muster"),
    ),
    "Finanzen": ("Steuern und Abgaben", "Markt", "1", "20", "Mo–Fr 8–12 Uhr", ("Karl", "Zahlmann")),
    "Soziales und Schule": ("Fachbereich Soziales und Schule", "Schulweg", "3", "50", "", None),
}


def _mailbox(word: str) -> str:
    """ "Bürgerbüro" -> "buergerbuero": mailbox names without umlauts (see checks)."""
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        word = word.replace(umlaut, plain).replace(umlaut.upper(), plain)
    return word.lower()


def _step4_delivery(project: Project) -> None:
    from datetime import timedelta

    from ozgdesk.workflow import delivery, offices
    from ozgdesk.workflow.delivery import Person

    by_name = {o.name: o.id for o in offices.offices(project) if o.id is not None}
    for office, (unit, street, number, extension, hours, person) in _UNITS.items():
        values = {
            "unit_name": unit,
            "street": street,
            "house_number": number,
            "postcode": "12345",
            "town": "Musterhausen",
            "phone": f"02345 678-{extension}",
            "fax": "02345 678-99",
            "email": f"{_mailbox(unit.split()[0])}@musterhausen.example",
            "opening_hours": hours,
        }
        people = (
            [
                Person(
                    None,
                    person[0],
                    person[1],
                    f"02345 678-{extension}1",
                    f"{person[0][0].lower()}.{person[1].lower()}@musterhausen.example",
                    "nach Vereinbarung",
                )
            ]
            if person
            else []
        )
        delivery.save_unit(project, by_name[office], values, people)
    rows = delivery.effective_rows(project)
    today = date.today()
    # Bürgerservice: delivered and entered; Bauen: half delivered; Finanzen: requested; Soziales: open
    stored = {s.service_id: s for s in delivery.stored(project, [r.service_id for r in rows])}
    changed = []
    for row in rows:
        slug = "".join(ch if ch.isalnum() else "-" for ch in row.name.lower())[:40].strip("-")
        page = f"https://www.musterhausen.example/leistungen/{slug}"
        item = replace(stored[row.service_id], exists=True)
        if row.unit_office == "Bürgerservice und Ordnung":
            item = delivery.with_status(
                replace(item, values={"page_url": page}),
                delivery.ENTERED,
                today - timedelta(days=3),
            )
        elif row.unit_office == "Bauen und Planen" and row.service_id % 2 == 0:
            item = delivery.with_status(
                replace(item, values={"page_url": page}),
                delivery.DELIVERED,
                today - timedelta(days=5),
            )
        elif row.unit_office in ("Bauen und Planen", "Finanzen"):
            item = delivery.with_status(item, delivery.REQUESTED, today - timedelta(days=14))
        else:
            continue
        changed.append(item)
    delivery.save_services(project, changed)


# OZG-ID -> (kind of online service, state, decision, quarters from now, level today, target, effort in days)
_OZG_PLANS = {
    "10519": ("EfA aus anderem Land", "gesichert", "früh", 1, 1, 3, 4),  # Baugenehmigung
    "10110": ("EfA aus NRW", "gesichert", "früh", 2, 2, 3, 2),  # Abfallentsorgung
    "10171": ("EfA aus NRW", "unklar", "später", 5, 1, 3, 2),
    "10433": ("Landeslösung", "unklar", "später", 6, 0, 3, 3),
}


def _step5_roadmap(project: Project) -> None:
    from datetime import timedelta

    from ozgdesk.store import queries
    from ozgdesk.workflow import communication, offices, roadmap
    from ozgdesk.workflow.roadmap import Plan

    today = date.today()
    quarter = roadmap.quarter_of(today)
    with project.reading() as conn:
        ozg_ids = {code: i for i, code, _name in queries.ozg_service_rows(conn)}
    for code, (kind, state, decision, ahead, level, target, effort) in _OZG_PLANS.items():
        if code in ozg_ids:
            roadmap.save_ozg_plan(
                project,
                ozg_ids[code],
                Plan(
                    online_available=state == "gesichert",
                    efa_kind=kind,
                    efa_state=state,
                    decision=decision,
                    planned_quarter=roadmap.shift_quarter(quarter, ahead),
                    current_level=level,
                    target_level=target,
                    effort_days=effort,
                    decision_reason="Nachnutzung eines Einer-für-Alle-Dienstes",
                ),
            )
    rows = roadmap.plan_rows(project)
    plans = {}
    for index, row in enumerate(rows):
        if row.inherited:
            continue
        if index % 3 == 0:
            plans[row.service_id] = Plan(
                decision="später",
                planned_quarter=roadmap.shift_quarter(quarter, 3 + index % 5),
                current_level=1,
                target_level=3,
                effort_days=1.5,
                efa_kind="eigene Lösung",
            )
        elif index % 7 == 0:
            plans[row.service_id] = Plan(
                decision="Status quo",
                decision_reason="Fachverfahren wird ersetzt; danach neu bewerten",
                current_level=1,
            )
    roadmap.save_plans(project, plans)
    dog_tax = [r for r in rows if r.name.startswith("Hundesteuer")]
    for row in dog_tax[:1]:
        roadmap.save_prerequisite(
            project,
            roadmap.PrerequisiteItem(
                None,
                row.service_id,
                "Fachverfahren",
                "Steuerverfahren (Beispiel)",
                "Beispiel-Software GmbH",
                "unklar",
                "in Arbeit",
                "Karl Zahlmann",
            ),
        )
        roadmap.save_prerequisite(
            project,
            roadmap.PrerequisiteItem(
                None, row.service_id, "ePayment", "ePayBL", "", "", "offen", "Kämmerei"
            ),
        )
    by_name = {o.name: o.id for o in offices.offices(project) if o.id is not None}
    for office, days in (
        ("Bauen und Planen", 30),
        ("Bürgerservice und Ordnung", 35),
        ("Finanzen", 6),
        ("Soziales und Schule", 6),
    ):
        for step in range(0, 8):
            roadmap.set_capacity(
                project, by_name[office], roadmap.shift_quarter(quarter, step), days
            )
    go_live = roadmap.quarter_start(roadmap.shift_quarter(quarter, 4))
    for title, when, done in (
        ("Ratsbeschluss zur OZG-Roadmap", today - timedelta(days=10), True),
        (
            "Bauantrag online (EfA) angebunden",
            roadmap.quarter_end(roadmap.shift_quarter(quarter, 1)),
            False,
        ),
        ("Start der ersten Online-Dienste", go_live, False),
        ("Fortschrittsbericht an den Rat", today + timedelta(days=150), False),
    ):
        roadmap.save_milestone(project, roadmap.MilestoneItem(None, title, when, done))
    communication.generate(project, go_live)
    done_until = today
    finished = [
        i.id for i in communication.items(project) if i.due_on < done_until and i.id is not None
    ]
    communication.set_done(project, finished, True)
    communication.save_council_inputs(
        project,
        communication.CouncilInputs(
            situation="Das Onlinezugangsgesetz verpflichtet auch Musterhausen, Verwaltungsleistungen online anzubieten. "
            "Ein erster Überblick über die relevanten Leistungen und ihre Zuständigkeiten liegt vor.",
            goal="Bis zum Start die wichtigsten Leistungen für Bürgerinnen, Bürger und Unternehmen online anbieten – "
            "zuerst die Einer-für-Alle-Dienste, die das Land bereitstellt.",
            benefits=communication.DEFAULT_BENEFITS,
            implementation_cost=45000,
            operation_cost=12000,
            coordination_fte=0.5,
            cost_per_fte=72000,
            risk_buffer_percent=15,
            risks=communication.DEFAULT_RISKS,
            dependencies="Mehrere Online-Dienste entwickelt das Land NRW; ihr Termin ist noch nicht gesichert. "
            "Bis dahin bleibt das Formular (Reifegrad 2) online.",
            last_report=today - timedelta(days=180),
        ),
    )
