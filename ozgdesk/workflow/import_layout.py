"""Finding the header row of a service list and what each column means.

Fields are ozgdesk's names for what a column holds; headers are matched to
fields through the usual German spellings and their variants. The coordinator
can correct the mapping; a corrected mapping is remembered per header layout
(the "signature").
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ozgdesk.formats.spreadsheet import Cell, Sheet
from ozgdesk.textnorm import clean, fold
from ozgdesk.workflow.import_detect import (
    BASIS_CONTENT,
    BASIS_HEADER,
    BASIS_MANUAL,
    SYNONYM_CONFIDENCE,
    WORD_CONFIDENCE,
    Guess,
    content_guesses,
    field_by_words,
    looks_like_key,
    profiles,
)

# field -> German label (for the wizard, reports and --map)
FIELDS: dict[str, str] = {
    "key": "LeiKa-Schlüssel",
    "name": "Leistungsbezeichnung",
    "typ": "LeiKa-Typ",
    "ozg_id": "OZG-ID",
    "ozg_name": "OZG-Leistung",
    "lebenslage": "Lebenslage",
    "themenfeld": "Themenfeld",
    "sdg1": "SDG 1",
    "sdg2": "SDG 2",
    "legal_basis": "Rechtsgrundlage",
    "law": "Gesetz",
    "law_short": "Gesetz (Kürzel)",
    "office": "Zuständiges Amt",
    "contact_person": "Ansprechperson",
    "relevance": "Relevanz",
    "remark": "Bemerkung",
}
IGNORE = ""  # mapping target for a column that is not imported

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "key": (
        "leistungsschlussel",
        "leikaschlussel",
        "leikaid",
        "leika",
        "schlussel",
        "leikanr",
        "leikanummer",
        "leikakey",
        "leistungsschlusselleika",
        "leikaleistungsschlussel",
        "key",
    ),
    "name": (
        "leistungsbezeichnung",
        "leikabezeichnung",
        "bezeichnung",
        "leistung",
        "leistungsname",
        "name",
        "leikaleistung",
        "leistungsbezeichnungleika",
        "titel",
    ),
    "typ": ("typ", "leikatyp", "leistungstyp", "type", "typisierung"),
    "ozg_id": ("ozgid", "ozgnr", "ozgnummer", "ozgleistungsid", "ozgleistungid", "ozgkennung"),
    "ozg_name": (
        "ozgleistung",
        "ozgleistungen",
        "ozgleistungsbezeichnung",
        "ozgbezeichnung",
        "ozgname",
    ),
    "lebenslage": ("lebenslage", "lebenslagen", "lage", "geschaftslage", "lebensgeschaftslage"),
    "themenfeld": ("themenfeld", "themenfelder", "thema"),
    "sdg1": ("sdg1", "sdg1relevanz", "sdgi", "sdg1relevant", "sdganhang1", "sdginformation"),
    "sdg2": ("sdg2", "sdg2relevanz", "sdgii", "sdg2relevant", "sdganhang2", "sdgverfahren"),
    "legal_basis": ("rechtsgrundlage", "rechtsgrundlagen", "rechtsgrundlagefundstelle"),
    "law": ("gesetz", "gesetze", "gesetzesname"),
    "law_short": ("gesetzkurzel", "gesetzabkurzung", "kurzel", "abkurzung"),
    "office": (
        "amt",
        "fachbereich",
        "zustandigkeit",
        "zustandig",
        "zustandigesamt",
        "organisationseinheit",
        "fachdienst",
        "federfuhrung",
        "federfuhrendesamt",
        "amtfachbereich",
        "dienststelle",
    ),
    "contact_person": (
        "ansprechperson",
        "ansprechpartner",
        "ansprechpartnerin",
        "ansprechpartnerinnen",
        "kontakt",
        "kontaktperson",
        "ozgansprechperson",
        "zustandigeperson",
        "bearbeiter",
    ),
    "relevance": ("relevanz", "relevant", "relevantfuruns", "relevantja", "relevantjanein"),
    "remark": (
        "bemerkung",
        "bemerkungen",
        "anmerkung",
        "anmerkungen",
        "hinweis",
        "notiz",
        "kommentar",
    ),
}
_LOOKUP = {syn: name for name, synonyms in _SYNONYMS.items() for syn in synonyms}
_PAREN = re.compile(r"\([^)]*\)")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
HEADER_SCAN_ROWS = 40


def normalise_header(text: str) -> str:
    """'OZG-Leistung(en)' -> 'ozgleistung', 'SDG1-Relevanz' -> 'sdg1relevanz'."""
    return _NON_ALNUM.sub("", fold(_PAREN.sub("", text)))


def _full_form(text: str) -> str:
    """Like normalise_header, but keeps what is in parentheses: 'Gesetz (Kürzel)' ->
    'gesetzkurzel', which must not become 'gesetz' (the column next to it)."""
    return _NON_ALNUM.sub("", fold(text))


def field_for_header(text: str) -> str | None:
    """The field a header names: a usual spelling, else what its words suggest."""
    guess = header_guess(text)
    return guess.field if guess else None


def header_guess(text: str) -> Guess | None:
    field = _synonym_field(text)
    if field is not None:
        return Guess(field, SYNONYM_CONFIDENCE, BASIS_HEADER)
    field = field_by_words(text)
    return Guess(field, WORD_CONFIDENCE, BASIS_HEADER) if field else None


def _synonym_field(text: str) -> str | None:
    full = _full_form(text)
    if full in _LOOKUP:
        return _LOOKUP[full]
    normalised = normalise_header(text)
    if normalised in _LOOKUP:
        return _LOOKUP[normalised]
    # "LeiKa-Schlüssel (14-stellig)" handled by _PAREN; "Leistungsschlüssel LeiKa" etc.
    stripped = normalised.replace("leika", "") if normalised != "leika" else normalised
    return _LOOKUP.get(stripped) if stripped else None


def field_from_label(text: str) -> str | None:
    """Accept a field's internal name or its German label (for --map)."""
    for form in (_full_form, normalise_header):  # "Gesetz (Kürzel)" is not "Gesetz"
        wanted = form(text)
        for name, label in FIELDS.items():
            if wanted in (form(name), form(label)):
                return name
    return _synonym_field(text)


