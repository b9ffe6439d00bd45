"""Checking the rows of a service list before anything is written.

Every problem names the row, the column, the value and what is wrong, in German.
Errors skip their row; warnings and notes keep it. Nothing is guessed: a key that
Excel has shortened (shown as 9,90E+13) is an error, never a guessed key.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from operator import itemgetter

from ozgdesk.formats.records import OzgRef, ServiceRecord
from ozgdesk.formats.spreadsheet import Cell, Sheet
from ozgdesk.textnorm import clean, fold
from ozgdesk.workflow.import_layout import FIELDS, Layout
from ozgdesk.workflow.keys import KEY_RE, PROBLEM_INVALID, PROBLEM_MISSING, check_key
from ozgdesk.workflow.problems import ERROR, NOTE, WARNING, Problem

_SCIENTIFIC = re.compile(r"^[0-9]+(?:[.,][0-9]+)?\s*[eE]\s*[+-]?[0-9]+$")
_FOOTER_WORDS = r"^(summe|gesamt|insgesamt|anzahl|total|ergebnis|zwischensumme)\b"
_FOOTER = re.compile(_FOOTER_WORDS, re.I)
# the bare footer word, perhaps with a count: "Summe", "Gesamt: 5.251 Leistungen"
_FOOTER_ONLY = re.compile(
    _FOOTER_WORDS + r"[^a-zäöüß]*(leistungen|leistung|zeilen|einträge)?[^a-zäöüß]*$", re.I
)
_OZG_ID = re.compile(r"^[0-9]{1,6}$")

_YES = {"ja", "j", "x", "1", "true", "wahr", "yes", "y"}
_NO = {"nein", "n", "0", "false", "falsch", "no", "-", "–"}
_YES_NO_EXACT = {"ja": True, "Ja": True, "nein": False, "Nein": False, None: False}
RELEVANCE_VALUES = {
    "relevant": ("ja", "j", "x", "1", "true", "wahr", "relevant", "yes"),
    "nicht relevant": (
        "nein",
        "n",
        "0",
        "false",
        "falsch",
        "nicht relevant",
        "irrelevant",
        "no",
        "-",
    ),
    "prüfen": ("prufen", "zu prufen", "?", "offen", "unklar", "klaren", "pruefen"),
}
_RELEVANCE_LOOKUP = {fold(v): k for k, values in RELEVANCE_VALUES.items() for v in values}


@dataclass
class CheckedRows:
    records: list[ServiceRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped_rows: int = 0  # rows with errors
    ignored_rows: int = 0  # empty, sum and footer rows
    blank_rows: int = 0  # the empty ones among them
    flagged: int = 0  # kept without a valid key

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level != ERROR]


def _text(cell: Cell) -> str:
    if cell.__class__ is str:
        # the usual cell is clean already: printable (no tabs, line breaks, odd spaces)
        # with single inner spaces; clean() would return it unchanged
        if cell.isprintable() and "  " not in cell and cell[:1] != " " and cell[-1:] != " ":
            return cell
        return clean(cell)
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "ja" if cell else "nein"
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return (
            cell.strftime("%d.%m.%Y %H:%M")
            if (cell.hour or cell.minute)
            else cell.strftime("%d.%m.%Y")
        )
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    return clean(cell)


def cell_text(cell: Cell) -> str:
    """A cell as the coordinator would read it (numbers without ".0", German dates)."""
    return _text(cell)


def _shown(cell: Cell) -> str:
    """The value as the report shows it: numbers in German format as the spreadsheet holds
    them (9900800101200, 9,9008E+13, 3,5), without Python's ".0"."""
    if isinstance(cell, float):
        from ozgdesk.wording import number

        if cell != cell:
            return "keine Zahl"
        if cell in (float("inf"), float("-inf")):
            return "unendlich"
        if cell.is_integer() and abs(cell) < 1e15:
            return f"{int(cell)} (als Zahl)"
        if abs(cell) >= 1e15:
            return f"{cell:.4E}".replace(".", ",")
        return number(cell, None).replace(".", "")
    return _text(cell)[:200]


def _structure_ok(key: str) -> bool:
    # 99 + grouping + object + Verrichtung + detail: grouping and object are never 000
    return key[2:5] != "000" and key[5:8] != "000"


@dataclass(frozen=True)
class KeyResult:
    key_raw: str
    error: str = ""  # German reason; the row is skipped
    note: str = ""  # kept without key, with this note


