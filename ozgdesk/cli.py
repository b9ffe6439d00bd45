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
    from ozgdesk.store.project import Project
    from ozgdesk.workflow.office_reports import export_office_pdfs

    out = Path(args.out)
    if out.suffix.lower() == ".pdf":
        raise UsageError(f"--out ist ein Ordner für mehrere PDF-Dateien, nicht „{out.name}“")
    with Project.open(args.project, read_only=True) as project:
        written = export_office_pdfs(project, out, only_relevant=not args.all_services)
    if not written:
        what = "Leistungen" if args.all_services else "relevanten Leistungen"
        return _fail(
            f"Keine Leistungslisten erstellt: Noch keinem Amt sind {what} zugeordnet "
            "(Schritt 2 „Zuordnung“)."
        )
    print(f"{len(written)} Leistungsliste(n) gespeichert in {out}:")
    for path in written:
        print(f"  {path.name}")
    return EXIT_OK


def cmd_export_briefing(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.office_reports import export_briefing_pdf

    return _export(args, export_briefing_pdf, "Information für die Verwaltungsspitze")


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

    return run_gui(project=Path(args.gui_project) if args.gui_project else None, demo=args.demo)