@dataclass
class Layout:
    header_index: int  # index into sheet.rows
    headers: list[str]  # cleaned header text per column
    mapping: dict[int, str]  # column index -> field (only mapped columns)
    remembered: bool = False  # mapping came from an earlier import of this layout
    guesses: dict[int, Guess] = field(default_factory=dict)  # how sure, per mapped column

    def guess_of(self, column: int) -> Guess | None:
        field_name = self.mapping.get(column)
        if field_name is None:
            return None
        guess = self.guesses.get(column)
        if guess is None or guess.field != field_name:
            return Guess(field_name, SYNONYM_CONFIDENCE, BASIS_HEADER)
        return guess

    @property
    def by_header(self) -> bool:
        """The key or name column was recognised by its header (not only by its cells)."""
        return any(
            g is not None and g.field in ("key", "name") and g.basis != BASIS_CONTENT
            for g in map(self.guess_of, self.mapping)
        )

    def column_of(self, field: str) -> int | None:
        for column, name in self.mapping.items():
            if name == field:
                return column
        return None

    def header_of(self, column: int) -> str:
        if 0 <= column < len(self.headers) and self.headers[column]:
            return self.headers[column]
        return column_letter(column)

    def signature(self) -> str:
        return header_signature(self.headers)


def header_signature(headers: list[str]) -> str:
    forms = [_full_form(h) for h in headers]
    while forms and not forms[-1]:  # a stray cell far right or a trailing ";" is no layout change
        forms.pop()
    joined = "\x1f".join(forms)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return f"Spalte {letters}"


def _header_text(cell: Cell) -> str:
    return clean(cell) if isinstance(cell, str) else ""


def header_texts(row: list[Cell]) -> list[str]:
    return [_header_text(c) for c in row]


def auto_mapping(headers: list[str]) -> dict[int, str]:
    return {column: guess.field for column, guess in auto_guesses(headers).items()}


def auto_guesses(headers: list[str]) -> dict[int, Guess]:
    """Each field for the first column whose header names it; a usual spelling wins
    over a column whose words only suggest the field."""
    found = [(c, header_guess(h) if h else None) for c, h in enumerate(headers)]
    result: dict[int, Guess] = {}
    taken: set[str] = set()
    for sure in (True, False):
        for column, guess in found:
            if guess is None or (guess.confidence >= SYNONYM_CONFIDENCE) != sure:
                continue
            if guess.field not in taken:
                result[column] = guess
                taken.add(guess.field)
    return dict(sorted(result.items()))


def _is_data_row(row: list[Cell]) -> bool:
    return any(looks_like_key(cell) for cell in row)


