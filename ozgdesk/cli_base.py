"""What every command-line module shares: exit codes, the German argument parser, failures.

The cli modules (cli.py and the cli_<topic>.py modules that register sub-commands) import this
module, never each other, so there is no import cycle between them.

argparse's own texts ("usage:", "positional arguments", "invalid choice: …") come through
``gettext``; Python ships no German catalogue for them, so :data:`GERMAN` holds the
translations of the messages argparse can show and :func:`_german` stands in for its ``_`` and
``ngettext`` (the module looks both names up at call time).
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

GERMAN: dict[str, str] = {
    "usage: ": "Aufruf: ",
    "positional arguments": "Argumente",
    "options": "Optionen",
    "optional arguments": "Optionen",
    "show this help message and exit": "diese Hilfe zeigen und beenden",
    "subcommands": "Befehle",
    "argument %(argument_name)s: %(message)s": "Argument %(argument_name)s: %(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "unbekannter Befehl %(parser_name)r (möglich: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "'%(filename)s' lässt sich nicht öffnen: %(error)s",
    "unrecognized arguments: %s": "unbekannte Argumente: %s",
    "not allowed with argument %s": "nicht zusammen mit dem Argument %s möglich",
    "ignored explicit argument %r": "überflüssiger Wert %r",
    "the following arguments are required: %s": "diese Angaben fehlen: %s",
    "one of the arguments %s is required": "eines dieser Argumente ist nötig: %s",
    "expected one argument": "erwartet einen Wert",
    "expected at most one argument": "erwartet höchstens einen Wert",
    "expected at least one argument": "erwartet mindestens einen Wert",
    "expected %s argument": "erwartet %s Wert",
    "expected %s arguments": "erwartet %s Werte",
    "ambiguous option: %(option)s could match %(matches)s": (
        "mehrdeutige Option: %(option)s kann %(matches)s bedeuten"
    ),
    "unexpected option string: %s": "unerwartete Option: %s",
    "invalid %(type)s value: %(value)r": "ungültiger Wert (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ungültige Auswahl: %(value)r (möglich: %(choices)s)"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s: Fehler: %(message)s\n",
    "cannot have multiple subparser arguments": "nur eine Befehlsgruppe ist möglich",
}


def _german(message: str, plural: str | None = None, count: int = 1) -> str:
    if plural is not None and count != 1:
        message = plural
    return GERMAN.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _german(singular, plural, count)


argparse._ = _german  # type: ignore[attr-defined]  # argparse looks its gettext names up late
argparse.ngettext = _ngettext  # type: ignore[attr-defined]  # argparse looks its gettext names up late


class UsageError(Exception):
    """A command line that makes no sense (exit code 2)."""


class Parser(argparse.ArgumentParser):
    """argparse in German; a wrong call ends with exit code 2 and a German message."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"ozgdesk: Aufruf fehlerhaft: {message}\n")


def fail(message: str) -> int:
    print(f"ozgdesk: {message}", file=sys.stderr)
    return EXIT_FAILED


def parse_map(items: list[str]) -> dict[str, str]:
    """--map SPALTE=FELD … as a dict (header → field)."""
    mapping = {}
    for item in items:
        if "=" not in item:
            raise UsageError(f"--map erwartet SPALTE=FELD, nicht „{item}“")
        header, _, field = item.partition("=")
        mapping[header.strip()] = field.strip()
    return mapping


DB_HELP = (
    "statt einer Projektdatei: das Projekt in einer Datenbank auf einem PostgreSQL-Server, "
    "z. B. postgresql://benutzer@server/ozg_musterstadt (Passwort aus der pgpass-Datei "
    "oder dem Schlüsselbund des Systems)"
)


def add_location(parser: argparse.ArgumentParser, help: str = "die Projektdatei") -> None:
    """``--project PFAD`` or ``--db URL``: exactly one of them, for every command that works
    on a project."""
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--project", metavar="PFAD", help=help)
    group.add_argument("--db", metavar="URL", help=DB_HELP)


def location(args: argparse.Namespace) -> str:
    """Where the command's project lives: the ``--db`` URL or the ``--project`` path."""
    return str(getattr(args, "db", None) or args.project)


def open_project(args: argparse.Namespace, read_only: bool = False):  # noqa: ANN201 - a Project; imported lazily (start-up)
    from ozgdesk.store.opening import open_project as open_at

    return open_at(location(args), read_only=read_only)
