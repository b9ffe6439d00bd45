"""Line breaking for every ozgdesk PDF: where a text may break, and what happens to text that
does not fit.

The rules (the same for table cells, titles and the canvas-drawn timeline and handouts):

- A line breaks between words; inside a word only after a hyphen or a slash
  ("Einer-für-Alle-" / "Dienstes", "Lebenslage/" / "Themenfeld"), with no character lost
  or added.
- E-mail addresses and web addresses break only after "@", "." or "/"
  ("k.zahlmann@" / "musterhausen.example"), again with nothing lost or added.
- A word longer than the whole line is hyphenated with the German patterns of pyphen
  ("Verwaltungs-" / "vorstand"); only a "word" that has no hyphenation point at all (a
  long number, a row of letters) is cut where the line ends, with a hyphen.
- Text that must stay within a number of lines (a title, a table cell: reportlab cannot
  split a table row over two pages) is shortened at a word with "…"; the writers show
  the full text where it can flow.

:class:`Text` is a reportlab ``Paragraph`` that applies the rules when it learns its
width; :func:`wrap_lines` and :func:`fit` do the same for text drawn on the canvas.
"""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

ELLIPSIS = "…"
_TAG = re.compile(r"(<[^>]*>)")
_SPACE = re.compile(r"(\s+)")
_ADDRESS = re.compile(r"@|://|^www\.|^[\w.-]+\.(de|com|org|net|eu|example|nrw|info)(/|$)", re.I)
_WORD_BREAKS = re.compile(r"(?<=[-/])(?=.)")  # after a hyphen or slash, not at the end
_ADDRESS_BREAKS = re.compile(r"(?<=[@./])(?=.)")


# -- measuring ---------------------------------------------------------------------------------


_fonts_ready = False


def width(text: str, font: str, size: float) -> float:
    global _fonts_ready
    if not _fonts_ready:  # ozgdesk's fonts, also when text is measured before any PDF is built
        from ozgdesk.formats.pdf_base import register_fonts

        register_fonts()
        _fonts_ready = True
    return pdfmetrics.stringWidth(text, font, size)


@cache
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="de_DE")


def is_address(token: str) -> bool:
    """An e-mail address or a web address (breaks only after "@", "." or "/")."""
    return bool(_ADDRESS.search(token))


# -- breaking one token ------------------------------------------------------------------------


def _atoms(token: str) -> list[str]:
    """The pieces of ``token`` between its allowed break points (no hyphen to add)."""
    pattern = _ADDRESS_BREAKS if is_address(token) else _WORD_BREAKS
    return [a for a in pattern.split(token) if a]


def _hyphenated(atom: str) -> list[str]:
    """``atom`` cut at its German hyphenation points (pieces without the added hyphen)."""
    if is_address(atom) or not any(c.isalpha() for c in atom):
        return [atom]
    positions = _hyphenator().positions(atom)
    if not positions:
        return [atom]
    pieces, last = [], 0
    for pos in positions:
        pieces.append(atom[last:pos])
        last = pos
    pieces.append(atom[last:])
    return [p for p in pieces if p]


def _hard_split(atom: str, font: str, size: float, room: float, hyphen: str) -> list[str]:
    """Last resort: ``atom`` cut where the line is full (a hyphen added unless an address)."""
    pieces, current = [], ""
    for char in atom:
        if current and width(current + char + hyphen, font, size) > room:
            pieces.append(current + hyphen)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