def detect_by_content(sheet: Sheet, layout: Layout, offices: frozenset[str] = frozenset()) -> None:
    """Complete and check the header's mapping with what the cells say (see import_detect)."""
    width = max((len(r) for r in sheet.rows[layout.header_index + 1 :][:300]), default=0)
    width = max(width, len(layout.headers))
    mapped = {c: layout.guess_of(c) for c in layout.mapping}
    guesses = content_guesses(
        profiles(sheet, layout.header_index, width, offices),
        {c: g for c, g in mapped.items() if g is not None},
    )
    layout.mapping = {c: g.field for c, g in sorted(guesses.items())}
    layout.guesses = dict(sorted(guesses.items()))


def find_layout(
    sheet: Sheet,
    overrides: dict[str, str] | None = None,
    offices: frozenset[str] = frozenset(),
) -> Layout | None:
    """The row (among the first 120) that looks most like a header, and what each
    column means.

    A header row names a key or a name column; title rows, merged title cells and
    blank lines above it are skipped, and a row holding keys is data, not a header.
    Header names in ``overrides`` (the coordinator's corrections) count as
    recognised. Without such a row the cells decide: the first filled row is the
    header (or, if it holds keys, the list has none) and the columns are taken by
    their content. Either way the cells complete the mapping (``detect_by_content``).
    """
    best: Layout | None = None
    best_score = 0
    first_filled: int | None = None
    for index, row in enumerate(sheet.rows[: HEADER_SCAN_ROWS * 3]):
        headers = [_header_text(c) for c in row]
        if sum(1 for h in headers if h) < 1 or _is_data_row(row):
            if first_filled is None and any(c is not None for c in row) and _is_data_row(row):
                first_filled = index
            continue
        if first_filled is None:
            first_filled = index
        guesses = auto_guesses(headers)
        candidate = Layout(index, headers, {c: g.field for c, g in guesses.items()}, False, guesses)
        if overrides:
            named = {h: t for h, t in overrides.items() if find_column(headers, h) is not None}
            if named:
                apply_overrides(candidate, named)
        fields = set(candidate.mapping.values())
        if not fields & {"key", "name"}:
            continue
        score = sum(
            2 if g and g.confidence >= SYNONYM_CONFIDENCE else 1
            for g in map(candidate.guess_of, candidate.mapping)
        )
        if score > best_score:
            best, best_score = candidate, score
    if best is None and first_filled is not None:
        row = sheet.rows[first_filled]
        if _is_data_row(row):  # no header at all: the list starts with data
            best = Layout(first_filled - 1, [], {})
        else:
            headers = [_header_text(c) for c in row]
            guesses = auto_guesses(headers)
            best = Layout(
                first_filled, headers, {c: g.field for c, g in guesses.items()}, False, guesses
            )
    if best is None:
        return None
    detect_by_content(sheet, best, offices)
    if not set(best.mapping.values()) & {"key", "name"}:
        return None
    return best


def find_column(headers: list[str], name: str) -> int | None:
    """The column whose header is ``name``: exact text first, then ever looser forms
    ("Gesetz" must find "Gesetz", not "Gesetz (Kürzel)")."""
    for form in (lambda t: clean(t).casefold(), _full_form, normalise_header):
        wanted = form(name)
        if not wanted:
            continue
        for column, header in enumerate(headers):
            if header and form(header) == wanted:
                return column
    return None


def apply_overrides(
    layout: Layout, overrides: dict[str, str], basis: str = BASIS_MANUAL
) -> list[str]:
    """Apply header -> field corrections; returns problems as German messages."""
    problems = []
    for header, target in overrides.items():
        column = find_column(layout.headers, header)
        if column is None:
            letters = {column_letter(i).split()[-1]: i for i in range(len(layout.headers))}
            column = letters.get(header.strip().upper().removeprefix("SPALTE ").strip())
        if column is None:
            problems.append(f"Die Spalte „{header}“ gibt es in der Kopfzeile nicht.")
            continue
        if target == IGNORE:
            layout.mapping.pop(column, None)
            layout.guesses.pop(column, None)
            continue
        field = field_from_label(target)
        if field is None:
            known = ", ".join(FIELDS)
            problems.append(
                f"Unbekanntes Feld „{target}“ für Spalte „{header}“ (möglich: {known})."
            )
            continue
        for other, name in list(layout.mapping.items()):
            if name == field and other != column:
                del layout.mapping[other]
                layout.guesses.pop(other, None)
        layout.mapping[column] = field
        layout.guesses[column] = Guess(field, SYNONYM_CONFIDENCE, basis)
    return problems
