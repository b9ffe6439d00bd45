"""Command line for XZuFi files (step 4): ``ozgdesk import FILE.xml`` reads an XZuFi 2.2
message into the same review as the offices' returns (``import-returns``), and the result
of ``ozgdesk export delivery --format xzufi`` (what was left out) in text or JSON.

cli.py only hands over: ``add_import_options`` adds the options, ``handles`` tells
whether ``import`` got an XZuFi file, ``cmd_import_xzufi`` runs it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.cli_base import EXIT_OK, UsageError

if TYPE_CHECKING:
    from ozgdesk.workflow.xzufi_export import XzufiExport


def add_import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--accept-conflicts",
        action="store_true",
        help="nur XZuFi-Dateien: auch Konflikte übernehmen (der Wert aus der Datei ersetzt "
        "den im Projekt)",
    )


def handles(file: str) -> bool:
    """Is ``file`` an XZuFi message (.xml, or XML in an XZuFi namespace)?"""
    path = Path(file)
    if path.suffix.lower() == ".xml":
        return True
    try:  # a spreadsheet never starts with "<": no need to load the XML machinery for it
        with path.open("rb") as fh:
            if not fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                return False
    except OSError:
        return False  # the import itself names the problem with the file
    from ozgdesk.workflow.xzufi_import import is_xzufi_file

    return is_xzufi_file(path)


def cmd_import_xzufi(args: argparse.Namespace) -> int:
    """``ozgdesk import FILE.xml``: review the file's contact points, pages and online
    services per LeiKa key; apply the changes (conflicts with --accept-conflicts)."""
    from ozgdesk.cli import cmd_import_returns

    unused = [
        option
        for option, given in (
            ("--sheet", args.sheet),
            ("--map", args.map),
            ("--source", args.source),
            ("--strict", args.strict),
        )
        if given
    ]
    if unused:
        raise UsageError(f"{', '.join(unused)} gilt nicht für XZuFi-Dateien")
    returns_args = argparse.Namespace(
        files=[args.file],
        project=args.project,
        db=args.db,
        dry_run=args.dry_run,
        accept_conflicts=args.accept_conflicts,
        json=args.json,
    )
    return int(cmd_import_returns(returns_args))


def print_export(result: XzufiExport, as_json: bool) -> int:
    """The result of an XZuFi export: what is in the file and what was left out."""
    from ozgdesk.workflow.xzufi_export import summary_lines

    if as_json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"XZuFi-Datei gespeichert: {result.path}")
    for line in summary_lines(result):
        print(line)
    return EXIT_OK