def convert_key(cell: Cell) -> KeyResult:
    """Turn a key cell into text exactly, or explain why not."""
    if (  # the usual case: the key as text
        cell.__class__ is str
        and len(cell) == 14
        and cell.isascii()
        and cell.isdigit()
        and _structure_ok(cell)
    ):
        return KeyResult(cell)
    if cell is None:
        return KeyResult("", note="kein LeiKa-Schlüssel angegeben")
    if isinstance(cell, bool):
        return KeyResult(_text(cell), note="kein gültiger LeiKa-Schlüssel")
    if isinstance(cell, (int, float)):
        if isinstance(cell, float) and (cell != cell or not cell.is_integer()):
            return KeyResult(
                _shown(cell),
                error="Der Schlüssel ist eine Kommazahl; Ziffern sind verloren gegangen.",
            )
        number = int(cell)
        if number < 0:
            return KeyResult(_shown(cell), note="kein gültiger LeiKa-Schlüssel (negative Zahl)")
        digits = str(number)
        if len(digits) == 14 and _structure_ok(digits):
            return KeyResult(digits)
        if len(digits) >= 13:
            return KeyResult(
                _shown(cell),
                error="Der Schlüssel wurde als Zahl gespeichert und hat dabei Ziffern verloren "
                "(typisch für Excel: Anzeige als 9,90E+13). Bitte den Schlüssel als Text "
                "neu eintragen oder die Spalte aus der Originalliste übernehmen.",
            )
        return KeyResult(digits, note="kein gültiger LeiKa-Schlüssel (nicht 14-stellig)")
    text = _text(cell)
    compact = "".join(text.split())
    if not compact.isascii():  # "９９０１…" (full-width) is the key; store it in ASCII digits
        compact = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in compact)
    if compact.endswith(".0") and compact[:-2].isdigit():
        compact = compact[:-2]
    if _SCIENTIFIC.match(compact):
        return KeyResult(
            text,
            error="Der Schlüssel steht in Exponentialschreibweise; Excel hat die Ziffern "
            "abgeschnitten. Der richtige Schlüssel lässt sich daraus nicht ermitteln.",
        )
    if KEY_RE.fullmatch(compact):
        if not _structure_ok(compact):
            return KeyResult(
                text,
                error="Der Schlüssel ist unvollständig (Nullen statt Gruppierung oder "
                "Leistungsobjekt), vermutlich durch Excel gekürzt.",
            )
        return KeyResult(compact)
    checked = check_key(text)
    if checked.problem == PROBLEM_MISSING:
        return KeyResult(text, note="nicht im LeiKa / ohne Schlüssel")
    assert checked.problem == PROBLEM_INVALID
    return KeyResult(text, note="kein gültiger LeiKa-Schlüssel")


def _yes_no(cell: Cell) -> bool | None:
    if isinstance(cell, bool):
        return cell
    if cell in _YES_NO_EXACT:  # the usual spellings, without folding
        return _YES_NO_EXACT[cell]
    text = fold(_text(cell))
    if text in _YES:
        return True
    if text in _NO or text == "":
        return False
    return None


def _first_filled(row: list[Cell]) -> int:
    """Index of the first cell with content, -1 for an empty row."""
    for index, cell in enumerate(row):
        if cell is not None and (cell.__class__ is not str or cell.strip()):
            return index
    return -1


def is_footer(
    row: list[Cell], key_column: int | None = None, name_column: int | None = None
) -> bool:
    """A sum or count line below the list ("Summe", "Gesamt: 5.251"), not a service.

    Its first filled cell starts with a footer word and the row has no valid key
    (lists often put "Summe" into the first column, the key's). In the name
    column only the bare word with a count counts: a service without key called
    "Ergebnis der Wahl … bekanntmachen" is a service.
    """
    for index, cell in enumerate(row):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        if not isinstance(cell, str) or not _FOOTER.match(cell.strip()):
            return False
        if index == name_column and not _FOOTER_ONLY.match(cell.strip()):
            return False
        if key_column is None or key_column >= len(row):
            return True
        return not KEY_RE.fullmatch("".join(_text(row[key_column]).split()))
    return False


_TEXT_FIELDS = ("typ", "legal_basis", "law", "law_short", "contact_person", "remark", "office")


