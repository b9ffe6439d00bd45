"""An invitation as an e-mail draft (.eml, RFC 5322) with the calendar file attached.

ozgdesk never sends anything: the coordinator opens the draft in the mail program,
checks it and sends it from there. The header ``X-Unsent: 1`` makes Outlook open
the file as an unsent draft (with a "Send" button); Thunderbird opens it via
"Als neu bearbeiten". Only the standard library ``email`` package is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from ozgdesk.formats.atomic import atomic_path

ICS_NAME = "einladung.ics"


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    mime_type: str = "application/pdf"  # "maintype/subtype"


def draft_bytes(
    *,
    to: str,
    subject: str,
    body: str,
    ics: bytes,
    to_name: str = "",
    sender: str = "",
    sender_name: str = "",
    attachments: Sequence[Attachment] = (),
    date: datetime | None = None,
) -> bytes:
    """The draft as bytes (CRLF line endings): plain-text body, the .ics, further files."""
    msg = EmailMessage(policy=policy.SMTP)
    msg["X-Unsent"] = "1"
    msg["Date"] = format_datetime((date or datetime.now()).astimezone())
    if sender:
        msg["From"] = _address(sender, sender_name)
    msg["To"] = _address(to, to_name)
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain=ascii_address(sender).rpartition("@")[2] or None)
    msg.set_content(body, charset="utf-8")
    msg.add_attachment(
        ics,
        maintype="text",
        subtype="calendar",
        filename=ICS_NAME,
        params={"method": "PUBLISH", "name": ICS_NAME},
    )
    for item in attachments:
        maintype, _, subtype = item.mime_type.partition("/")
        msg.add_attachment(item.data, maintype=maintype, subtype=subtype, filename=item.filename)
    return msg.as_bytes()


def write_draft(path: Path | str, **fields: object) -> Path:
    """Write the draft (see :func:`draft_bytes` for the fields) atomically; returns the path."""
    target = Path(path)
    data = draft_bytes(**fields)  # type: ignore[arg-type]  # the fields are draft_bytes' keyword arguments, passed through
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return target


def ascii_address(email: str) -> str:
    """The address as a mail header carries it: a domain with umlauts as punycode
    ("info@gemeinde-südlohn.de" -> "info@xn--gemeinde-sdlohn-8vb.de", IDNA 2008 via the
    ``idna`` package); an address that cannot be converted stays as it is."""
    local, at, domain = email.strip().rpartition("@")
    if not at or domain.isascii():
        return email.strip()
    import idna

    try:
        return f"{local}@{idna.encode(domain, uts46=True).decode('ascii')}"
    except idna.IDNAError:
        return email.strip()


def _address(email: str, name: str) -> str:
    """'Erika Müller <e.mueller@ahaus.de>' with the name encoded as the header needs."""
    email = ascii_address(email)
    if not name:
        return email
    local, _, domain = email.rpartition("@")
    try:
        return str(Address(display_name=name, username=local, domain=domain))
    except (ValueError, IndexError):
        return email
