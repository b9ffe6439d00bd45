"""Command line: headless commands on the same workflow code as the GUI.

Exit codes: 0 success, 1 refused or failed (message on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from ozgdesk import __version__

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A command line that makes no sense (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"ozgdesk: Aufruf fehlerhaft: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ozgdesk",
        description="ozgdesk – OZG-Koordination für kleine Kommunen. Ohne Befehl startet "
        "die Oberfläche.",
    )
    parser.add_argument("--version", action="version", version=f"ozgdesk {__version__}")
    parser.add_argument(
        "--project",
        dest="gui_project",
        metavar="PFAD",
        help="dieses Projekt in der Oberfläche öffnen",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="die Demo-Kommune (Wegwerf-Kopie) in der Oberfläche öffnen",
    )
    parser.add_argument(
        "--step",
        type=int,
        choices=range(0, 6),
        default=0,
        metavar="N",
        help="die Oberfläche auf Schritt N (1–5) öffnen statt auf der Startseite",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="Oberfläche starten, Hauptfenster mit Daten zeigen und sofort beenden (für Installationstests)",
    )
    commands = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=_Parser)

    new = commands.add_parser("new", help="neues Projekt anlegen")
    new.add_argument("--project", required=True, metavar="PFAD", help="Pfad der neuen Projektdatei")
    new.add_argument("--municipality", required=True, metavar="NAME", help="Name der Kommune")
    new.add_argument(
        "--website", metavar="ADRESSE", help="Website der Kommune (sonst aus der NRW-Liste)"
    )
    new.add_argument(
        "--no-catalogue", action="store_true", help="ohne den mitgelieferten Leistungskatalog"
    )
    new.set_defaults(handler=cmd_new)

    info = commands.add_parser("info", help="Kennzahlen eines Projekts ausgeben")
    info.add_argument("--project", required=True, metavar="PFAD")
    info.add_argument("--json", action="store_true", help="als JSON ausgeben")
    info.set_defaults(handler=cmd_info)

    imp = commands.add_parser(
        "import", help="Leistungsliste (Excel, ODS, CSV) in ein Projekt importieren"
    )
    imp.add_argument(
        "file", metavar="DATEI", help="die Tabelle (.xlsx, .xlsm, .xls, .ods, .csv, .txt)"
    )
    imp.add_argument("--project", required=True, metavar="PFAD")
    imp.add_argument(
        "--sheet", metavar="NAME", help="Tabellenblatt (sonst das erste mit Kopfzeile)"
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SPALTE=FELD",
        help='Spaltenzuordnung korrigieren, z. B. --map "Kennziffer=key" (Feld leer: ignorieren)',
    )
    imp.add_argument("--source", metavar="NAME", help="Name der Liste (Standard: Dateiname)")
    imp.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts übernehmen")
    imp.add_argument(
        "--strict", action="store_true", help="bei fehlerhaften Zeilen nichts übernehmen"
    )
    imp.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    imp.set_defaults(handler=cmd_import)

    assign = commands.add_parser(
        "assign", help="relevante Leistungen per Regel einem Amt zuordnen (Schritt 2)"
    )
    assign.add_argument("--project", required=True, metavar="PFAD")
    assign.add_argument(
        "--rule",
        required=True,
        metavar="ART=WERT",
        help='z. B. "Themenfeld=Bauen & Wohnen", Lebenslage=…, OZG-ID=…, Name=…',
    )
    assign.add_argument(
        "--office", required=True, metavar="NAME", help="Name (oder Kürzel) des Amts"
    )
    assign.add_argument(
        "--dry-run", action="store_true", help="nur anzeigen, was sich ändern würde"
    )
    assign.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    assign.set_defaults(handler=cmd_assign)

    returns = commands.add_parser(
        "import-returns",
        help="ausgefüllte Formulare der Ämter (Schritt 4) prüfen und übernehmen",
        description="Liest die zurückgeschickten Formulare, zeigt jede Änderung (alt → neu) und "
        "übernimmt sie nach einer Sicherung in einem Schritt. Felder, die seit dem Versand auch "
        "im Projekt geändert wurden (Konflikte), werden nur mit --accept-conflicts übernommen.",
    )
    returns.add_argument("files", nargs="+", metavar="DATEI", help="die Formulare (.xlsx)")
    returns.add_argument("--project", required=True, metavar="PFAD")
    returns.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts übernehmen")
    returns.add_argument(
        "--accept-conflicts",
        action="store_true",
        help="auch Konflikte übernehmen (der Wert aus dem Formular ersetzt den im Projekt)",
    )
    returns.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    returns.set_defaults(handler=cmd_import_returns)

    save = commands.add_parser("backup", help="Sicherung des Projekts anlegen")
    save.add_argument("--project", required=True, metavar="PFAD")
    save.set_defaults(handler=cmd_backup)
    listing = commands.add_parser("backups", help="Sicherungen eines Projekts auflisten")
    listing.add_argument("--project", required=True, metavar="PFAD")
    listing.add_argument("--json", action="store_true", help="als JSON ausgeben")
    listing.set_defaults(handler=cmd_backups)
    restore = commands.add_parser("restore", help="Projekt aus einer Sicherung wiederherstellen")
    restore.add_argument("--project", required=True, metavar="PFAD")
    restore.add_argument(
        "--backup", required=True, metavar="DATEI", help="die Sicherung (siehe ozgdesk backups)"
    )
    restore.set_defaults(handler=cmd_restore)

    demo = commands.add_parser("demo", help="Demo-Kommune als Projekt anlegen")
    demo.add_argument("--project", required=True, metavar="PFAD")
    demo.set_defaults(handler=cmd_demo)

    _add_export_parsers(commands)
    return parser


def _add_export_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``ozgdesk export ART --project PFAD --out DATEI``; one sub-command per export."""
    export = commands.add_parser(
        "export",
        help="Daten eines Projekts als Datei ausgeben (Excel, PDF)",
        description="Gibt Daten eines Projekts als Datei aus. Das Projekt wird nur gelesen; "
        "eine vorhandene Ausgabedatei wird ersetzt.",
    )
    kinds = export.add_subparsers(dest="export_kind", metavar="ART", parser_class=_Parser)
    kinds.required = True

    def add(
        name: str, help_text: str, suffix: str, handler: Callable[..., int]
    ) -> argparse.ArgumentParser:
        """One export with --project and --out (returned, to add options of its own)."""
        kind = kinds.add_parser(name, help=help_text, description=help_text)
        kind.add_argument("--project", required=True, metavar="PFAD", help="die Projektdatei")
        kind.add_argument(
            "--out", required=True, metavar=f"DATEI{suffix}", help=f"Zieldatei ({suffix})"
        )
        kind.set_defaults(handler=handler, export_suffix=suffix)
        return kind

    add(
        "catalogue",
        "Leistungskatalog mit Entscheidungen als Excel-Tabelle (.xlsx)",
        ".xlsx",
        cmd_export_catalogue,
    )
    add(
        "overview",
        "Übersicht für die Verwaltungsspitze als einseitiges PDF",
        ".pdf",
        cmd_export_overview,
    )
    all_services = "alle federführenden Leistungen, nicht nur die als „relevant“ entschiedenen"
    add(
        "offices",
        "Ämter mit OZG-Ansprechpersonen und ihren Leistungen als Excel-Tabelle (.xlsx)",
        ".xlsx",
        cmd_export_offices,
    ).add_argument("--all-services", action="store_true", help=all_services)
    lists_help = "je Amt eine Leistungsliste als PDF (Dateien „Leistungen <Amt>.pdf“)"
    lists = kinds.add_parser("office-lists", help=lists_help, description=lists_help)
    lists.add_argument("--project", required=True, metavar="PFAD", help="die Projektdatei")
    lists.add_argument(
        "--out",
        required=True,
        metavar="ORDNER",
        help="Zielordner (wird angelegt, wenn es ihn noch nicht gibt)",
    )
    lists.add_argument("--all-services", action="store_true", help=all_services)
    lists.set_defaults(handler=cmd_export_office_lists)
    add(
        "briefing",
        "Information für die Verwaltungsspitze (Schritt 2) als PDF, höchstens zwei Seiten",
        ".pdf",
        cmd_export_briefing,
    )
    forms_help = (
        "je Amt ein Excel-Formular für die Datenlieferung (Schritt 4) zum Ausfüllen "
        "(Dateien „Datenlieferung <Amt>.xlsx“)"
    )
    forms = kinds.add_parser("forms", help=forms_help, description=forms_help)
    forms.add_argument("--project", required=True, metavar="PFAD", help="die Projektdatei")
    forms.add_argument(
        "--out",
        required=True,
        metavar="ORDNER",
        help="Zielordner (wird angelegt, wenn es ihn noch nicht gibt)",
    )
    forms.add_argument(
        "--deadline", metavar="JJJJ-MM-TT", help="Rückgabefrist, die im Formular steht"
    )
    forms.add_argument(
        "--reply-to",
        metavar="ADRESSE",
        default="",
        help="an wen die Ämter das Formular zurückschicken (z. B. E-Mail der OZG-Koordination)",
    )
    forms.set_defaults(handler=cmd_export_forms)
    _add_workshop_exports(kinds)
    _add_delivery_exports(kinds)
    _add_roadmap_exports(kinds)