def check_rows(sheet: Sheet, layout: Layout) -> CheckedRows:
    result = CheckedRows()
    get = {name: column for column, name in layout.mapping.items()}
    mapped = list(get.items())
    names = [name for name, _column in mapped]
    values = itemgetter(*[column for _name, column in mapped])  # ≥ 1 column: key or name
    widest = max(column for _name, column in mapped)
    key_column, name_column = get.get("key"), get.get("name")
    position = {name: i for i, name in enumerate(names)}  # index into a row's mapped cells
    single = len(names) == 1
    key_at, name_at = position.get("key"), position.get("name")
    text_fields = [(f, position[f]) for f in _TEXT_FIELDS if f in get]
    flags = [(f, position[f]) for f in ("sdg1", "sdg2") if f in get]
    relevance_at = position.get("relevance")
    ozg_at = [position.get(f) for f in ("ozg_id", "ozg_name", "lebenslage", "themenfeld")]
    no_ozg = all(i is None for i in ozg_at)
    seen_keys: dict[str, int] = {}
    known_refs: dict[tuple[object, ...], OzgRef] = {}  # OzgRef is frozen: share it between rows

    def problem(number: int, name: str, value: Cell, message: str, level: str = ERROR) -> None:
        column = get.get(name)
        header = layout.header_of(column) if column is not None else FIELDS.get(name, name)
        result.problems.append(Problem(number, header, _shown(value), message, level))

    rows, line_numbers, first_row = sheet.rows, sheet.line_numbers, sheet.first_row
    no_key = KeyResult("", note="")
    for index in range(layout.header_index + 1, len(rows)):
        row = rows[index]
        number = line_numbers[index] if line_numbers is not None else first_row + index
        head = row[0] if row else None
        # the usual row starts with a filled cell: no need to look for the first one
        first = 0 if head.__class__ is str and head[:1].isalnum() else _first_filled(row)
        if first < 0:
            result.ignored_rows += 1
            result.blank_rows += 1
            continue
        text = row[first]
        if (
            text.__class__ is str
            and _FOOTER.match(text.lstrip())
            and is_footer(row, key_column, name_column)
        ):
            result.ignored_rows += 1
            continue
        width = len(row)
        if width > widest:
            found = (values(row),) if single else values(row)
        else:  # a ragged row, shorter than the header
            found = tuple(row[column] if column < width else None for _name, column in mapped)
        raw = found[key_at] if key_at is not None else None
        if (  # the usual key, as convert_key's fast path, without building a KeyResult
            raw.__class__ is str
            and len(raw) == 14
            and raw.isascii()
            and raw.isdigit()
            and raw[2:5] != "000"
            and raw[5:8] != "000"
        ):
            key_raw, valid_key = raw, True
            key = no_key
        else:
            key = convert_key(raw) if key_column is not None else no_key
            if key.error:
                problem(number, "key", raw, key.error)
                result.skipped_rows += 1
                continue
            key_raw = key.key_raw
            valid_key = KEY_RE.fullmatch(key_raw) is not None
        name = found[name_at] if name_at is not None else None
        if not (  # clean text already (as in _text)
            name.__class__ is str
            and name.isprintable()
            and "  " not in name
            and name[:1] != " "
            and name[-1:] != " "
        ):
            name = _text(name)
        if not name and not valid_key:
            problem(
                number,
                "name",
                found[name_at] if name_at is not None else None,
                "Die Zeile hat weder einen gültigen Schlüssel noch eine Leistungsbezeichnung.",
            )
            result.skipped_rows += 1
            continue
        if not valid_key and key_column is not None:
            result.flagged += 1
            problem(
                number,
                "key",
                raw,
                f"Leistung „{name}“ wird ohne Schlüssel übernommen und markiert ({key.note}).",
                NOTE,
            )
        if valid_key:
            if key_raw in seen_keys:
                problem(
                    number,
                    "key",
                    raw,
                    f"Der Schlüssel steht schon in Zeile {seen_keys[key_raw]}; die Zeilen werden zusammengeführt.",
                    WARNING,
                )
            else:
                seen_keys[key_raw] = number

        record = ServiceRecord(key_raw=key_raw, name=name, row=number)
        for text_field, at in text_fields:
            setattr(record, text_field, _text(found[at]))
        for flag, at in flags:
            value = _yes_no(found[at])
            if value is None:
                problem(
                    number,
                    flag,
                    found[at],
                    "Unbekannter Wert; erwartet „ja“ oder „nein“. Gelesen als „nein“.",
                    WARNING,
                )
                value = False
            setattr(record, flag, value)
        if relevance_at is not None:
            raw = _text(found[relevance_at])
            relevance = _RELEVANCE_LOOKUP.get(fold(raw)) if raw else ""
            if relevance is None:
                problem(
                    number,
                    "relevance",
                    found[relevance_at],
                    "Unbekannte Relevanz; erwartet z. B. „ja“, „nein“ oder „prüfen“. Bleibt unentschieden.",
                    WARNING,
                )
                relevance = ""
            record.relevance = relevance
        if no_ozg:
            result.records.append(record)
            continue
        ozg_cells = tuple(found[i] if i is not None else None for i in ozg_at)
        known = (*ozg_cells, *map(type, ozg_cells))  # types too: True == 1 == 1.0
        ref = known_refs.get(known)
        if ref is not None:
            record.ozg = [ref]
        elif ozg_id := _text(ozg_cells[0]):
            if _OZG_ID.match(ozg_id):
                ref = OzgRef(ozg_id, *(_text(c) for c in ozg_cells[1:]))
                known_refs[known] = ref
                record.ozg = [ref]
            else:
                problem(
                    number,
                    "ozg_id",
                    ozg_cells[0],
                    "Keine gültige OZG-ID (bis zu 6 Ziffern); die Zuordnung entfällt.",
                    WARNING,
                )
        result.records.append(record)
    return result
