"""German wording in one place: counts with the right plural, numbers in German format, and the
municipality's name with its article ("der Gemeinde Musterhausen", "die Stadt Ahaus").

No Qt here: the ui, workflow and formats layers all use these functions, so that a count reads
"1 Amt" / "2 Ämter" and "1.234,5" everywhere (the ui may also use QLocale de_DE; both agree).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Kind of municipality (project_info.municipality_title): the word that stands before the name.
# Grammatical gender decides the article: die Gemeinde/Stadt/Städteregion, der Kreis.
_FEMININE = {"Gemeinde", "Stadt", "Städteregion", "Verbandsgemeinde", "Samtgemeinde"}
_MASCULINE = {"Kreis", "Landkreis", "Rhein-Kreis", "Markt"}

_ARTICLES = {
    # case: (feminine, masculine)
    "nom": ("die", "der"),
    "gen": ("der", "des"),
    "dat": ("der", "dem"),
    "akk": ("die", "den"),
}


def number(value: float | int, decimals: int | None = None) -> str:
    """A number in German format: thousands with ".", decimals with "," (1.234,5).

    ``decimals=None`` shows integers without decimals and other values with up to two.
    """
    if decimals is None:
        if float(value).is_integer():
            decimals = 0
        else:
            text = f"{value:,.2f}".rstrip("0").rstrip(".")
            return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def plural(count: int, singular: str, plural_form: str, *, with_number: bool = True) -> str:
    """ "1 Amt", "2 Ämter", "0 Ämter"; ``with_number=False`` gives only the word."""
    word = singular if count == 1 else plural_form
    return f"{number(count)} {word}" if with_number else word


def municipality_phrase(name: str, title: str = "", case: str = "nom") -> str:
    """The municipality's name with its kind and article: ("Musterhausen", "Gemeinde", "dat")
    → "der Gemeinde Musterhausen"; "Kreis Düren" stays as it is with its article
    ("des Kreises Düren" in the genitive).

    ``title`` is the word for the kind ("Gemeinde", "Stadt", "Kreis", "Städteregion"); a name
    that already starts with such a word keeps it. Without any title the kind is "Gemeinde".
    """
    name = name.strip()
    first, _, rest = name.partition(" ")
    if rest and (first in _FEMININE or first in _MASCULINE):
        title, name = first, rest
    elif (
        name.split()[-1:]
        and name.split()[-1].casefold().endswith("kreis")
        and (title.strip() in ("", *_MASCULINE))
    ):
        return _kreis_name(name, case)
    title = title.strip() or "Gemeinde"
    feminine = title not in _MASCULINE
    article = _ARTICLES[case][0 if feminine else 1]
    word = title
    if case == "gen" and not feminine:
        word = f"{title}es"  # des Kreises
    return f"{article} {word} {name}".strip()


def _kreis_name(name: str, case: str) -> str:
    """A district whose name is itself a "Kreis" ("Hochsauerlandkreis", "Märkischer Kreis",
    "Ennepe-Ruhr-Kreis"): the name declined with its article ("des Märkischen Kreises")."""
    words = name.split()
    if case == "gen":
        words[-1] += "es"
    if len(words) > 1 and words[-2].endswith("er"):  # the adjective before "Kreis"
        words[-2] = words[-2][:-1] if case == "nom" else words[-2][:-2] + "en"
    return f"{_ARTICLES[case][1]} {' '.join(words)}"


_TITLES = {"frau": "Sehr geehrte Frau", "herr": "Sehr geehrter Herr"}


def salutation(name: str) -> str:
    """The opening line of a letter or e-mail to ``name``.

    "Frau Dr. Anna Schmidt" → "Sehr geehrte Frau Dr. Schmidt,"; "Herr Thomas Becker" →
    "Sehr geehrter Herr Becker,". Without "Frau"/"Herr" the form of address is unknown: the
    neutral "Guten Tag Thomas Becker," (first and last name, as recommended for gender-neutral
    letters); a role instead of a name ("Bürgermeister/in", "Leitung Bauamt") or no name gives
    "Guten Tag,".
    """
    words = name.split()
    if not words or "/" in name or not is_person_name(name):
        return "Guten Tag,"
    first = words[0].casefold().rstrip(".")
    if first in _TITLES and len(words) > 1:
        rest = words[1:]
        degrees = [w for w in rest[:-1] if w.endswith(".")]  # Dr., Prof.
        return f"{_TITLES[first]} {' '.join([*degrees, rest[-1]])},"
    return f"Guten Tag {' '.join(words)},"


_ROLE_FIRST_WORDS = {
    "bürgermeister",
    "bürgermeisterin",
    "leitung",
    "personalrat",
    "organisation",
    "it",
    "presse",
    "presse-",
    "verwaltungsspitze",
    "vertretung",
    "n.",
    "n.n.",
    "nn",
}
_ROLE_ENDINGS = ("leitung", "beauftragte", "beauftragter", "öffentlichkeitsarbeit", "amt")


def is_person_name(name: str) -> bool:
    """Whether ``name`` names a person rather than a role placeholder ("Bürgermeister/in",
    "Leitung Bauamt", "Personalrat (Vorsitz)", "N. N."): roles must not print as names."""
    words = name.casefold().split()
    if not words or "/" in name or "(" in name or "?" in name:
        return False
    if words[0] in _ROLE_FIRST_WORDS:
        return False
    return not any(word.endswith(_ROLE_ENDINGS) for word in words)


def in_municipality(name: str) -> str:
    """ "in der Gemeinde Musterhausen" for a name with its kind, "in Ahaus" for a bare place
    name (whose kind is not known here: "in der Gemeinde Ahaus" could be wrong)."""
    first = name.strip().partition(" ")[0]
    if first in _FEMININE or first in _MASCULINE:
        phrase = municipality_phrase(name, case="dat")
        return f"im {phrase[4:]}" if phrase.startswith("dem ") else f"in {phrase}"
    return f"in {name.strip()}"


# -- quarters -------------------------------------------------------------------------------------
# A quarter is stored as "2027-Q2" (sorts in order); people read and write "Q2/2027" – in every
# workbook, PDF, CLI line and window. Input accepts both, and "2/2027", "Q2 2027", "2027/Q2".

QUARTER_EXAMPLE = "Q2/2027"


@lru_cache(maxsize=4096)
def parse_quarter(text: str) -> tuple[int, int]:
    """ "Q2/2027", "2027-Q2", "2/2027", "q2 2027", "2027 Q2" → (2027, 2); else ValueError with a
    German message."""
    compact = text.strip().upper().replace(" ", "/")
    stored = re.fullmatch(r"(\d{4})[-/.]?Q([1-4])", compact)
    if stored:
        return int(stored.group(1)), int(stored.group(2))
    shown = re.fullmatch(r"Q([1-4])[-/.]?(\d{4})|([1-4])[-/.](\d{4})", compact)
    if shown:
        q, year = (shown.group(1), shown.group(2)) if shown.group(1) else shown.group(3, 4)
        return int(year), int(q)
    raise ValueError(
        f"„{text.strip()}“ ist kein Quartal; bitte so angeben: {QUARTER_EXAMPLE} (Quartal/Jahr)."
    )


def quarter_key(text: str) -> str:
    """The stored form of a quarter given in either form: "Q2/2027" → "2027-Q2"."""
    year, q = parse_quarter(text)
    return f"{year}-Q{q}"


def quarter(text: str) -> str:
    """A quarter as people read it, from either form: "2027-Q2" → "Q2/2027"; "" stays ""."""
    if not text.strip():
        return ""
    year, q = parse_quarter(text)
    return f"Q{q}/{year}"