def _add_delivery_exports(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Step 4: the delivery list or XZuFi file, and one checklist per office."""
    no_names = "ohne Ansprechpersonen (keine Namen; nur Telefon und E-Mail der zuständigen Stellen)"
    help_text = (
        "Daten für das Redaktionssystem der Website (Schritt 4): Liste als Excel (.xlsx) "
        "oder CSV (.csv), oder XZuFi-Datei (.xml)"
    )
    kind = kinds.add_parser("delivery", help=help_text, description=help_text)
    kind.add_argument(
        "--format",
        required=True,
        choices=("xlsx", "csv", "xzufi"),
        dest="delivery_format",
        help="xlsx oder csv: Liste zum Eintragen; xzufi: XML nach XZuFi 2.2",
    )
    kind.add_argument("--project", required=True, metavar="PFAD", help="die Projektdatei")
    kind.add_argument(
        "--out", required=True, metavar="DATEI", help="Zieldatei (.xlsx, .csv oder .xml)"
    )
    kind.add_argument("--no-names", action="store_true", help=no_names)
    kind.set_defaults(handler=cmd_export_delivery)

    help_text = "je Amt eine Checkliste der Datenlieferung als PDF („Checkliste <Amt>.pdf“)"
    kind = kinds.add_parser("checklists", help=help_text, description=help_text)
    kind.add_argument("--project", required=True, metavar="PFAD", help="die Projektdatei")
    kind.add_argument(
        "--out",
        required=True,
        metavar="ORDNER",
        help="Zielordner (wird angelegt, wenn es ihn noch nicht gibt)",
    )
    kind.add_argument("--no-names", action="store_true", help=no_names)
    kind.set_defaults(handler=cmd_export_checklists)


def _add_roadmap_exports(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Step 5: the roadmap (timeline PDF or PNG, table PDF, Excel) and the council report."""
    help_text = (
        "Roadmap (Schritt 5): Zeitplan der Anbindungen als PDF über mehrere Seiten oder als "
        "ein Bild (PNG), die Roadmap als Tabelle (PDF mit --table) oder als Excel-Tabelle (.xlsx)"
    )
    kind = kinds.add_parser(
        "roadmap",
        help=help_text,
        description=help_text + ". --format pdf schreibt den Zeitplan (Balken je Leistung und "
        "Quartal; Beschriftungsspalte und Quartalskopf auf jeder Seite), --format pdf --table "
        "stattdessen die Tabelle der Leistungen nach Quartal (A4 quer). --format png schreibt den "
        "ganzen Zeitplan als ein Bild, --format xlsx die Leistungen mit allen Planungswerten, "
        "Kapazität, Kommunikation und Meilensteinen.",
    )
    kind.add_argument(
        "--format",
        required=True,
        choices=("pdf", "png", "xlsx"),
        dest="roadmap_format",
        help="pdf: Zeitplan (mit --table: Tabelle); png: Zeitplan als Bild; xlsx: Excel-Tabelle",
    )
    kind.add_argument("--project", required=True, metavar="PFAD", help="die Projektdatei")
    kind.add_argument(
        "--out", required=True, metavar="DATEI", help="Zieldatei (.pdf, .png oder .xlsx)"
    )
    kind.add_argument(
        "--table",
        action="store_true",
        help="nur mit --format pdf: die Roadmap als Tabelle statt des Zeitplans",
    )
    kind.add_argument(
        "--page",
        choices=("A4", "A3"),
        help="Papierformat des Zeitplans (quer), Standard A4; nur mit --format pdf",
    )
    kind.add_argument(
        "--group",
        choices=("office", "themenfeld"),
        help="Zeitplan gruppiert nach Amt (office, Standard) oder Themenfeld; für pdf und png",
    )
    kind.set_defaults(handler=cmd_export_roadmap)

    help_text = (
        "Bericht an den Rat als PDF: einseitige Zusammenfassung, Nutzen, Kosten, Fortschritt, "
        "Meilensteine, Abhängigkeiten von Land und Bund, Kommunikation"
    )
    kind = kinds.add_parser("council-report", help=help_text, description=help_text)
    kind.add_argument("--project", required=True, metavar="PFAD", help="die Projektdatei")
    kind.add_argument("--out", required=True, metavar="DATEI.pdf", help="Zieldatei (.pdf)")
    kind.set_defaults(handler=cmd_export_council_report, export_suffix=".pdf")


def _add_workshop_exports(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Step 3: calendar file, invitation drafts, printed papers, minutes of a workshop."""
    workshop_help = "Nummer des Workshops (Standard: der nächste anstehende, sonst der letzte)"
    for name, help_text, out, out_help, handler in (
        (
            "handouts",
            "Unterlagen zum Workshop als PDF: Tagesordnung, Teilnehmerliste, je Amt ein "
            "Handzettel und alles in einer Datei zum Ausdrucken",
            "ORDNER",
            "Zielordner (wird angelegt, wenn es ihn noch nicht gibt)",
            cmd_export_handouts,
        ),
        (
            "ics",
            "Workshop als Kalendereintrag (.ics) für Outlook, Thunderbird und andere",
            "DATEI.ics",
            "Zieldatei (.ics)",
            cmd_export_ics,
        ),
        (
            "minutes",
            "Protokoll des Workshops als PDF (Anwesende, Beschlüsse, Aufgaben)",
            "DATEI.pdf",
            "Zieldatei (.pdf)",
            cmd_export_minutes,
        ),
        (
            "invitations",
            "Einladungen als E-Mail-Entwürfe (.eml, je Person mit E-Mail-Adresse) mit "
            "Kalendereintrag; ozgdesk verschickt nichts",
            "ORDNER",
            "Zielordner (wird angelegt, wenn es ihn noch nicht gibt)",
            cmd_export_invitations,
        ),
    ):
        kind = kinds.add_parser(name, help=help_text, description=help_text)
        kind.add_argument("--project", required=True, metavar="PFAD", help="die Projektdatei")
        kind.add_argument("--out", required=True, metavar=out, help=out_help)
        kind.add_argument("--workshop", type=int, metavar="NR", help=workshop_help)
        kind.set_defaults(handler=handler)


def _fail(message: str) -> int:
    print(f"ozgdesk: {message}", file=sys.stderr)
    return EXIT_FAILED


def cmd_new(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.projects import create_project

    with create_project(
        args.project, args.municipality, website=args.website, with_catalogue=not args.no_catalogue
    ) as project:
        from ozgdesk.workflow.info import project_facts

        facts = project_facts(project)
    print(
        f"Projekt für {facts['municipality']} angelegt: {facts['path']} "
        f"({facts['services_total']} Leistungen, {facts['ozg_services_total']} OZG-Leistungen)"
    )
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow.info import project_facts

    with Project.open(args.project, read_only=True) as project:
        facts = project_facts(project)
    if args.json:
        print(json.dumps(facts, ensure_ascii=False, indent=2))
    else:
        labels = {
            "municipality": "Kommune",
            "path": "Datei",
            "schema_version": "Datenformat",
            "services_total": "Leistungen gesamt",
            "services_with_key": "  mit LeiKa-Schlüssel",
            "services_without_key": "  ohne gültigen Schlüssel",
            "ozg_services_total": "OZG-Leistungen",
        }
        width = max(len(v) for v in labels.values())
        for key, label in labels.items():
            print(f"{label:<{width}}  {facts[key]}")
    return EXIT_OK


def _parse_map(items: list[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--map erwartet SPALTE=FELD, nicht „{item}“")
        header, _, field = item.partition("=")
        mapping[header.strip()] = field.strip()
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow.importing import analyse, run_import

    overrides = _parse_map(args.map)
    with Project.open(args.project) as project:
        plan = analyse(
            args.file,
            sheet=args.sheet,
            overrides=overrides,
            project=project,
            source_label=args.source,
        )
        report = run_import(project, plan, strict=args.strict, dry_run=args.dry_run)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_import_report(report, plan.description, args.dry_run)
    if report.committed or (args.dry_run and not report.reason):
        return EXIT_OK
    if not args.json:
        print(f"ozgdesk: Nichts übernommen: {report.reason}", file=sys.stderr)
    return EXIT_FAILED


def _print_import_report(report, description: str, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    name = Path(report.file).name
    print(f"Datei: {name}" + (f" (Blatt „{report.sheet}“, {description})" if report.sheet else ""))
    if report.committed or dry_run:
        verb = "würden" if dry_run else "wurden"
        print(
            f"{report.added} neu, {report.updated} aktualisiert, {report.unchanged} unverändert; "
            f"{report.flagged} ohne Schlüssel markiert, {report.skipped} Zeile(n) übersprungen – "
            f"so {verb} die Daten übernommen."
        )
        if report.missing_from_file:
            print(
                f"{len(report.missing_from_file)} Leistung(en) aus früheren Importen dieser Liste fehlen jetzt (markiert, nicht gelöscht)."
            )
        if report.offices_created:
            print("Neu angelegte Ämter: " + ", ".join(report.offices_created))
    for label, problems in (("Fehler", report.errors), ("Warnungen und Hinweise", report.warnings)):
        if problems:
            print(f"{label} ({len(problems)}):")
            for p in problems[:200]:
                where = f"Zeile {p.row}" if p.row else "Datei"
                column = f", Spalte „{p.column}“" if p.column else ""
                value = f", Wert „{p.value}“" if p.value else ""
                print(f"  {name}, {where}{column}{value}: {p.message}")
            if len(problems) > 200:
                print(f"  … und {len(problems) - 200} weitere")


def cmd_assign(args: argparse.Namespace) -> int:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import assignment, offices

    try:
        kind, value = assignment.parse_rule_text(args.rule)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    with Project.open(args.project, read_only=args.dry_run) as project:
        office = offices.office_by_name(project, args.office)
        if office is None or office.id is None:
            known = ", ".join(o.name for o in offices.offices(project)) or "(noch keine)"
            return _fail(
                f"Ein Amt „{args.office}“ gibt es im Projekt nicht. Vorhandene Ämter: {known}."
            )
        rule = assignment.Rule(None, kind, value, office.id, office_name=office.name)
        changes = assignment.preview(project, [rule])
        applied = [c for c in changes if c.applies]
        if not args.dry_run:
            assignment.apply_changes(project, changes)
    result = {
        "committed": not args.dry_run,
        "rule": rule.describe(),
        "assigned": sum(c.action == "neu" for c in changes),
        "replaced": sum(c.action == "ersetzt" for c in changes),
        "kept": sum(not c.applies for c in changes),
        "changes": [
            {
                "key": c.key,
                "name": c.name,
                "old": c.old_office,
                "new": c.new_office,
                "action": c.action,
            }
            for c in changes
        ],
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        verb = "würden" if args.dry_run else "wurden"
        print(
            f"{rule.describe()}: {len(applied)} relevante Leistung(en) {verb} zugeordnet "
            f"({result['assigned']} neu, {result['replaced']} ersetzt); {result['kept']} manuelle "
            "Zuordnung(en) bleiben unverändert."
        )
        for c in changes:
            if not c.applies:
                print(f"  bleibt: {c.key or '(ohne Schlüssel)'} {c.name} – {c.old_office}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from ozgdesk.store.project import Project

    with Project.open(args.project) as project:
        saved = project.backup("manuell")
    print(f"Sicherung angelegt: {saved}")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from ozgdesk.store import backups
    from ozgdesk.store.project import Project

    with Project.open(args.project, read_only=True) as project:
        folder = project.backup_folder()
    found = [backups.inspect(path) for path in backups.files(folder)]
    if args.json:
        print(
            json.dumps(
                {"folder": str(folder), "backups": [b.as_dict() for b in found]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    print(f"Sicherungen in {folder}:")
    for item in found:
        counts = ", ".join(f"{k} {v}" for k, v in item.counts.items())
        state = "" if item.ok else "  (nicht verwendbar)"
        print(
            f"  {item.created:%d.%m.%Y %H:%M:%S}  {item.reason:<24} {item.size / 1024:>8.0f} KB  {counts}  {item.path.name}{state}"
        )
    if not found:
        print("  (keine)")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from ozgdesk.store.project import Project

    backup = Path(args.backup)
    if not backup.is_file():
        return _fail(f"Die Sicherung „{backup}“ gibt es nicht.")
    with Project.open(args.project) as project:
        safety = project.restore(backup)
    print(
        f"Projekt aus „{backup.name}“ wiederhergestellt. Der vorherige Stand ist gesichert: {safety}"
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.demo import create_demo

    with create_demo(args.project) as project:
        print(f"Demo-Kommune angelegt: {project.path}")
    return EXIT_OK


def _export(args: argparse.Namespace, export: Callable[..., Path], what: str) -> int:
    from ozgdesk.store.project import Project

    out = Path(args.out)
    if out.suffix.lower() != args.export_suffix:
        raise UsageError(f"--out muss auf „{args.export_suffix}“ enden, nicht „{out.name}“")
    with Project.open(args.project, read_only=True) as project:
        written = export(project, out)
    print(f"{what} gespeichert: {written}")
    return EXIT_OK


def _export_folder(
    args: argparse.Namespace,
    export: Callable[..., list[Path]],
    *,
    not_suffixes: tuple[str, ...],
    folder_for: str,
    saved: str,
    nothing: str,
) -> int:
    """An export that writes several files into the folder ``--out``."""
    from ozgdesk.store.project import Project

    out = Path(args.out)
    if out.suffix.lower() in not_suffixes:
        raise UsageError(f"--out ist ein Ordner für {folder_for}, nicht „{out.name}“")
    with Project.open(args.project, read_only=True) as project:
        written = export(project, out)
    if not written:
        return _fail(nothing)
    print(f"{len(written)} {saved} gespeichert in {out}:")
    for path in written:
        print(f"  {path.name}")
    return EXIT_OK


def cmd_export_catalogue(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.exports import export_catalogue

    return _export(args, export_catalogue, "Leistungskatalog")


def cmd_export_overview(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.exports import export_overview_pdf

    return _export(args, export_overview_pdf, "Übersicht")


def cmd_export_offices(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.office_reports import export_offices_workbook

    def export(project, out: Path) -> Path:  # type: ignore[no-untyped-def]
        return export_offices_workbook(project, out, only_relevant=not args.all_services)

    return _export(args, export, "Ämterübersicht")


def cmd_export_office_lists(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.office_reports import export_office_pdfs

    what = "Leistungen" if args.all_services else "relevanten Leistungen"
    return _export_folder(
        args,
        lambda project, out: export_office_pdfs(project, out, only_relevant=not args.all_services),
        not_suffixes=(".pdf",),
        folder_for="mehrere PDF-Dateien",
        saved="Leistungsliste(n)",
        nothing=f"Keine Leistungslisten erstellt: Noch keinem Amt sind {what} zugeordnet "
        "(Schritt 2 „Zuordnung“).",
    )


def cmd_export_forms(args: argparse.Namespace) -> int:
    from datetime import date

    from ozgdesk.workflow.delivery_returns import export_forms

    deadline = None
    if args.deadline:
        try:
            deadline = date.fromisoformat(args.deadline)
        except ValueError:
            raise UsageError(
                f"--deadline erwartet ein Datum wie 2025-06-30, nicht „{args.deadline}“"
            ) from None
    return _export_folder(
        args,
        lambda project, out: export_forms(project, out, deadline, reply_to=args.reply_to),
        not_suffixes=(".xlsx", ".xls"),
        folder_for="mehrere Formulare",
        saved="Formular(e)",
        nothing="Keine Formulare erstellt: Noch keinem Amt sind relevante Leistungen zugeordnet "
        "(Schritt 2 „Zuordnung“).",
    )


def cmd_import_returns(args: argparse.Namespace) -> int:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import delivery_returns

    with Project.open(args.project, read_only=args.dry_run) as project:
        review = delivery_returns.review(project, args.files)
        result = None
        if not args.dry_run:
            accepted = delivery_returns.accept_ids(review, conflicts=args.accept_conflicts)
            result = delivery_returns.apply(project, review, accepted)
    committed = bool(result and result.committed)
    if result is not None:
        reason = result.reason
        if not committed and review.conflicts and not args.accept_conflicts:
            reason += " Konflikte werden nur mit --accept-conflicts übernommen."
    elif review.file_errors:
        reason = "Mindestens eine Datei kann nicht gelesen werden."
    else:
        reason = ""
    if args.json:
        data = review.as_dict()
        data.update(
            committed=committed,
            dry_run=args.dry_run,
            backup=str(result.backup) if result and result.backup else "",
            applied=[c.id for c in result.applied] if result else [],
            skipped=[s.as_dict() for s in result.skipped] if result else [],
            reason=reason,
        )
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_returns_report(review, result, args.dry_run, args.accept_conflicts)
    if committed or (args.dry_run and not review.file_errors):
        return EXIT_OK
    if not args.json:
        print(f"ozgdesk: Nichts übernommen: {reason}", file=sys.stderr)
    return EXIT_FAILED


def _print_returns_report(review, result, dry_run: bool, accept_conflicts: bool) -> None:  # type: ignore[no-untyped-def]
    def quoted(text: str) -> str:
        text = text.replace("\n", " ⏎ ")
        return f"„{text if len(text) <= 80 else text[:80] + '…'}“"

    for form in review.forms:
        sent = (
            f", verschickt am {form.exported_at.astimezone():%d.%m.%Y}" if form.exported_at else ""
        )
        print(f"Rücklauf: {form.file} ({form.office}{sent}, {form.rows} Zeile(n))")
    applied = {c.id for c in result.applied} if result else set()
    verb = "würden übernommen" if dry_run else "übernommen"
    if review.changes:
        print(f"Änderungen ({len(review.changes)}):")
        for c in review.changes:
            mark = "" if dry_run or c.id in applied else " (nicht übernommen)"
            print(f"  [{c.id}] {c.where}: {c.label}: {quoted(c.old)} → {quoted(c.new)}{mark}")
    if review.conflicts:
        how = "" if accept_conflicts else " – nicht übernommen (mit --accept-conflicts übernehmen)"
        print(f"Konflikte ({len(review.conflicts)}){how}:")
        for c in review.conflicts:
            print(
                f"  [{c.id}] {c.where}: {c.label}: im Projekt {quoted(c.old)}, beim Versand "
                f"{quoted(c.exported)}, im Formular {quoted(c.new)}"
            )
    if review.unknown:
        print(f"Unbekannte Zeilen ({len(review.unknown)}), nicht übernommen:")
        for u in review.unknown:
            print(f"  {u.file}, Zeile {u.row}: {u.key or '(ohne Schlüssel)'} {u.name} – {u.reason}")
    if review.vanished:
        print(f"Im Rücklauf fehlende Leistungen ({len(review.vanished)}), bleiben unverändert:")
        for v in review.vanished:
            print(f"  {v.file}: {v.key or '(ohne Schlüssel)'} {v.name}")
    if review.errors:
        print(f"Fehler ({len(review.errors)}):")
        for p in review.errors[:200]:
            where = f"Zeile {p.row}" if p.row else (f"Blatt „{p.sheet}“" if p.sheet else "Datei")
            column = f", Spalte „{p.column}“" if p.column else ""
            value = f", Wert {quoted(p.value)}" if p.value and p.row else ""
            print(f"  {p.file}, {where}{column}{value}: {p.message}")
        if len(review.errors) > 200:
            print(f"  … und {len(review.errors) - 200} weitere")
    if result is not None:
        for s in result.skipped:
            print(f"  übersprungen [{s.change.id}] {s.change.where}: {s.change.label}: {s.reason}")
    count = len(result.applied) if result else len(review.changes)
    print(f"Ergebnis: {count} Änderung(en) {verb}.")
    if result is not None and result.backup:
        print(f"Sicherung vorher: {result.backup}")


def cmd_export_briefing(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.office_reports import export_briefing_pdf

    return _export(args, export_briefing_pdf, "Information für die Verwaltungsspitze")


def _workshop_export(
    args: argparse.Namespace, export: Callable[..., object], suffix: str | None
) -> tuple[object, str] | int:
    """Run ``export(project, workshop_id, out)`` on the chosen (or next) workshop;
    returns its result and a description of the workshop, or an exit code."""
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import workshop

    out = Path(args.out)
    if suffix is not None and out.suffix.lower() != suffix:
        raise UsageError(f"--out muss auf „{suffix}“ enden, nicht „{out.name}“")
    if suffix is None and out.suffix.lower() in (".pdf", ".eml", ".ics"):
        raise UsageError(f"--out ist ein Ordner für mehrere Dateien, nicht „{out.name}“")
    with Project.open(args.project, read_only=True) as project:
        if args.workshop is not None:
            chosen = workshop.detail(project, args.workshop)
            found = chosen.workshop if chosen else None
            if found is None:
                return _fail(
                    f"Einen Workshop mit der Nummer {args.workshop} gibt es im Projekt nicht. "
                    + _known_workshops(workshop.workshops(project))
                )
        else:
            found = workshop.next_workshop(project)
            if found is None:
                return _fail(
                    "Im Projekt gibt es noch keinen Workshop. Legen Sie ihn in Schritt 3 "
                    "„Workshop“ an."
                )
        assert found.id is not None
        result = export(project, found.id, out)
    return result, f"„{found.title}“ am {found.starts_at:%d.%m.%Y}"


def _known_workshops(workshops: Sequence) -> str:  # type: ignore[type-arg]
    if not workshops:
        return "Es gibt noch keinen Workshop."
    listed = ", ".join(f"{w.id} ({w.title}, {w.starts_at:%d.%m.%Y})" for w in workshops)
    return f"Vorhandene Workshops: {listed}."


def cmd_export_ics(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.workshop_outputs import export_ics

    done = _workshop_export(args, export_ics, ".ics")
    if isinstance(done, int):
        return done
    written, which = done
    print(f"Kalendereintrag für {which} gespeichert: {written}")
    return EXIT_OK


def cmd_export_minutes(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.workshop_outputs import export_minutes_pdf

    done = _workshop_export(args, export_minutes_pdf, ".pdf")
    if isinstance(done, int):
        return done
    written, which = done
    print(f"Protokoll von {which} gespeichert: {written}")
    return EXIT_OK


def cmd_export_handouts(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.workshop_outputs import export_handouts

    done = _workshop_export(args, export_handouts, None)
    if isinstance(done, int):
        return done
    written, which = done
    assert isinstance(written, list)
    print(f"{len(written)} PDF-Datei(en) für {which} gespeichert in {args.out}:")
    for path in written:
        print(f"  {path.name}")
    return EXIT_OK


def cmd_export_invitations(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.workshop_outputs import export_invitations

    done = _workshop_export(args, export_invitations, None)
    if isinstance(done, int):
        return done
    written, which = done
    assert isinstance(written, list)
    if not written:
        return _fail(
            f"Keine Einladungen für {which} erstellt: Niemand auf der Teilnehmerliste hat "
            "eine E-Mail-Adresse."
        )
    drafts = "E-Mail-Entwurf" if len(written) == 1 else "E-Mail-Entwürfe"
    print(
        f"{len(written)} {drafts} für {which} gespeichert in {args.out} "
        "(im E-Mail-Programm öffnen, prüfen und von dort senden):"
    )
    for path in written:
        print(f"  {path.name}")
    return EXIT_OK


def cmd_export_delivery(args: argparse.Namespace) -> int:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow.delivery_outputs import SUFFIXES, export_delivery, xzufi_skipped

    fmt = args.delivery_format
    out = Path(args.out)
    if out.suffix.lower() != SUFFIXES[fmt]:
        raise UsageError(
            f"--out muss bei --format {fmt} auf „{SUFFIXES[fmt]}“ enden, nicht „{out.name}“"
        )
    with Project.open(args.project, read_only=True) as project:
        written = export_delivery(project, out, fmt, include_names=not args.no_names)
        skipped = xzufi_skipped(project) if fmt == "xzufi" else []
    what = "XZuFi-Datei" if fmt == "xzufi" else "Lieferliste"
    print(f"{what} gespeichert: {written}")
    if skipped:
        print(f"{len(skipped)} relevante Leistung(en) nicht enthalten:")
        for item in skipped:
            print(f"  {item.key or '(ohne Schlüssel)'} {item.name}: {item.reason}")
    return EXIT_OK


def cmd_export_checklists(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.delivery_outputs import export_checklists

    return _export_folder(
        args,
        lambda project, out: export_checklists(project, out, include_names=not args.no_names),
        not_suffixes=(".pdf",),
        folder_for="mehrere PDF-Dateien",
        saved="Checkliste(n)",
        nothing="Keine Checklisten erstellt: Noch keinem Amt sind relevante Leistungen "
        "zugeordnet (Schritt 2 „Zuordnung“).",
    )


def cmd_export_roadmap(args: argparse.Namespace) -> int:
    from ozgdesk.store.project import Project
    from ozgdesk.workflow import roadmap_outputs

    fmt = args.roadmap_format
    out = Path(args.out)
    suffix = f".{fmt}"
    if out.suffix.lower() != suffix:
        raise UsageError(f"--out muss bei --format {fmt} auf „{suffix}“ enden, nicht „{out.name}“")
    if args.table and fmt != "pdf":
        raise UsageError("--table gibt es nur mit --format pdf")
    if args.page and (fmt != "pdf" or args.table):
        raise UsageError("--page gilt nur für den Zeitplan als PDF (--format pdf ohne --table)")
    if args.group and (fmt == "xlsx" or args.table):
        raise UsageError("--group gilt nur für den Zeitplan (--format pdf ohne --table, png)")
    group = args.group or "office"
    with Project.open(args.project, read_only=True) as project:
        if fmt == "xlsx":
            written, what = roadmap_outputs.export_roadmap_xlsx(project, out), "Roadmap (Excel)"
        elif args.table:
            written, what = roadmap_outputs.export_roadmap_pdf(project, out), "Roadmap (Tabelle)"
        elif fmt == "png":
            written = roadmap_outputs.export_timeline_png(project, out, group)
            what = "Zeitplan (Bild)"
        else:
            page = args.page or "A4"
            written = roadmap_outputs.export_timeline_pdf(project, out, page, group)
            what = f"Zeitplan ({page} quer)"
    print(f"{what} gespeichert: {written}")
    return EXIT_OK


def cmd_export_council_report(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.roadmap_outputs import export_council_report

    return _export(args, export_council_report, "Bericht an den Rat")


def run_command(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    from ozgdesk.store.errors import ProjectError

    try:
        return handler(args)
    except UsageError as exc:
        print(f"ozgdesk: Aufruf fehlerhaft: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ProjectError as exc:
        return _fail(exc.as_text().replace("\n\n", " "))
    except ValueError as exc:
        return _fail(str(exc))
    except OSError as exc:
        log.exception("Dateifehler")
        return _fail(f"Dateifehler: {exc}")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from ozgdesk.applog import setup_logging

    setup_logging()
    if args.command:
        return run_command(args.handler, args)
    from ozgdesk.ui.app import run_gui

    return run_gui(
        project=Path(args.gui_project) if args.gui_project else None,
        demo=args.demo or (args.smoke_test and not args.gui_project),
        step=args.step,
        smoke_test=args.smoke_test,
    )
