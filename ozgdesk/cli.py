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

from ozgdesk import __version__
from ozgdesk.cli_base import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    add_location,
    location,
    open_project,
)
from ozgdesk.cli_base import Parser as _Parser
from ozgdesk.cli_base import fail as _fail
from ozgdesk.cli_base import parse_map as _parse_map

log = logging.getLogger(__name__)

ran_command = False  # a headless command ran (ozgdesk.__main__ may then end at once)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ozgdesk",
        description="ozgdesk – OZG-Koordination für kleine Kommunen. Ohne Befehl startet "
        "die Oberfläche.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ozgdesk {__version__}",
        help="die Versionsnummer zeigen und beenden",
    )
    parser.add_argument(
        "--project",
        dest="gui_project",
        metavar="PFAD",
        help="dieses Projekt in der Oberfläche öffnen",
    )
    parser.add_argument(
        "--db",
        dest="gui_db",
        metavar="URL",
        help="dieses Projekt auf einem PostgreSQL-Server in der Oberfläche öffnen",
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
    add_location(new, "Pfad der neuen Projektdatei")
    new.add_argument("--municipality", required=True, metavar="NAME", help="Name der Kommune")
    new.add_argument(
        "--website", metavar="ADRESSE", help="Website der Kommune (sonst aus der NRW-Liste)"
    )
    new.add_argument(
        "--no-catalogue", action="store_true", help="ohne den mitgelieferten Leistungskatalog"
    )
    new.set_defaults(handler=cmd_new)

    info = commands.add_parser("info", help="Kennzahlen eines Projekts ausgeben")
    add_location(info)
    info.add_argument("--json", action="store_true", help="als JSON ausgeben")
    info.set_defaults(handler=cmd_info)

    imp = commands.add_parser(
        "import",
        help="Leistungsliste (Excel, ODS, CSV) oder XZuFi-2.2-Datei (.xml) in ein Projekt "
        "importieren",
    )
    imp.add_argument(
        "file",
        metavar="DATEI",
        help="die Tabelle (.xlsx, .xlsm, .xls, .ods, .csv, .txt) oder XZuFi-Nachricht (.xml)",
    )
    add_location(imp)
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
    imp.add_argument(
        "--relevant",
        action="store_true",
        help="die Liste sind „unsere Leistungen“: noch offene Leistungen der Liste als relevant entscheiden",
    )
    imp.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    from ozgdesk.cli_xzufi import add_import_options

    add_import_options(imp)
    imp.set_defaults(handler=cmd_import, without_gc=True)

    assign = commands.add_parser(
        "assign", help="relevante Leistungen per Regel einem Amt zuordnen (Schritt 2)"
    )
    add_location(assign)
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
    returns.add_argument(
        "files", nargs="+", metavar="DATEI", help="die Formulare (.xlsx) oder XZuFi-Dateien (.xml)"
    )
    add_location(returns)
    returns.add_argument("--dry-run", action="store_true", help="nur prüfen, nichts übernehmen")
    returns.add_argument(
        "--accept-conflicts",
        action="store_true",
        help="auch Konflikte übernehmen (der Wert aus dem Formular ersetzt den im Projekt)",
    )
    returns.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    returns.set_defaults(handler=cmd_import_returns)

    save = commands.add_parser("backup", help="Sicherung des Projekts anlegen")
    add_location(save)
    save.add_argument(
        "--out",
        metavar="DATEI",
        help="die Sicherung als Projektdatei an diesen Ort schreiben (vom Server: der Weg "
        "zurück auf einen Laptop); sonst in den Sicherungsordner",
    )
    save.set_defaults(handler=cmd_backup)
    listing = commands.add_parser("backups", help="Sicherungen eines Projekts auflisten")
    add_location(listing)
    listing.add_argument("--json", action="store_true", help="als JSON ausgeben")
    listing.set_defaults(handler=cmd_backups)
    restore = commands.add_parser("restore", help="Projekt aus einer Sicherung wiederherstellen")
    add_location(restore)
    restore.add_argument(
        "--backup", required=True, metavar="DATEI", help="die Sicherung (siehe ozgdesk backups)"
    )
    restore.set_defaults(handler=cmd_restore)

    demo = commands.add_parser("demo", help="Demo-Kommune als Projekt anlegen")
    demo.add_argument(
        "--project", required=True, metavar="PFAD", help="Pfad der neuen Demo-Projektdatei"
    )
    demo.set_defaults(handler=cmd_demo)

    from ozgdesk.cli_export import add_export_parsers

    add_export_parsers(commands)
    from ozgdesk.cli_share import add_share_parsers

    add_share_parsers(commands)
    from ozgdesk.cli_persons import add_persons_parsers

    add_persons_parsers(commands)
    from ozgdesk.cli_catalogue import add_catalogue_parsers

    add_catalogue_parsers(commands)
    from ozgdesk.cli_server import add_server_parsers

    add_server_parsers(commands)
    return parser


def cmd_new(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.projects import create_project

    with create_project(
        location(args),
        args.municipality,
        website=args.website,
        with_catalogue=not args.no_catalogue,
    ) as project:
        from ozgdesk.workflow.info import project_facts

        facts = project_facts(project)
    print(
        f"Projekt für {facts['municipality']} angelegt: {facts['path']} "
        f"({facts['services_total']} Leistungen, {facts['ozg_services_total']} OZG-Leistungen)"
    )
    from ozgdesk.workflow.municipality import kind_label

    if facts["municipality_type"]:
        where = f", {facts['district']}" if facts["district"] else ""
        print(
            f"Art der Kommune: {kind_label(facts['municipality_type'])}{where} "
            f"(AGS {facts['ags'] or '–'}, ARS {facts['ars'] or '–'})"
        )
    else:
        print(
            "Die Kommune steht nicht in der NRW-Liste: Art und amtliche Schlüssel bitte in "
            "ozgdesk unter „Datei → Projekteinstellungen…“ festlegen."
        )
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.info import project_facts

    with open_project(args, read_only=True) as project:
        facts = project_facts(project)
    if args.json:
        print(json.dumps(facts, ensure_ascii=False, indent=2))
    else:
        from ozgdesk.workflow.municipality import kind_label

        facts = {**facts, "municipality_type": kind_label(facts["municipality_type"])}
        labels = {
            "municipality": "Kommune",
            "municipality_type": "Art der Kommune",
            "ags": "AGS",
            "ars": "ARS",
            "district": "Kreis",
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


def cmd_import(args: argparse.Namespace) -> int:
    from ozgdesk import cli_xzufi
    from ozgdesk.workflow.importing import analyse, run_import

    if cli_xzufi.handles(args.file):
        return cli_xzufi.cmd_import_xzufi(args)
    overrides = _parse_map(args.map)
    with open_project(args) as project:
        plan = analyse(
            args.file,
            sheet=args.sheet,
            overrides=overrides,
            project=project,
            source_label=args.source,
        )
        report = run_import(
            project, plan, strict=args.strict, dry_run=args.dry_run, relevant=args.relevant
        )
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_import_report(report, plan.description, args.dry_run)
    if report.committed or (args.dry_run and not report.reason):
        return EXIT_OK
    if not args.json:
        print(f"ozgdesk: Nichts übernommen: {report.reason}", file=sys.stderr)
    return EXIT_FAILED


def _print_import_report(report, description: str, dry_run: bool) -> None:
    name = Path(report.file).name
    print(f"Datei: {name}" + (f" (Blatt „{report.sheet}“, {description})" if report.sheet else ""))
    if report.columns:
        print(
            "Spalten: "
            + "; ".join(f"{c['column']} → {c['label']}, {c['text']}" for c in report.columns)
        )
    if report.committed or (dry_run and not report.reason):
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
        if report.marked_relevant:
            print(f"{report.marked_relevant} Leistung(en) als relevant entschieden.")
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
    from ozgdesk.workflow import assignment, offices

    try:
        kind, value = assignment.parse_rule_text(args.rule)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    with open_project(args, read_only=args.dry_run) as project:
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

    if args.out:
        from ozgdesk.cli_server import backup_to

        return backup_to(args)
    with open_project(args) as project:
        saved = project.backup("manuell")
    print(f"Sicherung angelegt: {saved}")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from ozgdesk.store import backups
    from ozgdesk.store.errors import CorruptProjectError

    try:
        with open_project(args, read_only=True) as project:
            folder = project.backup_folder()
    except CorruptProjectError as damaged:  # its backups are what the user needs now
        print(f"ozgdesk: {damaged.what}", file=sys.stderr)
        if args.db:
            raise
        folder = backups.folder_for(Path(args.project).absolute())
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
    from ozgdesk.store import backups
    from ozgdesk.store.errors import CorruptProjectError

    backup = Path(args.backup)
    if not backup.is_file():
        return _fail(f"Die Sicherung „{backup}“ gibt es nicht.")
    try:
        project = open_project(args)
    except CorruptProjectError:  # as the GUI does: keep the damaged file, put the backup there
        if args.db:
            raise
        kept = backups.restore_damaged(Path(args.project).absolute(), backup)
        print(
            f"Projekt aus „{backup.name}“ wiederhergestellt. Die beschädigte Datei ist "
            f"aufbewahrt: {kept}"
        )
        return EXIT_OK
    warning = backups.foreign_warning(project.path, backup)
    if warning:
        print(f"ozgdesk: {warning}", file=sys.stderr)
    with project:
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


def cmd_import_returns(args: argparse.Namespace) -> int:
    from ozgdesk.workflow import delivery_returns, xzufi_apply, xzufi_import

    with open_project(args, read_only=args.dry_run) as project:
        review = xzufi_import.review_files(project, args.files)
        result = None
        if not args.dry_run:
            accepted = delivery_returns.accept_ids(review, conflicts=args.accept_conflicts)
            result = xzufi_apply.apply(project, review, accepted)
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


def _print_returns_report(review, result, dry_run: bool, accept_conflicts: bool) -> None:
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


def _run_without_gc(args: argparse.Namespace) -> int:
    """Bulk commands (imports) run with the cyclic garbage collector paused, from the
    module imports on (SQLAlchemy, SQLModel and the models create many objects that the
    collector would scan again and again); nothing they create needs it."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return run_command(args.handler, args)
    finally:
        if enabled:
            gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from ozgdesk.applog import setup_logging

    setup_logging()
    if args.command:
        global ran_command
        code = _run_without_gc(args) if getattr(args, "without_gc", False) else None
        if code is None:
            code = run_command(args.handler, args)
        ran_command = True
        return code
    from ozgdesk.ui.app import run_gui

    return run_gui(
        project=Path(args.gui_project) if args.gui_project else None,
        server=args.gui_db,
        demo=args.demo or (args.smoke_test and not args.gui_project and not args.gui_db),
        step=args.step,
        smoke_test=args.smoke_test,
    )
