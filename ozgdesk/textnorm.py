"""Text helpers shared by search, import and display (pure Python, no Qt)."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
# letters that carry diacritics (Latin-1 supplement … Latin Extended Additional); other
# non-ASCII characters such as "–" or "§" have nothing to strip
_DECOMPOSABLE = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
# The accented letters of German and its neighbours, folded without Unicode
# decomposition (fast path); anything else non-ASCII goes through NFKD.
_ACCENTS = str.maketrans(
    {
        **dict.fromkeys("äàáâãåā", "a"),
        **dict.fromkeys("öòóôõøō", "o"),
        **dict.fromkeys("üùúûū", "u"),
        **dict.fromkeys("éèêëē", "e"),
        **dict.fromkeys("íìîï", "i"),
        "ç": "c",
        "ñ": "n",
        "\u00a0": " ",
    }
)


def clean(value: object) -> str:
    """Trim text and collapse whitespace, non-breaking spaces and stray line breaks."""
    if value is None:
        return ""
    text = str(value).replace("\u00a0", " ").replace("\u200b", "")
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Fold text for searching: case-, accent- and umlaut-insensitive.

    "Müll", "MUELL" and "mull" all fold to "mull"; "Straße" and "strasse" to
    "strasse". Both the searched text and the query are folded the same way, so
    the (harmless) over-matching of "ue"/"ae"/"oe" inside words is symmetric.
    """
    text = text.casefold().translate(_ACCENTS)
    if not text.isascii() and _DECOMPOSABLE.search(text):
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u")


@functools.lru_cache(maxsize=262_144)
def fold_cached(text: str) -> str:
    """``fold`` for values folded again and again (service names, rule values)."""
    return fold(text)
