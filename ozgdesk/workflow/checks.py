"""Checks of contact data with plain German messages (e-mail, phone; URLs follow).

Each function returns "" when the value looks fine, or one sentence that says
what is wrong and how it should look.
"""

from __future__ import annotations

import re
from functools import lru_cache

PHONE_EXAMPLE = "0251 123456-0 oder +49 251 123456"
EMAIL_EXAMPLE = "vorname.name@kommune.de"

_TLD = re.compile(r"^[^\W\d_]{2,}$|^xn--[a-z0-9-]+$", re.IGNORECASE)
# What email-validator says (English) -> what we say; the first match wins.
_VALIDATOR_MESSAGES = (
    ("internationalized characters before the @", "umlaut"),
    ("invalid characters before the @", "local_chars"),
    ("contains invalid characters", "domain_chars"),
    ("too long", "too_long"),
    ("so many characters", "too_long"),
    ("should have a period", "no_tld"),
    ("period", "period"),
    ("hyphen", "hyphen"),
    ("top-level domain", "tld"),
    ("special-use or reserved", "reserved"),
)


def _quoted(chars: list[str]) -> str:
    return ", ".join(f"„{c}“" for c in dict.fromkeys(chars))


@lru_cache(maxsize=4096)
def email_problem(email: str) -> str:
    """What is wrong with an e-mail address, in plain German ("" if it looks fine).

    The verdict is email-validator's (syntax only, no DNS look-up), with the rules mail
    servers apply to addresses written in German offices:

    - an umlaut or "ß" in the domain is fine ("info@gemeinde-südlohn.de"): it travels as
      punycode (xn--…), which every mail server understands;
    - an umlaut before the @ ("jürgen@…") is refused: it needs SMTPUTF8, which many
      municipal mail servers and the portals' systems do not support – write "juergen";
    - an address starting with "=" is refused: that is a spreadsheet formula (or its
      remains), not an address;
    - the domain needs an ending of at least two letters (".de"), and names reserved for
      tests or local networks (".invalid", ".local", ".test") are refused.

    The messages say what is wrong and how it should look.
    """
    from email_validator import EmailNotValidError, validate_email

    email = email.strip()
    example = f"(Beispiel: {EMAIL_EXAMPLE})"
    if not email:
        return ""
    if "<" in email or ">" in email:
        return (
            "Bitte tragen Sie nur die E-Mail-Adresse selbst ein, ohne Namen und spitze "
            f"Klammern {example}."
        )
    if any(ch.isspace() for ch in email):
        return f"Die E-Mail-Adresse darf keine Leerzeichen enthalten {example}."
    if email.casefold().startswith("mailto:"):
        return f"Bitte lassen Sie „mailto:“ weg {example}."
    if email.startswith("="):
        return (
            "Die E-Mail-Adresse beginnt mit „=“ – das ist eine Tabellen-Formel oder ihr Rest, "
            f"keine Adresse. Bitte tragen Sie nur die Adresse ein {example}."
        )
    at_signs = email.count("@")
    if at_signs == 0:
        return f"Der E-Mail-Adresse fehlt das @-Zeichen {example}."
    if at_signs > 1:
        return f"Die E-Mail-Adresse enthält mehr als ein @-Zeichen {example}."
    local, domain = email.split("@")
    if not local:
        return f"Vor dem @ fehlt der Name {example}."
    if not domain:
        return f"Nach dem @ fehlt die Domain der Organisation {example}."
    try:
        validate_email(
            email,
            check_deliverability=False,
            allow_smtputf8=False,
            allow_quoted_local=False,
            allow_domain_literal=False,
            allow_display_name=False,
        )
    except EmailNotValidError as error:
        return _german_email_problem(local, domain, str(error), example)
    tld = domain.rstrip(".").rsplit(".", 1)[-1]
    if not _TLD.match(tld):
        return f"Die Endung „.{tld}“ ist keine gültige Domain-Endung {example}."
    return ""