@lru_cache(maxsize=65536)
def break_token(token: str, font: str, size: float, room: float) -> tuple[str, ...]:
    """``token`` (no spaces) as lines that each fit ``room`` points, broken only where the
    rules allow (see the module). Hyphens added by hyphenation are part of the lines."""
    if room <= 0 or width(token, font, size) <= room:
        return (token,)
    address = is_address(token)
    # the units between which a line may break; True: a hyphen is added when breaking there
    units: list[tuple[str, bool]] = []
    for atom in _atoms(token):
        if width(atom, font, size) <= room:
            units.append((atom, False))
            continue
        parts = [atom] if address else _hyphenated(atom)  # nothing added inside an address
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if width(part + "-", font, size) <= room and not address:
                units.append((part, not last))
                continue
            hard = _hard_split(part, font, size, room, "" if address else "-")
            units += [(h, False) for h in hard[:-1]]
            units.append((hard[-1], not last and not address))
    lines: list[str] = []
    current, current_hyphen = "", False
    for unit, hyphen in units:
        candidate = current + unit
        if current and width(candidate + ("-" if hyphen else ""), font, size) > room:
            lines.append(current + ("-" if current_hyphen else ""))
            current = unit
        else:
            current = candidate
        current_hyphen = hyphen
    lines.append(current)
    return tuple(lines)


# -- plain text (drawn on the canvas) -----------------------------------------------------------


def _head_that_fits(word: str, font: str, size: float, room: float) -> tuple[str, str]:
    """The longest start of ``word`` ending at a hyphen/slash (or "@", "." and "/" in an
    address) that fits ``room``; ("", word) if none."""
    atoms = _atoms(word)
    head = ""
    for i, atom in enumerate(atoms[:-1]):
        if width(head + atom, font, size) > room:
            break
        head += atom
        if i == len(atoms) - 2:
            break
    if not head:
        return "", word
    return head, word[len(head) :]


@lru_cache(maxsize=65536)
def wrap_lines(text: str, font: str, size: float, room: float) -> tuple[str, ...]:
    """``text`` as lines of at most ``room`` points (the rules of the module)."""
    text = " ".join(text.split())
    if not text or width(text, font, size) <= room:
        return (text,)
    space = width(" ", font, size)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not current:
            pieces = break_token(word, font, size, room)
            lines += pieces[:-1]
            current = pieces[-1]
            continue
        if width(current, font, size) + space + width(word, font, size) <= room:
            current = f"{current} {word}"
            continue
        left = room - width(current, font, size) - space
        head, rest = _head_that_fits(word, font, size, left)
        if head:
            lines.append(f"{current} {head}")
        else:
            lines.append(current)
            rest = word
        pieces = break_token(rest, font, size, room)
        lines += pieces[:-1]
        current = pieces[-1]
    lines.append(current)
    return tuple(lines)


def fit(text: str, font: str, size: float, room: float) -> str:
    """``text`` on one line of ``room`` points, shortened at the end with "…" if needed
    (at a word if the cut would lose less than a third of the line)."""
    text = " ".join(text.split())
    if width(text, font, size) <= room:
        return text
    limit = room - width(ELLIPSIS, font, size)
    lo, hi = 0, len(text)
    while lo < hi:  # the longest start that fits
        mid = (lo + hi + 1) // 2
        if width(text[:mid], font, size) <= limit:
            lo = mid
        else:
            hi = mid - 1
    head = text[:lo]
    cut = head.rfind(" ")
    if cut > 0 and width(head[:cut], font, size) > room * 0.66:
        head = head[:cut]
    return head.rstrip(" ,;:·–-") + ELLIPSIS


def shorten(text: str, limit: int) -> str:
    """``text`` with at most ``limit`` characters, cut at a word with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: max(1, limit - 1)]
    cut = head.rfind(" ")
    if cut > limit * 0.6:
        head = head[:cut]
    return head.rstrip(" ,;:·–-") + ELLIPSIS


def clip_lines(text: str, font: str, size: float, room: float, max_lines: int) -> tuple[str, ...]:
    """:func:`wrap_lines`, at most ``max_lines`` lines; the last one ends with "…" if
    text was left out."""
    lines = wrap_lines(text, font, size, room)
    if len(lines) <= max_lines:
        return lines
    kept = list(lines[: max_lines - 1])
    rest = " ".join(lines[max_lines - 1 :])
    kept.append(fit(rest + " " + ELLIPSIS * 2, font, size, room))  # always shortened
    return tuple(kept)


# -- markup (reportlab Paragraph) --------------------------------------------------------------


def escape(text: str) -> str:
    """Text for a Paragraph (which reads a small XML markup)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _font_of(tag: str, current: tuple[str, float], bold_font: str) -> tuple[str, float]:
    name, size = current
    lowered = tag.lower()
    if lowered.startswith(("<b>", "<b ", "<strong")):
        return bold_font, size
    if lowered.startswith("<font"):
        m = re.search(r"size\s*=\s*['\"]?([\d.]+)", tag)
        if m:
            size = float(m.group(1))
        m = re.search(r"(?:name|face)\s*=\s*['\"]([^'\"]+)", tag)
        if m:
            name = m.group(1)
    return name, size


