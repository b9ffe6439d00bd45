"""Addresses of projects on a PostgreSQL server (``--db URL``), without importing psycopg.

A server project is one database per municipality, named by a libpq/SQLAlchemy URL:
``postgresql://user@host/ozg_noervenich`` (also ``postgresql+psycopg://…``, a port,
``?host=/run/postgresql`` for a socket folder, ``?sslmode=require`` …). Passwords are never
stored by ozgdesk: they come from the URL itself (scripts), the user's pgpass file (libpq
reads it), or the operating system's keyring (``keyring`` library, service "ozgdesk").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit, urlunsplit

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
KEYRING_SERVICE = "ozgdesk"


def is_server_url(text: object) -> bool:
    """Is ``text`` a server address (rather than a project file's path)?"""
    if not isinstance(text, str):
        return False
    scheme, sep, _ = text.strip().partition("://")
    return bool(sep) and scheme.lower() in SCHEMES


class AddressError(ValueError):
    """A ``--db`` value that is no usable server address (German text)."""


@dataclass(frozen=True)
class ServerAddress:
    """A parsed server URL. ``password`` is only set when the URL carried one."""

    user: str
    password: str
    host: str
    port: int | None
    database: str
    query: str  # everything after "?", kept for libpq (host=…, sslmode=…)

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        text = text.strip()
        if not is_server_url(text):
            raise AddressError(
                f"„{text}“ ist keine Serveradresse. Erwartet wird zum Beispiel "
                "„postgresql://benutzer@server/ozg_musterstadt“."
            )
        parts = urlsplit(text)
        database = unquote(parts.path.lstrip("/"))
        if not database or "/" in database:
            raise AddressError(
                f"In der Serveradresse „{redact(text)}“ fehlt der Name der Datenbank "
                "(der Teil nach dem letzten „/“, zum Beispiel „ozg_musterstadt“)."
            )
        try:
            port = parts.port
        except ValueError:
            raise AddressError(
                f"Die Portnummer in der Serveradresse „{redact(text)}“ ist ungültig."
            ) from None
        return cls(
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            host=parts.hostname or "",
            port=port,
            database=database,
            query=parts.query,
        )

    @property
    def socket_folder(self) -> str:
        """The ``host=`` of the query (a socket folder or a host name), if any."""
        values = parse_qs(self.query).get("host")
        return values[0] if values else ""

    def url(self, with_password: bool = True, driver: str = "postgresql") -> str:
        netloc = ""
        if self.user:
            netloc = quote(self.user, safe="")
            if self.password and with_password:
                netloc += ":" + quote(self.password, safe="")
            netloc += "@"
        netloc += self.host
        if self.port is not None:
            netloc += f":{self.port}"
        return urlunsplit((driver, netloc, "/" + quote(self.database), self.query, ""))

    @property
    def display(self) -> str:
        """The address as shown to users and kept in the recent list: never a password."""
        return self.url(with_password=False)

    def with_database(self, database: str) -> ServerAddress:
        return ServerAddress(self.user, self.password, self.host, self.port, database, self.query)

    def with_password(self, password: str) -> ServerAddress:
        return ServerAddress(self.user, password, self.host, self.port, self.database, self.query)

    def anchor(self, folder: Path) -> Path:
        """A local path standing for this database: backups of the server's state and the
        project's working files are kept by it (the file itself never exists)."""
        import hashlib

        where = self.host or self.socket_folder or "lokal"
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{where}-{self.database}").strip("_")
        digest = hashlib.sha1(self.display.encode()).hexdigest()[:8]
        return folder / f"server-{slug[:60]}-{digest}.ozgdesk"


def redact(text: str) -> str:
    """``text`` with any password in a URL replaced by "***" (for messages and logs)."""
    return re.sub(r"(://[^:/@?#]*:)[^@/?#]*@", r"\1***@", text)


def password_from_keyring(address: ServerAddress) -> str:
    """The password kept in the OS keyring for this address (user@host/db), or ""."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return ""
    try:
        return keyring.get_password(KEYRING_SERVICE, address.display) or ""
    except (KeyringError, RuntimeError, OSError):
        return ""


def save_password_in_keyring(address: ServerAddress, password: str) -> bool:
    """Keep the password in the OS keyring; False if there is no usable keyring."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, address.display, password)
    except (KeyringError, RuntimeError, OSError):
        return False
    return True
