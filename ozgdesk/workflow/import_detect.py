"""What a column of a service list holds: from the words of its header and from its cells.

Headers vary endlessly ("Name der Leistung", "Leistungsbeschreibung lt. LeiKa",
"LeiKa-Nr.", "Schlüssel (LeiKa, 14-stellig)", "Ident-Nr."), so besides the exact
synonyms of ``import_layout`` a header is read word by word. And a column says
what it is by its cells: mostly 14-digit keys (or keys Excel has turned into
9,90E+13) is the key column, long text is the name, known office names are the
office. Every mapped column gets a confidence (0–1) and the basis it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ozgdesk.formats.spreadsheet import Cell, Sheet
from ozgdesk.textnorm import clean, fold

BASIS_HEADER = "header"
BASIS_CONTENT = "content"
BASIS_BOTH = "header+content"
BASIS_MANUAL = "manual"
BASIS_REMEMBERED = "remembered"
BASIS_LABELS = {
    BASIS_HEADER: "Kopfzeile",
    BASIS_CONTENT: "Inhalt der Spalte",
    BASIS_BOTH: "Kopfzeile und Inhalt",
    BASIS_MANUAL: "von Ihnen zugeordnet",
    BASIS_REMEMBERED: "aus einem früheren Import",
}
SYNONYM_CONFIDENCE = 1.0  # the header is one of the usual spellings
WORD_CONFIDENCE = 0.75  # the header's words suggest the field
SAMPLE_ROWS = 300

_WORDS = re.compile(r"[a-z0-9]+")
_SCIENTIFIC = re.compile(r"^[0-9]+(?:[.,][0-9]+)?\s*[eE]\s*[+-]?[0-9]+$")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_OFFICE = {"gesamt", "insgesamt", "samt"}
_OFFICE_WORDS = (
    "amt",
    "fachbereich",
    "fachdienst",
    "abteilung",
    "dezernat",
    "referat",
    "sachgebiet",
    "dienststelle",
    "zustandig",
    "federfuhr",
    "organisationseinheit",
    "verwaltungseinheit",
)


def words(text: str) -> list[str]:
    """'Schlüssel (LeiKa, 14-stellig)' -> ['schlussel', 'leika', '14', 'stellig']."""
    return _WORDS.findall(fold(text))


def _has(tokens: Sequence[str], *stems: str) -> bool:
    return any(stem in token for token in tokens for stem in stems)


def _is_office_word(token: str) -> bool:
    if token in _NOT_OFFICE:
        return False
    return token == "amt" or token.endswith("amt") or any(w in token for w in _OFFICE_WORDS[1:])


def field_by_words(text: str) -> str | None:
    """The field a header's words point to, or None. Order matters: the more specific
    reading first ("OZG-ID" before "ID", "Leistungstyp" before "Leistung")."""
    if len(text) > 80:  # a sentence, not a header
        return None
    tokens = words(text)
    if not tokens:
        return None
    joined = "".join(tokens)
    if "sdg" in joined:
        if _has(tokens, "2", "ii", "verfahren"):
            return "sdg2"
        return "sdg1"
    if _has(tokens, "ansprech", "kontakt", "bearbeit", "sachbearb") or "person" in tokens:
        return "contact_person"
    if _has(tokens, "relevan", "betroffen"):
        return "relevance"
    if _has(tokens, "bemerk", "anmerk", "hinweis", "notiz", "kommentar"):
        return "remark"
    if "ozg" in joined and not _has(tokens, "leika"):
        if (
            _has(tokens, "id", "nr", "nummer", "kennung", "kennziffer", "schlussel")
            or "id" in joined
        ):
            return "ozg_id"
        return "ozg_name"
    if _has(tokens, "lebenslage", "geschaftslage") or "lage" in tokens:
        return "lebenslage"
    if _has(tokens, "themenfeld", "thema", "themen"):
        return "themenfeld"
    if _has(tokens, "kurzel", "abkurz"):
        return "law_short"
    if _has(tokens, "rechtsgrundl", "grundlage", "fundstelle", "rechtsnorm", "paragraf"):
        return "legal_basis"
    if _has(tokens, "gesetz"):
        return "law"
    if any(_is_office_word(t) for t in tokens):
        return "office"
    if any(t == "typ" or t.endswith("typ") or t == "type" for t in tokens):
        return "typ"
    if _has(tokens, "schlussel", "ident", "kennziffer", "kennung", "key") or (
        "leika" in joined and _has(tokens, "nr", "nummer", "id", "code")
    ):
        return "key"
    if _has(tokens, "name", "bezeichnung", "beschreibung", "leistung", "titel", "benennung"):
        return "name"
    if "leika" in joined:
        return "key"
    return None


# -- the cells --------------------------------------------------------------------------


def looks_like_key(cell: Cell) -> bool:
    """A LeiKa key, also one that Excel has mangled (9,90E+13, 9.9012e13, 13 digits)."""
    if isinstance(cell, bool) or cell is None:
        return False
    if isinstance(cell, (int, float)):
        return 1e12 <= abs(cell) < 1e15
    text = "".join(str(cell).split())
    if text.endswith(".0"):
        text = text[:-2]
    if text.isdigit():
        return 13 <= len(text) <= 15
    return bool(_SCIENTIFIC.match(text))


@dataclass(frozen=True)
class ColumnProfile:
    filled: int  # non-empty cells among the sampled rows
    key_share: float  # share of them that look like keys
    text_share: float  # share that are text with letters
    average_length: float  # of the texts
    office_share: float  # share that name a known office
    distinct_share: float  # distinct values / filled


def profile(cells: Iterable[Cell], offices: frozenset[str]) -> ColumnProfile:
    filled = keys = texts = length = office = 0
    seen: set[str] = set()
    for cell in cells:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        filled += 1
        if looks_like_key(cell):
            keys += 1
            continue
        if isinstance(cell, str) and _LETTER.search(cell):
            text = clean(cell)
            texts += 1
            length += len(text)
            folded = fold(text)
            seen.add(folded)
            if folded in offices or any(_is_office_word(w) for w in words(text)[:3]):
                office += 1
    if not filled:
        return ColumnProfile(0, 0.0, 0.0, 0.0, 0.0, 0.0)
    return ColumnProfile(
        filled,
        keys / filled,
        texts / filled,
        length / texts if texts else 0.0,
        office / filled,
        len(seen) / filled,
    )


def profiles(
    sheet: Sheet, header_index: int, width: int, offices: frozenset[str]
) -> list[ColumnProfile]:
    rows = sheet.rows[header_index + 1 : header_index + 1 + SAMPLE_ROWS]
    return [
        profile((row[c] if c < len(row) else None for row in rows), offices) for c in range(width)
    ]


@dataclass(frozen=True)
class Guess:
    field: str
    confidence: float
    basis: str


def content_guesses(found: list[ColumnProfile], mapped: dict[int, Guess]) -> dict[int, Guess]:
    """Fields for columns the header did not settle, and confirmations of those it did.

    ``mapped`` holds the header's guesses; the result is the whole new mapping.
    A word-based header guess for the key that the cells contradict gives way to a
    column whose cells are keys.
    """
    result = dict(mapped)

    def column_of(field: str) -> int | None:
        return next((c for c, g in result.items() if g.field == field), None)

    # the key: the column with most key-like cells
    key_candidates = [
        (p.key_share, c) for c, p in enumerate(found) if p.filled and p.key_share >= 0.5
    ]
    current = column_of("key")
    if current is not None and current < len(found):
        share = found[current].key_share
        guess = result[current]
        if share >= 0.5:
            result[current] = Guess("key", min(1.0, guess.confidence + 0.25), BASIS_BOTH)
        elif guess.confidence < SYNONYM_CONFIDENCE and (
            share == 0 or any(c != current for _s, c in key_candidates)
        ):
            del result[current]  # "Nr." with 1, 2, 3 … is no key column
            current = None
    if current is None and key_candidates:
        share, column = max(key_candidates)
        if column not in result or result[column].confidence < SYNONYM_CONFIDENCE:
            result[column] = Guess("key", round(min(0.95, share), 2), BASIS_CONTENT)

    # the name: long, mostly distinct text
    current = column_of("name")
    if current is not None and current < len(found):
        p = found[current]
        if p.text_share >= 0.8 and p.average_length >= 8:
            guess = result[current]
            result[current] = Guess("name", min(1.0, guess.confidence + 0.25), BASIS_BOTH)
    else:
        candidates = [
            (p.average_length * p.distinct_share, c)
            for c, p in enumerate(found)
            if c not in result
            and p.filled
            and p.text_share >= 0.8
            and p.average_length >= 12
            and p.distinct_share >= 0.5
        ]
        if candidates:
            _score, column = max(candidates)
            p = found[column]
            confidence = min(0.9, p.text_share * min(1.0, p.average_length / 25) * p.distinct_share)
            result[column] = Guess("name", round(max(confidence, 0.5), 2), BASIS_CONTENT)

    # the office: known office names
    if column_of("office") is None:
        candidates = [
            (p.office_share, c)
            for c, p in enumerate(found)
            if c not in result and p.filled and p.office_share >= 0.5
        ]
        if candidates:
            share, column = max(candidates)
            result[column] = Guess("office", round(min(0.9, share), 2), BASIS_CONTENT)
    return result


def confidence_text(confidence: float, basis: str) -> str:
    """'sicher (Kopfzeile und Inhalt)', 'wahrscheinlich (Kopfzeile)', '62 % (Inhalt der Spalte)'."""
    if confidence >= 0.95:
        word = "sicher"
    elif confidence >= 0.75:
        word = "wahrscheinlich"
    else:
        word = f"{round(confidence * 100)} %"
    return f"{word} ({BASIS_LABELS.get(basis, basis)})"
