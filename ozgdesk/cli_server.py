"""Commands for projects on a PostgreSQL server: ``upload``, ``server-setup``, ``backup --out``.

``--db URL`` on every other command is added by ``cli_base.add_location``.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from ozgdesk.cli_base import EXIT_OK, Parser, UsageError, open_project

COORDINATOR_PASSWORD_ENV = "OZGDESK_COORDINATOR_PASSWORD"
READER_PASSWORD_ENV = "OZGDESK_READER_PASSWORD"


def add_server_parsers(commands: argparse._SubParsersAction[Parser]) -> None:
    upload = commands.add_parser(
        "upload", help="ein lokales Projekt in eine leere Datenbank auf dem Server übertragen"
    )
    upload.add_argument("--project", required=True, metavar="PFAD", help="die Projektdatei")
    upload.add_argument(
        "--db", required=True, metavar="URL", help="die leere Datenbank auf dem Server"
    )
    upload.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    upload.set_defaults(handler=cmd_upload)

    setup = commands.add_parser(
        "server-setup",
        help="für IT-Dienstleister: Datenbank und Zugänge einer Kommune auf dem Server anlegen",
    )
    setup.add_argument(
        "--db",
        required=True,
        metavar="URL",
        help="die anzulegende Datenbank, mit einem Verwalterzugang (Recht CREATEDB und "
        "CREATEROLE), z. B. postgresql://admin@server/ozg_musterstadt",
    )
    setup.add_argument(
        "--coordinator",
        required=True,
        metavar="ROLLE",
        help="Zugang der Koordination dieser Kommune (Eigentümer der Datenbank; Passwort aus "
        f"der Umgebungsvariablen {COORDINATOR_PASSWORD_ENV}, wenn die Rolle neu ist)",
    )
    setup.add_argument(
        "--reader",
        action="append",
        default=[],
        metavar="ROLLE",
        help="Lesezugang, z. B. für die Kreisübersicht (mehrfach möglich; Passwort aus "
        f"{READER_PASSWORD_ENV}, wenn die Rolle neu ist)",
    )
    setup.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    setup.set_defaults(handler=cmd_server_setup)


def cmd_upload(args: argparse.Namespace) -> int:
    from ozgdesk.store import server_copy
    from ozgdesk.store.server_address import ServerAddress

    address = ServerAddress.parse(args.db)
    counts = server_copy.upload(Path(args.project), address)
    if args.json:
        print(json.dumps({"db": address.display, "rows": counts}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(
        f"Projekt „{args.project}“ auf den Server übertragen: {address.display} "
        f"({counts.get('service', 0)} Leistungen). Die Datei bleibt unverändert; arbeiten Sie "
        "ab jetzt mit „--db“ bzw. „Datei → Mit Server verbinden…“."
    )
    return EXIT_OK


def backup_to(args: argparse.Namespace) -> int:
    """``ozgdesk backup --out FILE``: a verified project file of the current state."""
    from ozgdesk.store import backup, backups
    from ozgdesk.store.errors import CorruptProjectError, ProjectExistsError

    out = Path(args.out).absolute()
    if out.exists():
        raise ProjectExistsError(out)
    with open_project(args, read_only=True) as project:
        if project.is_server:
            from ozgdesk.store import server_copy

            server_copy.to_file(project, out)
        else:
            with project.reading() as conn:
                backup.copy_database(conn, out)
    problem = backups.verify(out)
    if problem:
        raise CorruptProjectError(out, problem)
    print(f"Sicherung geschrieben und geprüft: {out}")
    return EXIT_OK


def cmd_server_setup(args: argparse.Namespace) -> int:
    from ozgdesk.store import server_roles
    from ozgdesk.store.server_address import AddressError, ServerAddress

    try:
        address = ServerAddress.parse(args.db)
    except AddressError as exc:
        raise UsageError(str(exc)) from None
    done = server_roles.set_up(
        address,
        coordinator=args.coordinator,
        readers=list(args.reader),
        coordinator_password=os.environ.get(COORDINATOR_PASSWORD_ENV, ""),
        reader_password=os.environ.get(READER_PASSWORD_ENV, ""),
    )
    if args.json:
        print(json.dumps(done, ensure_ascii=False, indent=2))
        return EXIT_OK
    for line in done["steps"]:
        print(f"  {line}")
    target = address.with_password("")
    coordinator_url = ServerAddress(
        args.coordinator, "", target.host, target.port, target.database, target.query
    )
    print(
        f"Datenbank „{address.database}“ bereit. Als Nächstes legt die Koordination das "
        f"Projekt an:\n  ozgdesk new --db {coordinator_url.display} --municipality NAME"
    )
    return EXIT_OK
