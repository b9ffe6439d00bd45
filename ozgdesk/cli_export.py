"""``ozgdesk export ART``: one sub-command per output, on the workflow's export functions."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from ozgdesk.cli_base import EXIT_OK, UsageError, add_location, open_project
from ozgdesk.cli_base import Parser as _Parser
from ozgdesk.cli_base import fail as _fail


def add_export_parsers(commands: argparse._SubParsersAction) -> None:
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
        add_location(kind, "die Projektdatei")
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
    all_services = "alle federführenden Leistungen (so ist es ohnehin voreingestellt)"
    only_relevant = (
        "nur die als „relevant“ entschiedenen Leistungen (sonst alle mit ihrer Entscheidung)"
    )
    offices = add(
        "offices",
        "Ämter mit OZG-Ansprechpersonen und ihren Leistungen als Excel-Tabelle (.xlsx)",
        ".xlsx",
        cmd_export_offices,
    )
    offices.add_argument("--all-services", action="store_true", help=all_services)
    offices.add_argument("--only-relevant", action="store_true", help=only_relevant)
    lists_help = "je Amt eine Leistungsliste als PDF (Dateien „Leistungen <Amt>.pdf“)"
    lists = kinds.add_parser("office-lists", help=lists_help, description=lists_help)
    add_location(lists, "die Projektdatei")
    lists.add_argument(
        "--out",
        required=True,
        metavar="ORDNER",
        help="Zielordner (wird angelegt, wenn es ihn noch nicht gibt)",
    )
    lists.add_argument("--all-services", action="store_true", help=all_services)
    lists.add_argument("--only-relevant", action="store_true", help=only_relevant)
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
    add_location(forms, "die Projektdatei")
    forms.add_argument(
        "--out",
        required=True,
        metavar="ORDNER",
        help="Zielordner (wird angelegt, wenn es ihn noch nicht gibt)",
    )
    forms.add_argument(
        "--deadline",
        metavar="JJJJ-MM-TT",
        help="Rückgabefrist, die im Formular steht (Standard: die Frist „Datenlieferung bis“ "
        "des Workshops)",
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


def _add_delivery_exports(kinds: argparse._SubParsersAction) -> None:
    """Step 4: the delivery list or XZuFi file, and one checklist per office."""
    no_names = "ohne Ansprechpersonen (keine Namen; nur Telefon und E-Mail der zuständigen Stellen)"
    help_text = (
        "Daten für das Redaktionssystem der Website (Schritt 4): Liste als Excel (.xlsx) "
        "oder CSV (.csv), oder XZuFi-Datei (.xml)"
    )
    kind = kinds.add_parser("delivery", help=help_text, description=help_text)
    kind.add_argument(
        "--format",
        choices=("xlsx", "csv", "xzufi"),
        dest="delivery_format",
        help="xlsx oder csv: Liste zum Eintragen; xzufi: XML nach XZuFi 2.2 "
        "(Standard: nach der Endung von --out: .xlsx, .csv, .xml)",
    )
    add_location(kind, "die Projektdatei")
    kind.add_argument(
        "--out", required=True, metavar="DATEI", help="Zieldatei (.xlsx, .csv oder .xml)"
    )
    kind.add_argument("--no-names", action="store_true", help=no_names)
    kind.add_argument(
        "--json", action="store_true", help="Ergebnis (bei xzufi: was fehlt) als JSON ausgeben"
    )
    kind.set_defaults(handler=cmd_export_delivery)

    help_text = "je Amt eine Checkliste der Datenlieferung als PDF („Checkliste <Amt>.pdf“)"
    kind = kinds.add_parser("checklists", help=help_text, description=help_text)
    add_location(kind, "die Projektdatei")
    kind.add_argument(
        "--out",
        required=True,
        metavar="ORDNER",
        help="Zielordner (wird angelegt, wenn es ihn noch nicht gibt)",
    )
    kind.add_argument("--no-names", action="store_true", help=no_names)
    kind.set_defaults(handler=cmd_export_checklists)


def _add_roadmap_exports(kinds: argparse._SubParsersAction) -> None:
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
        choices=("pdf", "png", "xlsx"),
        dest="roadmap_format",
        help="pdf: Zeitplan (mit --table: Tabelle); png: Zeitplan als Bild; xlsx: Excel-Tabelle "
        "(Standard: nach der Endung von --out)",
    )
    add_location(kind, "die Projektdatei")
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
    add_location(kind, "die Projektdatei")
    kind.add_argument("--out", required=True, metavar="DATEI.pdf", help="Zieldatei (.pdf)")
    kind.set_defaults(handler=cmd_export_council_report, export_suffix=".pdf")


def _add_workshop_exports(kinds: argparse._SubParsersAction) -> None:
    """Step 3: calendar file, invitation drafts, printed papers, minutes of a workshop."""
    coming = "Nummer des Workshops (Standard: der nächste anstehende, sonst der letzte)"
    held = (
        "Nummer des Workshops (Standard: der zuletzt stattgefundene, sonst der nächste anstehende)"
    )
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
        add_location(kind, "die Projektdatei")
        kind.add_argument("--out", required=True, metavar=out, help=out_help)
        kind.add_argument(
            "--workshop", type=int, metavar="NR", help=held if name == "minutes" else coming
        )
        kind.set_defaults(handler=handler)


def _export(args: argparse.Namespace, export: Callable[..., Path], what: str) -> int:

    out = Path(args.out)
    if out.suffix.lower() != args.export_suffix:
        raise UsageError(f"--out muss auf „{args.export_suffix}“ enden, nicht „{out.name}“")
    with open_project(args, read_only=True) as project:
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

    out = Path(args.out)
    if out.suffix.lower() in not_suffixes:
        raise UsageError(f"--out ist ein Ordner für {folder_for}, nicht „{out.name}“")
    with open_project(args, read_only=True) as project:
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

    def export(project, out: Path) -> Path:
        return export_offices_workbook(project, out, only_relevant=args.only_relevant)

    return _export(args, export, "Ämterübersicht")


def cmd_export_office_lists(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.office_reports import export_office_pdfs

    what = "relevanten Leistungen" if args.only_relevant else "Leistungen"
    return _export_folder(
        args,
        lambda project, out: export_office_pdfs(project, out, only_relevant=args.only_relevant),
        not_suffixes=(".pdf",),
        folder_for="mehrere PDF-Dateien",
        saved="Leistungsliste(n)",
        nothing=f"Keine Leistungslisten erstellt: Noch keinem Amt sind {what} zugeordnet "
        "(Schritt 2 „Zuordnung“).",
    )


def cmd_export_forms(args: argparse.Namespace) -> int:
    from datetime import date

    from ozgdesk.store.project import Project
    from ozgdesk.workflow.checks import email_problem
    from ozgdesk.workflow.delivery_returns import (
        default_deadline,
        export_forms,
        form_deadline_warnings,
    )

    deadline = None
    if args.deadline:
        try:
            deadline = date.fromisoformat(args.deadline)
        except ValueError:
            raise UsageError(
                f"--deadline erwartet ein Datum wie 2025-06-30, nicht „{args.deadline}“"
            ) from None
    reply_to = args.reply_to.strip()
    if "@" in reply_to and " " not in reply_to and (problem := email_problem(reply_to)):
        raise UsageError(f"--reply-to: {problem}")
    used: list[date | None] = []

    def export(project: Project, out: Path) -> list[Path]:
        chosen = deadline if deadline is not None else default_deadline(project)
        used.append(chosen)
        return export_forms(project, out, chosen, reply_to=reply_to)

    code = _export_folder(
        args,
        export,
        not_suffixes=(".xlsx", ".xls"),
        folder_for="mehrere Formulare",
        saved="Formular(e)",
        nothing="Keine Formulare erstellt: Noch keinem Amt sind relevante Leistungen zugeordnet "
        "(Schritt 2 „Zuordnung“).",
    )
    if code == EXIT_OK and used and used[0] is not None:
        if deadline is None:
            print(f"Rückgabefrist aus dem Workshop: {used[0]:%d.%m.%Y} (ändern mit --deadline)")
        for warning in form_deadline_warnings(used[0]):
            print(f"Hinweis: {warning}")
    return code


def cmd_export_briefing(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.office_reports import export_briefing_pdf

    return _export(args, export_briefing_pdf, "Information für die Verwaltungsspitze")


def _workshop_export(
    args: argparse.Namespace,
    export: Callable[..., object],
    suffix: str | None,
    *,
    held: bool = False,
    after: Callable[..., None] | None = None,
) -> tuple[object, str] | int:
    """Run ``export(project, workshop_id, out)`` on the chosen workshop – by default the
    coming one, with ``held`` the last one that has taken place – and then
    ``after(project, workshop_id)`` (for notes); returns the export's result and a
    description of the workshop, or an exit code."""
    from ozgdesk.workflow import workshop

    out = Path(args.out)
    if suffix is not None and out.suffix.lower() != suffix:
        raise UsageError(f"--out muss auf „{suffix}“ enden, nicht „{out.name}“")
    if suffix is None and out.suffix.lower() in (".pdf", ".eml", ".ics"):
        raise UsageError(f"--out ist ein Ordner für mehrere Dateien, nicht „{out.name}“")
    with open_project(args, read_only=True) as project:
        if args.workshop is not None:
            chosen = workshop.detail(project, args.workshop)
            found = chosen.workshop if chosen else None
            if found is None:
                return _fail(
                    f"Einen Workshop mit der Nummer {args.workshop} gibt es im Projekt nicht. "
                    + _known_workshops(workshop.workshops(project))
                )
        else:
            found = workshop.last_held(project) if held else workshop.next_workshop(project)
            if found is None:
                return _fail(
                    "Im Projekt gibt es noch keinen Workshop. Legen Sie ihn in Schritt 3 "
                    "„Workshop“ an."
                )
        assert found.id is not None
        result = export(project, found.id, out)
        if after is not None:
            after(project, found.id)
    return result, f"„{found.title}“ am {found.starts_at:%d.%m.%Y}"


def _known_workshops(workshops: Sequence) -> str:
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

    done = _workshop_export(args, export_minutes_pdf, ".pdf", held=True)
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
    from ozgdesk.workflow.workshop_outputs import NotInvited, export_invitations, not_invited

    others: list[NotInvited] = []
    done = _workshop_export(
        args,
        export_invitations,
        None,
        after=lambda project, workshop_id: others.extend(not_invited(project, workshop_id)),
    )
    if isinstance(done, int):
        return done
    written, which = done
    assert isinstance(written, list)
    if not written:
        reason = (
            "Niemand auf der Teilnehmerliste hat eine gültige E-Mail-Adresse ("
            + "; ".join(f"{p.name}: {p.reason}" for p in others)
            + ")."
            if others
            else "Die Teilnehmerliste ist leer (Schritt 3 „Workshop“, Teilnehmende)."
        )
        return _fail(f"Keine Einladungen für {which} erstellt: {reason}")
    drafts = "E-Mail-Entwurf" if len(written) == 1 else "E-Mail-Entwürfe"
    print(
        f"{len(written)} {drafts} für {which} gespeichert in {args.out} "
        "(im E-Mail-Programm öffnen, prüfen und von dort senden):"
    )
    for path in written:
        print(f"  {path.name}")
    if others:
        print(f"Ohne E-Mail-Entwurf ({len(others)}, bitte auf anderem Weg einladen):")
        for person in others:
            print(f"  {person.name}: {person.reason}")
    return EXIT_OK


def _format_of(out: Path, by_suffix: dict[str, str]) -> str:
    """The --format that the ending of --out stands for (when --format is not given)."""
    fmt = by_suffix.get(out.suffix.lower())
    if fmt is None:
        endings = ", ".join(f"„{s}“" for s in by_suffix)
        raise UsageError(
            f"--out muss auf {endings} enden (oder geben Sie --format an), nicht „{out.name}“"
        )
    return fmt


def cmd_export_delivery(args: argparse.Namespace) -> int:
    from ozgdesk.workflow.delivery_outputs import SUFFIXES, export_delivery

    out = Path(args.out)
    fmt = args.delivery_format or _format_of(out, {v: k for k, v in SUFFIXES.items()})
    if out.suffix.lower() != SUFFIXES[fmt]:
        raise UsageError(
            f"--out muss bei --format {fmt} auf „{SUFFIXES[fmt]}“ enden, nicht „{out.name}“"
        )
    if fmt == "xzufi":
        from ozgdesk.cli_xzufi import print_export
        from ozgdesk.workflow.xzufi_export import export_xzufi

        with open_project(args, read_only=True) as project:
            result = export_xzufi(project, out, include_names=not args.no_names)
        return print_export(result, args.json)
    with open_project(args, read_only=True) as project:
        written = export_delivery(project, out, fmt, include_names=not args.no_names)
    if args.json:
        print(json.dumps({"path": str(written)}, ensure_ascii=False))
    else:
        print(f"Lieferliste gespeichert: {written}")
        if fmt == "csv":
            from ozgdesk.workflow.delivery_outputs import CSV_NOTE

            print(CSV_NOTE)
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
    from ozgdesk.workflow import roadmap_outputs

    out = Path(args.out)
    fmt = args.roadmap_format or _format_of(out, {".pdf": "pdf", ".png": "png", ".xlsx": "xlsx"})
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
    with open_project(args, read_only=True) as project:
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
