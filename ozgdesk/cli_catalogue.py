"""`ozgdesk update-catalogue`: bring a newer catalogue release into a project."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ozgdesk.cli_base import add_location

LIST_LIMIT = 50  # entries per list in the text output (--json has them all)


def add_catalogue_parsers(commands: argparse._SubParsersAction) -> None:
    update = commands.add_parser(
        "update-catalogue",
        help="neuere Fassung des Leistungskatalogs übernehmen (Entscheidungen bleiben)",
        description="Vergleicht eine neuere Fassung des Leistungskatalogs (xlsx/csv im "
        "offiziellen Aufbau oder in jedem Aufbau, den der Import versteht) mit dem Katalog "
        "des Projekts: neue, geänderte (Name, Typ, OZG-Zuordnung) und entfallene Leistungen. "
        "Beim Übernehmen bleiben alle Entscheidungen, Zuordnungen und Planungen; entfallene "
        "Leistungen werden markiert, nicht gelöscht, neue kommen unentschieden hinzu. Vorher "
        "wird eine Sicherung angelegt.",
    )
    update.add_argument("file", metavar="DATEI", help="die Katalogfassung (.xlsx, .ods, .csv …)")
    add_location(update)
    update.add_argument("--sheet", metavar="NAME", help="Tabellenblatt (sonst das erste passende)")
    update.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SPALTE=FELD",
        help="Spaltenzuordnung korrigieren wie bei ozgdesk import",
    )
    update.add_argument("--dry-run", action="store_true", help="nur vergleichen, nichts übernehmen")
    update.add_argument(
        "--force",
        action="store_true",
        help="auch übernehmen, wenn mehr als die Hälfte des Katalogs entfiele",
    )
    update.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    update.set_defaults(handler=cmd_update_catalogue, without_gc=True)


def cmd_update_catalogue(args: argparse.Namespace) -> int:
    from ozgdesk.cli_base import EXIT_FAILED, EXIT_OK, open_project
    from ozgdesk.cli_base import parse_map as _parse_map
    from ozgdesk.workflow.catalogue_update import analyse_update, apply_update

    overrides = _parse_map(args.map)
    with open_project(args, read_only=args.dry_run) as project:
        update = analyse_update(
            project, args.file, sheet=args.sheet, overrides=overrides, force=args.force
        )
        if not args.dry_run:
            apply_update(project, update)
    if args.json:
        data = update.as_dict()
        data["dry_run"] = args.dry_run
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print(update, args.dry_run)
    if update.ok:
        return EXIT_OK
    if not args.json:
        print(f"ozgdesk: Nichts übernommen: {update.reason}", file=sys.stderr)
    return EXIT_FAILED


def _print(update, dry_run: bool) -> None:
    name = Path(update.file).name
    print(f"Katalogfassung: {name}")
    if update.ok:
        verb = "würden" if dry_run else "wurden"
        print(
            f"{len(update.added)} neu, {len(update.changed)} geändert, {len(update.retired)} "
            f"entfallen, {update.unchanged} unverändert – so {verb} die Leistungen übernommen."
        )
        if update.not_compared:
            print(
                f"{update.not_compared} Leistung(en) ohne Schlüssel im Katalog des Projekts "
                "wurden nicht verglichen (die Datei hat keine solchen Zeilen) und bleiben."
            )
    sections = (
        ("Neu", [f"{a['key'] or '(ohne Schlüssel)'} {a['name']}" for a in update.added]),
        (
            "Geändert",
            [
                f"{c.key or '(ohne Schlüssel)'} {c.name}: "
                + "; ".join(f"{f} „{old}“ → „{new}“" for f, (old, new) in c.changes.items())
                for c in update.changed
            ],
        ),
        (
            "Entfallen (bleiben mit ihrer Entscheidung, markiert „entfallen“)",
            [
                f"{r['key'] or '(ohne Schlüssel)'} {r['name']}"
                + (f" – {r['relevance']}" if r["relevance"] else "")
                for r in update.retired
            ],
        ),
    )
    for title, lines in sections:
        if lines:
            print(f"{title} ({len(lines)}):")
            for line in lines[:LIST_LIMIT]:
                print(f"  {line}")
            if len(lines) > LIST_LIMIT:
                print(f"  … und {len(lines) - LIST_LIMIT} weitere (alle mit --json)")
    for label, problems in (("Fehler", update.errors), ("Warnungen", update.warnings)):
        if problems:
            print(f"{label} ({len(problems)}):")
            for p in problems[:LIST_LIMIT]:
                where = f"Zeile {p.row}" if p.row else "Datei"
                print(f"  {name}, {where}: {p.message}")
    if update.backup:
        print(f"Sicherung vorher: {update.backup}")