def break_markup(markup: str, style: ParagraphStyle, room: float, bold_font: str) -> str:
    """``markup`` with a line break ("<br/>") inside every token that is wider than
    ``room`` (at the places the rules allow); shorter tokens are left to reportlab, which
    breaks lines between words."""
    if room <= 0:
        return markup
    parts = _TAG.split(markup)
    stack: list[tuple[str, float]] = [(style.fontName, float(style.fontSize))]
    changed = False
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if part.startswith("<"):
            if part.startswith("</"):
                if len(stack) > 1:
                    stack.pop()
            elif not part.endswith("/>"):
                stack.append(_font_of(part, stack[-1], bold_font))
            out.append(part)
            continue
        font, size = stack[-1]
        plain = html.unescape(part)
        if width(plain, font, size) <= room:
            out.append(part)
            continue
        pieces = []
        for token in _SPACE.split(plain):
            if token and not token.isspace() and width(token, font, size) > room:
                pieces.append("<br/>".join(escape(t) for t in break_token(token, font, size, room)))
                changed = True
            else:
                pieces.append(escape(token))
        out.append("".join(pieces))
    return "".join(out) if changed else markup


def plain_text(markup: str) -> str:
    """The text of ``markup`` without tags (a line break becomes a space)."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


class Text(Paragraph):
    """A Paragraph that follows the breaking rules of this module.

    When it learns its width (in ``wrap``), tokens wider than the line are broken where
    the rules allow. With ``max_lines`` (table cells: a row cannot be split over pages)
    a longer text is shortened at a word with "…"; the formatting then falls back to the
    style's (a rare case: thousands of characters in a cell).
    """

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle | None = None,
        bulletText: str | None = None,  # noqa: N803 - reportlab's name
        frags: Any = None,
        *,
        max_lines: int | None = None,
        bold_font: str = "DejaVuSans-Bold",
        **kwargs: Any,
    ) -> None:
        self._source = text if frags is None else None
        self._max_lines = max_lines
        self._bold_font = bold_font
        self._prepared_for: float | None = None
        super().__init__(text, style, bulletText, frags, **kwargs)

    def _room(self, available: float) -> float:
        style = self.style
        return (
            available - style.leftIndent - style.rightIndent - max(0, style.firstLineIndent) - 0.5
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._source is not None and self._prepared_for != availWidth:
            self._prepared_for = availWidth
            room = self._room(availWidth)
            broken = break_markup(self._source, self.style, room, self._bold_font)
            if broken is not self._source:
                Paragraph.__init__(self, broken, self.style, self.bulletText)
            result = Paragraph.wrap(self, availWidth, availHeight)
            if self._max_lines and len(self.blPara.lines) > self._max_lines:
                self._shorten(room)
                result = Paragraph.wrap(self, availWidth, availHeight)
            return result
        return Paragraph.wrap(self, availWidth, availHeight)

    def _shorten(self, room: float) -> None:
        style = self.style
        lines = clip_lines(
            plain_text(self._source or ""),
            style.fontName,
            style.fontSize,
            room,
            self._max_lines or 1,
        )
        Paragraph.__init__(self, "<br/>".join(escape(t) for t in lines), style, self.bulletText)
