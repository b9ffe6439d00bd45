"""`ozgdesk share export|import` and `ozgdesk district`: the district team's commands."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from ozgdesk.cli_base import EXIT_FAILED, EXIT_OK, Parser, UsageError, add_location, open_project
from ozgdesk.wording import plural

MAX_LISTED = 30  # differing items listed in the text output (--json lists all)


def add_share_parsers(commands: argparse._SubParsersAction) -> None:  # argparse's own type
    share = commands.add_parser(
        "share", help="Vorlage für Nachbarkommunen weitergeben oder übernehmen"
    )
    kinds = share.add_subparsers(dest="share_kind", metavar="AKTION", parser_class=Parser)
    kinds.required = True
    out = kinds.add_parser(
        "export",
        help="Vorlage schreiben (Entscheidungen, Regeln, Ämter, Planung; keine Personendaten)",
    )
    add_location(out)
    out.add_argument("--out", required=True, metavar="DATEI.ozgvorlage")
    out.set_defaults(handler=cmd_share_export)

    take = kinds.add_parser("import", help="Vorlage einer anderen Kommune prüfen und übernehmen")
    add_location(take)
    take.add_argument("file", metavar="DATEI.ozgvorlage")
    take.add_argument(
        "--dry-run", action="store_true", help="nur zeigen, was sich ändern würde (nichts ändern)"
    )
    take.add_argument("--json", action="store_true", help="als JSON ausgeben")
    take.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="ID",
        help="diese Punkte übernehmen (IDs aus --dry-run; „neu“ = alle neuen, Voreinstellung; "
        "„alle“ = auch die abweichenden, die eigene Entscheidungen überschreiben)",
    )
    take.add_argument(
        "--map-office",
        action="append",
        default=[],
        metavar="VORLAGE=EIGENES",
        help="ein Amt der Vorlage einem eigenen Amt zuordnen (sonst gleicher Name oder neu)",
    )
    take.set_defaults(handler=cmd_share_import)

    district = commands.add_parser(
        "district", help="Kreisübersicht mehrerer Kommunen (Projektdateien oder Vorlagen)"
    )
    district.add_argument("--out", required=True, metavar="DATEI.pdf|DATEI.xlsx")
    district.add_argument("--title", default="", metavar="TITEL")
    district.add_argument("--json", action="store_true", help="die Zahlen auch als JSON ausgeben")
    district.add_argument(
        "inputs",
        nargs="+",
        metavar="PROJEKT",
        help="Projektdateien, Vorlagen oder Serveradressen (postgresql://…)",
    )
    district.set_defaults(handler=cmd_district)


def cmd_share_export(args: argparse.Namespace) -> int:
    from ozgdesk.formats.share_file import SUFFIX
    from ozgdesk.workflow import sharing

    out = Path(args.out)
    if out.suffix.lower() != SUFFIX:
        raise UsageError(f"--out muss auf „{SUFFIX}“ enden, nicht „{out.name}“")
    with open_project(args, read_only=True) as project:
        path = sharing.export_share(project, out)
        share = sharing.build(project)
    print(
        f"Vorlage geschrieben: {path} ({len(share.decisions)} Entscheidungen, "
        f"{len(share.offices)} Ämter, {len(share.plans)} Planungen; keine Personendaten)"
    )
    return EXIT_OK


def _office_map(items: list[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        source, sep, target = item.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise UsageError(f"--map-office erwartet VORLAGE=EIGENES, nicht „{item}“")
        mapping[source.strip()] = target.strip()
    return mapping


def cmd_share_import(args: argparse.Namespace) -> int:
    from ozgdesk.formats import share_file
    from ozgdesk.workflow import sharing, sharing_apply

    share = share_file.read(args.file)
    with open_project(args, read_only=args.dry_run) as project:
        review = sharing.review(project, share, _office_map(args.map_office))
        known = review.by_id()
        unknown = [a for a in args.accept if a not in ("neu", "alle") and a not in known]
        if unknown:
            raise UsageError(f"unbekannte Punkte in --accept: {', '.join(unknown)}")
        accepted = sharing.chosen(review, args.accept)
        applied = None
        if not args.dry_run:
            applied = sharing_apply.apply(project, share, review, accepted)
    skipped = [i for i in review.items if i.status == sharing.DIFFERENT and i.id not in accepted]
    if args.json:
        print(
            json.dumps(
                {
                    "source": asdict(review.source),
                    "created_at": review.created_at,
                    "dry_run": args.dry_run,
                    "counts": review.counts(),
                    "items": [{**asdict(i), "accepted": i.id in accepted} for i in review.items],
                    "applied": len(applied.taken) if applied else 0,
                    "backup": applied.backup if applied else "",
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    print(f"Vorlage: {sharing.source_note(share)}")
    counts = review.counts()
    print("Punkte: " + ", ".join(f"{counts.get(s, 0)} {s}" for s in sharing.STATUS_ORDER))
    by_kind = Counter(i.kind for i in review.items if i.id in accepted)
    if by_kind:
        taken = ", ".join(f"{n} × {kind}" for kind, n in sorted(by_kind.items()))
        print(f"{'Würde übernehmen' if args.dry_run else 'Übernimmt'}: {taken}")
    for item in skipped[:MAX_LISTED]:
        print(
            f"  abweichend [{item.id}] {item.kind} {item.label}: bisher {item.current or '–'}, "
            f"Vorlage {item.proposed}"
        )
    if len(skipped) > MAX_LISTED:
        print(f"  … und {len(skipped) - MAX_LISTED} weitere (alle mit --json)")
    if args.dry_run:
        print(
            f"Probelauf: {plural(len(accepted), 'Punkt würde', 'Punkte würden')} übernommen; "
            "nichts wurde geändert."
        )
    elif applied is not None:
        print(
            f"{plural(len(applied.taken), 'Punkt', 'Punkte')} übernommen "
            f"(vorher gesichert: {applied.backup or '–'})."
        )
    if skipped:
        print(
            f"{plural(len(skipped), 'abweichender Punkt', 'abweichende Punkte')} nicht "
            "übernommen (eigene Entscheidungen bleiben); mit --accept ID oder --accept alle "
            "übernehmen.",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_district(args: argparse.Namespace) -> int:
    from ozgdesk.workflow import district

    out = Path(args.out)
    if out.suffix.lower() not in (".pdf", ".xlsx"):
        raise UsageError(f"--out muss auf „.pdf“ oder „.xlsx“ enden, nicht „{out.name}“")
    path, report = district.export_district(args.inputs, out, title=args.title)
    if args.json:
        print(
            json.dumps(
                {
                    "out": str(path),
                    "members": [asdict(m) for m in report.members],
                    "differences": [asdict(d) for d in report.differences],
                    "unreadable": list(report.unreadable),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(
            f"Kreisübersicht geschrieben: {path} ({plural(len(report.members), 'Kommune', 'Kommunen')}, "
            f"{plural(len(report.differences), 'unterschiedlich entschiedene Leistung', 'unterschiedlich entschiedene Leistungen')})"
        )
        for text in report.unreadable:
            print(f"ozgdesk: nicht gelesen: {text}", file=sys.stderr)
    return EXIT_OK if report.members else EXIT_FAILED
