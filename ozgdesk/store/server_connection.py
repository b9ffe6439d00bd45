"""Connections to a PostgreSQL server that read like ozgdesk's sqlite3 connections.

The read queries of ``store.queries`` and the workflow are plain SQL written for sqlite3
(``?`` placeholders, results as tuples, dates as ISO text). :class:`ServerConnection` runs
the same SQL on psycopg 3, so that one set of queries serves both backends:

- ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``);
- the two SQLite spellings the queries use are translated: ``group_concat(x, sep)`` →
  ``string_agg(x, sep)`` and ``char(n)`` → ``chr(n)``;
- dates and timestamps come back as ISO text, as SQLite stores them.

Everything else is written portably at the source (``COALESCE``, ``lower()``, ``TRUE``).
psycopg is imported here only: it is the optional extra ``ozgdesk[server]``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from ozgdesk.store.errors import ProjectError
from ozgdesk.store.server_address import ServerAddress, password_from_keyring, redact

CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT_MS = 10_000  # a row held by another user's open change: wait, then report
APPLICATION_NAME = "ozgdesk"


class ServerError(ProjectError):
    title = "Datenbankserver nicht verwendbar"


def _import_psycopg():
    try:
        import psycopg
    except ImportError:
        raise ServerError(
            None,
            "Für Projekte auf einem Datenbankserver fehlt der PostgreSQL-Treiber (psycopg).",
            'Installieren Sie ozgdesk mit der Servererweiterung: pip install "ozgdesk[server]".',
        ) from None
    return psycopg


_MARK = re.compile(r"'(?:[^']|'')*'|\?|%|\bgroup_concat\(|\bchar\(", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def to_server_sql(sql: str) -> str:
    """The SQL of a sqlite3 query as psycopg runs it (see the module's description)."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("'"):
            return token.replace("%", "%%")
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if token.lower().startswith("group_concat"):
            return "string_agg("
        return "chr("

    return _MARK.sub(swap, sql)


class ServerConnection:
    """A psycopg connection with the part of sqlite3's interface ozgdesk's reads use."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        cursor = self.raw.cursor()
        cursor.execute(to_server_sql(sql), tuple(params) if params is not None else ())
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        cursor = self.raw.cursor()
        cursor.executemany(to_server_sql(sql), [tuple(r) for r in rows])
        return cursor

    def close(self) -> None:
        self.raw.close()


def _text_dates(raw: Any) -> None:
    """Dates and timestamps as ISO text (as SQLite keeps them) on this connection."""
    from psycopg.types.string import TextLoader

    for name in ("date", "timestamp", "timestamptz"):
        raw.adapters.register_loader(name, TextLoader)


def connect_raw(
    address: ServerAddress, read_only: bool = False, autocommit: bool = True, text_dates=True
) -> Any:
    """A psycopg connection to ``address`` (password from the URL, pgpass or the keyring).

    Server errors become :class:`ServerError` with a German explanation."""
    psycopg = _import_psycopg()
    password = address.password or password_from_keyring(address)
    options = f"-c lock_timeout={LOCK_TIMEOUT_MS}"
    if read_only:
        options += " -c default_transaction_read_only=on"
    kwargs: dict[str, Any] = {
        "autocommit": autocommit,
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": APPLICATION_NAME,
        "options": options,
    }
    if password:
        kwargs["password"] = password
    try:
        raw = psycopg.connect(address.url(with_password=False), **kwargs)
    except psycopg.Error as exc:
        raise translate_server_error(exc, address) or ServerError(
            address.display, f"Verbindung zu „{address.display}“ fehlgeschlagen.", str(exc)
        ) from exc
    if text_dates:
        _text_dates(raw)
    return raw


def connect(address: ServerAddress, read_only: bool = False) -> ServerConnection:
    return ServerConnection(connect_raw(address, read_only=read_only))


def translate_server_error(exc: BaseException, address: ServerAddress) -> ProjectError | None:
    """Map a psycopg (or SQLAlchemy-wrapped) error to a German ProjectError; None for
    errors that are bugs."""
    try:
        import psycopg
        from psycopg import errors as pg
    except ImportError:
        return None
    orig = getattr(exc, "orig", None) or exc
    if not isinstance(orig, psycopg.Error):
        return None
    where = address.display
    text = redact(str(orig).strip())
    if isinstance(orig, pg.InvalidPassword) or "password authentication failed" in text:
        return ServerError(
            where,
            f"Der Server „{where}“ hat die Anmeldung abgelehnt (Benutzername oder Passwort "
            "falsch).",
            "Prüfen Sie Benutzername und Passwort; Ihr IT-Dienstleister vergibt die Zugänge.",
        )
    if isinstance(orig, pg.InsufficientPrivilege) or "permission denied" in text:
        return ServerError(
            where,
            f"Ihr Zugang zu „{where}“ erlaubt diesen Zugriff nicht ({text}).",
            "Jede Kommune hat eine eigene Datenbank und eigene Zugänge. Fragen Sie Ihren "
            "IT-Dienstleister nach den Rechten für diese Datenbank.",
        )
    if isinstance(orig, pg.ReadOnlySqlTransaction):
        return ServerError(
            where,
            f"Die Verbindung zu „{where}“ ist nur zum Lesen geöffnet; es wurde nichts geändert.",
            "Öffnen Sie das Projekt mit einem Zugang, der Änderungen erlaubt.",
        )
    if isinstance(orig, pg.InvalidCatalogName) or ("database" in text and "does not exist" in text):
        return ServerError(
            where,
            f"Die Datenbank „{address.database}“ gibt es auf dem Server nicht.",
            "Ihr IT-Dienstleister legt sie an (siehe README: „Serverbetrieb“); danach "
            "füllt „ozgdesk new --db …“ sie mit dem Katalog.",
        )
    if isinstance(orig, pg.LockNotAvailable | pg.DeadlockDetected | pg.SerializationFailure):
        return ServerError(
            where,
            "Ein anderer Benutzer ändert gerade dieselben Einträge; Ihre Änderung wurde nicht "
            "gespeichert.",
            "Versuchen Sie es in einem Moment erneut.",
        )
    if isinstance(orig, pg.DiskFull):
        return ServerError(
            where,
            f"Auf dem Server „{where}“ ist kein Speicherplatz mehr frei; es wurde nichts geändert.",
            "Bitte wenden Sie sich an Ihren IT-Dienstleister.",
        )
    if isinstance(orig, psycopg.OperationalError):
        return ServerError(
            where,
            f"Der Datenbankserver „{where}“ ist nicht erreichbar ({text}).",
            "Prüfen Sie die Netzwerkverbindung (VPN?) und die Adresse, oder fragen Sie Ihren "
            "IT-Dienstleister. Ihre letzten gespeicherten Änderungen sind auf dem Server.",
        )
    return None