def _german_email_problem(local: str, domain: str, said: str, example: str) -> str:
    """email-validator's (English) reason in plain German."""
    folded = said.casefold()
    kind = next((k for text, k in _VALIDATOR_MESSAGES if text in folded), "")
    if kind == "umlaut":
        bad = [ch for ch in local if not ch.isascii()]
        return (
            f"Vor dem @ stehen Umlaute oder andere Sonderzeichen ({_quoted(bad)}); viele "
            "Mailserver nehmen solche Adressen nicht an. Bitte schreiben Sie z. B. „ue“ "
            f"statt „ü“ und „ss“ statt „ß“ {example}."
        )
    if kind == "local_chars":
        bad = [ch for ch in local if not (ch.isalnum() or ch in ".!#$%&'*+/=?^_`{|}~-")]
        return f"Vor dem @ stehen unzulässige Zeichen ({_quoted(bad)}) {example}."
    if kind == "domain_chars":
        bad = [ch for ch in domain if ch != "." and not (ch.isalnum() or ch == "-")]
        return f"Die Domain nach dem @ enthält unzulässige Zeichen ({_quoted(bad)}) {example}."
    if kind == "period":
        local_bad = local.startswith(".") or local.endswith(".") or ".." in local
        side = "Vor" if local_bad else "Nach"
        return f"{side} dem @ steht ein Punkt an falscher Stelle {example}."
    if kind == "hyphen":
        return f"In der Domain nach dem @ steht ein Bindestrich an falscher Stelle {example}."
    if kind == "no_tld":
        return f"Nach dem @ fehlt die Endung der Domain, etwa „.de“ {example}."
    if kind == "tld":
        tld = domain.rsplit(".", 1)[-1]
        return f"Die Endung „.{tld}“ ist keine gültige Domain-Endung {example}."
    if kind == "reserved":
        return (
            f"„{domain}“ ist ein reservierter Name (für Tests oder lokale Netze), an den "
            f"keine E-Mails zugestellt werden {example}."
        )
    if kind == "too_long":
        return f"Die E-Mail-Adresse oder ein Teil davon ist zu lang {example}."
    return f"Die E-Mail-Adresse ist ungültig {example}."


_PHONE_ALLOWED = set("0123456789 +/-()")


@lru_cache(maxsize=4096)
def phone_problem(phone: str) -> str:
    """What is wrong with a (German) phone number, in plain German ("" if it looks fine)."""
    phone = phone.strip()
    example = f"z. B. {PHONE_EXAMPLE}"
    if not phone:
        return ""
    bad = [ch for ch in phone if ch not in _PHONE_ALLOWED]
    if bad:
        return (
            f"Die Telefonnummer enthält unzulässige Zeichen ({_quoted(bad)}). Erlaubt sind "
            f"Ziffern, Leerzeichen, +, /, - und Klammern, {example}."
        )
    if phone.count("+") > 1 or ("+" in phone and not re.match(r"^\+\d", phone)):
        return "Das + ist nur ganz am Anfang vor der Ländervorwahl erlaubt, z. B. +49 251 123456."
    depth = 0
    for ch in phone:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth not in (0, 1):
            break
    if depth != 0 or "()" in phone:
        return f"Die Klammern in der Telefonnummer passen nicht zusammen, {example}."
    if re.match(r"^\+49[\s/-]*0", phone):
        return "Nach +49 entfällt die 0 der Vorwahl: +49 251 123456 statt +49 0251 123456."
    digits = sum(ch.isdigit() for ch in phone)
    if digits < 6:
        return f"Die Telefonnummer ist zu kurz; sie braucht mindestens 6 Ziffern, {example}."
    if digits > 20:
        return (
            "Die Telefonnummer ist zu lang (höchstens 20 Ziffern). Bitte tragen Sie nur eine "
            f"Nummer ein, {example}; weitere gehören in die Notizen."
        )
    return ""


URL_EXAMPLE = "https://www.kommune.de/buergerservice/hundesteuer"
_HOST_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")


@lru_cache(maxsize=4096)
def url_problem(url: str) -> str:
    """What is wrong with a web address ("" if it looks fine)."""
    from urllib.parse import urlsplit

    url = url.strip()
    example = f"(Beispiel: {URL_EXAMPLE})"
    if not url:
        return ""
    if any(ch.isspace() for ch in url):
        return f"Die Internetadresse darf keine Leerzeichen enthalten {example}."
    if not url.lower().startswith(("http://", "https://")):
        return f"Die Internetadresse muss mit https:// beginnen {example}."
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host or "." not in host:
        return f"In der Internetadresse fehlt der Name der Website {example}."
    labels = host.split(".")
    if not all(_HOST_LABEL.match(label) for label in labels) or not _TLD.match(labels[-1]):
        return f"Der Name der Website „{host}“ ist ungültig {example}."
    return ""


def domain_of(url_or_host: str) -> str:
    """'https://www.ahaus.de/x' and 'ahaus.de' -> 'ahaus.de' (without 'www.')."""
    from urllib.parse import urlsplit

    text = url_or_host.strip().lower()
    if not text:
        return ""
    host = urlsplit(text if "://" in text else f"http://{text}").hostname or ""
    return host[4:] if host.startswith("www.") else host


def on_domain(url: str, website: str) -> bool:
    """Whether ``url`` lies on the municipality's website (or a subdomain of it)."""
    site, host = domain_of(website), domain_of(url)
    return bool(site) and (host == site or host.endswith("." + site))


@lru_cache(maxsize=4096)
def postcode_problem(postcode: str) -> str:
    postcode = postcode.strip()
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        return "Die Postleitzahl hat in Deutschland fünf Ziffern (z. B. 48683)."
    return ""
