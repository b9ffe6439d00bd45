"""``ozgdesk forget`` and ``ozgdesk persons``: personal data (DSGVO Art. 17 and 15)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ozgdesk.cli_base import EXIT_FAILED, EXIT_OK, add_location, open_project

if TYPE_CHECKING:
    from ozgdesk.store.personal_erase import Place
    from ozgdesk.workflow.persons import Entry, Outcome


def add_persons_parsers(commands: argparse._SubParsersAction) -> None:  # argparse's own type
    forget = commands.add_parser(
        "forget",
        help="eine Person überall entfernen, auch aus den Sicherungen (DSGVO Art. 17)",
        description="Sucht die Person nach Name oder E-Mail-Adresse (und dann auch nach der "
        "jeweils anderen Angabe), listet jede Fundstelle (Tabelle, Datensatz, Feld) und "
        "entfernt sie ohne --dry-run in einem Schritt. Danach wird die Datei neu aufgebaut "
        "(VACUUM), ihr Inhalt Byte für Byte geprüft und jede Sicherung des Projekts auf "
        "dieselbe Weise bereinigt und geprüft.",
    )
    add_location(forget)
    forget.add_argument("--person", required=True, metavar="NAME oder E-MAIL")
    forget.add_argument("--dry-run", action="store_true", help="nur auflisten, nichts entfernen")
    forget.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    forget.set_defaults(handler=cmd_forget)

    persons = commands.add_parser(
        "persons",
        help="alle Personen im Projekt mit ihren Fundstellen (Auskunft nach DSGVO Art. 15)",
    )
    add_location(persons)
    persons.add_argument("--json", action="store_true", help="als JSON ausgeben")
    persons.set_defaults(handler=cmd_persons)


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"„{text if len(text) <= 70 else text[:70] + '…'}“"


def _print_places(places: Sequence[Place]) -> None:
    for p in places:
        print(f"  {p.table} #{p.record}  {p.where} – {p.label}: {_quoted(p.value)} → {p.action}")


def cmd_forget(args: argparse.Namespace) -> int:
    from ozgdesk.workflow import persons

    with open_project(args, read_only=args.dry_run) as project:
        finding = persons.find(project, args.person)
        refused = ""
        if finding.ambiguous and not args.dry_run:
            refused = (
                f"„{finding.query}“ passt auf mehrere Personen: "
                + "; ".join(p.name for p in finding.people)
                + ". Nichts entfernt – geben Sie den vollen Namen oder die E-Mail-Adresse an."
            )
            outcome = persons.Outcome(finding, committed=False)
        else:
            outcome = persons.forget(project, finding, dry_run=args.dry_run)
    if args.json:
        data = outcome.as_dict()
        data["refused"] = refused
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_forget(outcome, args.dry_run)
    if refused:
        if not args.json:
            print(f"ozgdesk: {refused}", file=sys.stderr)
        return EXIT_FAILED
    if outcome.committed and not outcome.verified:
        if not args.json:
            print(
                "ozgdesk: Die Prüfung danach hat noch Spuren gefunden (siehe oben).",
                file=sys.stderr,
            )
        return EXIT_FAILED
    return EXIT_OK


def _print_forget(outcome: Outcome, dry_run: bool) -> None:
    finding = outcome.finding
    if len(finding.query) < 3:
        print("Bitte mindestens drei Zeichen angeben.")
        return
    searched = ", ".join((*finding.terms.names, *finding.terms.emails))
    print(f"Gesucht: {_quoted(finding.query)} (und damit: {searched})")
    if finding.people:
        print(
            "Gefunden: "
            + "; ".join(
                p.name + (f" <{', '.join(p.emails)}>" if p.emails else "") for p in finding.people
            )
        )
    print(f"Fundstellen im Projekt ({len(finding.places)}):")
    _print_places(finding.places)
    if not finding.places:
        print("  (keine)")
    holding = [b for b in outcome.backups if b.places]
    if dry_run:
        print(
            f"Sicherungen des Projekts: {len(finding.backups)}, davon mit der Person: {len(holding)}"
        )
        for b in holding:
            print(f"  {b.path.name}: {b.places} Fundstelle(n)")
        print("Probelauf: nichts entfernt.")
        return
    if not outcome.committed:
        return
    check = outcome.project_check or "keine Spur mehr (auch nicht in den Rohdaten der Datei)"
    print(
        f"Entfernt: {len(outcome.erased)} Fundstelle(n); Datei neu aufgebaut und geprüft: {check}."
    )
    for b in outcome.backups:
        problem = f" – {b.problem}" if b.problem else ""
        print(f"  Sicherung {b.path.name}: {b.state}{problem}")
    if not outcome.backups:
        print("  (keine Sicherungen vorhanden)")
    for path in outcome.damaged_copies:
        print(
            f"  Beschädigte Kopie {path.name} (nicht bereinigt, kann die Person enthalten): selbst löschen"
        )
    print(
        "Hinweis: Bereits gespeicherte Ausgaben (Excel, PDF, E-Mails, Kalenderdateien) und "
        "Kopien außerhalb von ozgdesk enthalten die Person weiterhin; löschen Sie diese selbst."
    )


def cmd_persons(args: argparse.Namespace) -> int:
    from ozgdesk.workflow import persons

    with open_project(args, read_only=True) as project:
        entries = persons.overview(project)
    if args.json:
        print(json.dumps({"persons": [e.as_dict() for e in entries]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    certain = [e for e in entries if e.certain]
    others = [e for e in entries if not e.certain]
    print(f"Personen im Projekt ({len(certain)}):")
    for entry in certain:
        _print_entry(entry)
    if others:
        print(
            f"\nWeitere Namen in Feldern wie „zuständig“ ({len(others)}) – vielleicht Personen, "
            "vielleicht Rollen oder Stellen:"
        )
        for entry in others:
            _print_entry(entry)
    if not entries:
        print("  (keine)")
    return EXIT_OK


def _print_entry(entry: Entry) -> None:
    person = entry.person
    emails = f" <{', '.join(person.emails)}>" if person.emails else ""
    other = [n for n in person.names if n != person.name]
    spelled = f" (auch: {'; '.join(other)})" if other else ""
    print(f"\n{person.name}{emails}{spelled} – {len(entry.places)} Fundstelle(n):")
    _print_places(entry.places)
