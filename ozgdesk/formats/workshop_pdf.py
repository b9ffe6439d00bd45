"""The printed papers of a workshop (A4 portrait): agenda, sign-in sheet, one handout
per office, minutes, and everything to print in one file.

Input is plain data (``formats.workshop_records``); the workflow collects it.

- Agenda ("Tagesordnung"): when, where, video link and who invites in a shaded box,
  then the timed agenda (number, time, item, responsible, notes) and what to bring.
- Sign-in sheet ("Teilnehmerliste"): number, name, function/office and a wide empty
  signature column with tall rows; a few empty rows for people not on the list.
- Handout ("Handzettel – <Amt>"): the office's OZG contacts, what it must deliver in
  step 4 and by when, then its relevant services grouped by Lebenslage (key, name).
- Minutes ("Protokoll"): when and where, present and excused participants, the
  agenda, the decisions (numbered) and the action items (what, who, by when, status).

Every part starts on a new page, so the combined file is the parts one after the
other. This module imports reportlab at module level: import it lazily.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats.office_records import ContactLine
from ozgdesk.formats.workshop_records import (
    Handout,
    HandoutService,
    MinutesData,
    PersonLine,
    WorkshopInfo,
)

AGENDA = "Tagesordnung"
SIGN_IN = "Teilnehmerliste"
HANDOUT = "Handzettel"
MINUTES = "Protokoll"
PRINT_ALL = "Unterlagen zum Ausdrucken"
NO_DEADLINE = "Termin wird im Workshop vereinbart"
NO_LEBENSLAGE = "Ohne Lebenslage"
WALK_IN_ROWS = 6  # empty rows on the sign-in sheet for people not on the list
SIGN_ROW_HEIGHT = 1.05 * cm
HIGHLIGHT = colors.HexColor("#FCEFD9")  # light orange: something missing or still open
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")

Story = Callable[[float], list[Flowable]]  # frame width -> flowables


# -- single documents ---------------------------------------------------------------------


def write_agenda_pdf(path: Path | str, info: WorkshopInfo) -> Path:
    return _write(path, _info(info, AGENDA), [lambda w: agenda_story(info, w)])


def write_sign_in_pdf(
    path: Path | str, info: WorkshopInfo, people: Sequence[PersonLine], blank_rows: int = 6
) -> Path:
    return _write(
        path, _info(info, SIGN_IN), [lambda w: sign_in_story(info, people, w, blank_rows)]
    )


def write_handout_pdf(
    path: Path | str, info: WorkshopInfo, handout: Handout, source_note: str = ""
) -> Path:
    doc_info = _info(
        info,
        f"{HANDOUT} – {handout.office}",
        subject=f"Leistungen und Aufgaben für „{handout.office}“ zum {info.title}",
        source=source_note,
        keywords=(handout.office,),
    )
    return _write(path, doc_info, [lambda w: handout_story(info, handout, w)])


def write_minutes_pdf(path: Path | str, minutes: MinutesData) -> Path:
    info = minutes.workshop
    return _write(path, _info(info, MINUTES), [lambda w: minutes_story(minutes, w)])


def write_print_pdf(
    path: Path | str,
    info: WorkshopInfo,
    people: Sequence[PersonLine],
    handouts: Sequence[Handout],
    *,
    blank_rows: int = 6,
    source_note: str = "",
) -> Path:
    """Agenda, sign-in sheet and all handouts in one file, each part on a new page."""
    parts: list[Story] = [
        lambda w: agenda_story(info, w),
        lambda w: sign_in_story(info, people, w, blank_rows),
    ]
    for handout in handouts:
        parts.append(partial(handout_story, info, handout))
    doc_info = _info(
        info,
        f"{PRINT_ALL} – {info.title}",
        subject=f"Tagesordnung, Teilnehmerliste und Handzettel zum {info.title}",
        source=source_note,
    )
    return _write(path, doc_info, parts)


def _info(
    info: WorkshopInfo,
    title: str,
    *,
    subject: str = "",
    source: str = "",
    keywords: Sequence[str] = (),
) -> pb.DocumentInfo:
    return pb.DocumentInfo(
        title=f"{title} – {info.title}" if not title.endswith(info.title) else title,
        municipality=info.municipality,
        subject=subject or f"{title} zum {info.title} am {pb.german_date(info.starts_at.date())}",
        day=info.starts_at.date(),
        keywords=tuple(k for k in ("OZG", "Workshop", *keywords, info.municipality) if k),
        source=source,
        header_title=info.title,
    )


def _write(path: Path | str, info: pb.DocumentInfo, parts: Sequence[Story]) -> Path:
    def story(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, _ = doc.frame_size
        flow: list[Flowable] = []
        for number, part in enumerate(parts):
            if number:
                flow.append(PageBreak())
            flow += part(width)
        return flow

    with _plain_streams():
        return pb.build_pdf(path, story, info)


@contextmanager
def _plain_streams() -> Iterator[None]:
    """Compressed page streams without the extra ASCII85 text encoding while building.

    reportlab encodes in pure Python unless its optional accelerator is installed;
    for hundreds of pages of service lists that took a quarter of the time (and makes
    the file larger). Binary streams are as valid; the setting is put back after.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


# -- agenda -------------------------------------------------------------------------------


def agenda_story(info: WorkshopInfo, width: float) -> list[Flowable]:
    st = pb.styles()
    flow: list[Flowable] = [
        _title_row(AGENDA, width),
        Paragraph(pb.escape(f"{info.title} · {info.municipality}"), st["subtitle"]),
        _facts(_when_where(info, with_organiser=True), width),
        Paragraph("Ablauf", st["heading"]),
    ]
    if info.agenda:
        cell = ParagraphStyle("agenda_cell", parent=st["table_cell"], fontSize=9, leading=11.5)
        number_style = ParagraphStyle("agenda_number", parent=st["table_number"], fontSize=9)
        with_notes = any(item.notes for item in info.agenda)
        header: list[object] = ["Nr.", "Zeit", "Thema", "Verantwortlich"]
        header += ["Hinweise"] if with_notes else []
        body: list[list[object]] = [header]
        for number, item in enumerate(info.agenda, start=1):
            row = [
                Paragraph(str(number), number_style),
                Paragraph(f"{item.start:%H:%M}–{item.end:%H:%M}", cell),
                Paragraph(f"<b>{pb.escape(item.title)}</b>", cell),
                Paragraph(pb.escape(item.responsible), cell),
            ]
            if with_notes:
                row.append(Paragraph(pb.escape(item.notes), cell))
            body.append(row)
        widths = [0.9 * cm, 2.4 * cm, 0, 4.6 * cm] + ([4.0 * cm] if with_notes else [])
        widths[2] = width - sum(widths)
        table = pb.data_table(body, widths, numeric=[0])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 1), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
                ]
            )
        )
        flow.append(table)
    else:
        flow.append(Paragraph("Die Tagesordnung folgt.", st["body"]))
    if info.bring:
        flow += [Paragraph("Bitte mitbringen", st["heading"]), *_bullets(info.bring)]
    return flow


# -- sign-in sheet ------------------------------------------------------------------------


def sign_in_story(
    info: WorkshopInfo, people: Sequence[PersonLine], width: float, blank_rows: int = 6
) -> list[Flowable]:
    """The list with ``blank_rows`` empty rows at least; the rest of the last page is
    filled with further empty rows."""
    st = pb.styles()
    flow: list[Flowable] = [
        _title_row(SIGN_IN, width),
        Paragraph(pb.escape(f"{info.title} · {info.municipality}"), st["subtitle"]),
        _facts(_when_where(info, with_organiser=False), width),
        Spacer(1, 0.25 * cm),
        Paragraph(
            "Mit Ihrer Unterschrift bestätigen Sie Ihre Teilnahme. Die Liste dient nur dazu, "
            "die Teilnahme im Protokoll festzuhalten. Nicht aufgeführt? Bitte tragen Sie sich "
            "in eine freie Zeile ein.",
            st["note"],
        ),
        Spacer(1, 0.25 * cm),
    ]
    cell = st["table_cell"]
    body: list[list[object]] = [["Nr.", "Name", "Funktion / Amt", "Unterschrift"]]
    for number, person in enumerate(people, start=1):
        body.append(
            [
                Paragraph(str(number), st["table_number"]),
                Paragraph(f"<b>{pb.escape(person.name)}</b>", cell),
                Paragraph(pb.escape(person.function), cell),
                "",
            ]
        )
    blank_rows = max(blank_rows, 0)
    body += _blank_sign_in_rows(len(people) + 1, blank_rows)
    widths = [0.9 * cm, 4.6 * cm, 0, 5.6 * cm]
    widths[2] = width - sum(widths)
    table = Table(
        body,
        colWidths=widths,
        rowHeights=[None] + [SIGN_ROW_HEIGHT] * (len(body) - 1),
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                *_SIGN_IN_LINES,
                ("FONTNAME", (0, 0), (-1, 0), pb.FONT_BOLD),
                ("FONTSIZE", (0, 0), (-1, 0), 8),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("BACKGROUND", (0, 0), (-1, 0), pb.ACCENT),
                ("ALIGN", (0, 0), (0, 0), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, pb.RULE),
            ]
        )
    )
    flow += [table, _FillRows(len(people) + blank_rows + 1, widths)]
    return flow


_SIGN_IN_LINES = [
    ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ("LINEBELOW", (0, 0), (-1, -1), 0.5, pb.RULE),
    ("LINEBEFORE", (3, 0), (3, -1), 0.5, pb.RULE),
    ("LINEBEFORE", (0, 0), (0, -1), 0.5, pb.RULE),
    ("LINEAFTER", (-1, 0), (-1, -1), 0.5, pb.RULE),
]


def _blank_sign_in_rows(first: int, count: int) -> list[list[object]]:
    style = pb.styles()["table_number"]
    return [[Paragraph(str(n), style), "", "", ""] for n in range(first, first + count)]


class _FillRows(Flowable):
    """Empty sign-in rows that fill the rest of the page (none if no row fits)."""

    def __init__(self, first: int, widths: Sequence[float]) -> None:
        super().__init__()
        self.first = first
        self.widths = list(widths)
        self.table: Table | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        count = int((available_height - 1) // SIGN_ROW_HEIGHT)
        if count <= 0:
            self.table = None
            return available_width, 0
        self.table = Table(
            _blank_sign_in_rows(self.first, count),
            colWidths=self.widths,
            rowHeights=[SIGN_ROW_HEIGHT] * count,
            hAlign="LEFT",
        )
        self.table.setStyle(TableStyle(_SIGN_IN_LINES))
        _, height = self.table.wrap(available_width, available_height)
        return available_width, height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # never carried over to a new page

    def draw(self) -> None:
        if self.table is not None:
            self.table.drawOn(self.canv, 0, 0)


# -- handout ------------------------------------------------------------------------------


def handout_story(info: WorkshopInfo, handout: Handout, width: float) -> list[Flowable]:
    st = pb.styles()
    day = info.starts_at.date()
    flow: list[Flowable] = [
        _title_row(
            f"{HANDOUT} – {handout.office}", width, right=f"Stand: {pb.german_date(handout.day)}"
        ),
        Paragraph(
            pb.escape(f"zum {info.title} am {pb.german_date(day)} · {info.municipality}"),
            st["subtitle"],
        ),
        Paragraph("Ihre OZG-Ansprechpersonen", st["heading"]),
        _contacts(handout, width),
    ]
    flow += _deliverables(handout, width)
    count = handout.service_count
    flow += [
        CondPageBreak(3 * cm),
        Paragraph(
            f"Ihre {pb.german_number(count)} relevante{'' if count == 1 else 'n'} "
            f"Leistung{'' if count == 1 else 'en'} nach Lebenslagen",
            st["heading"],
        ),
    ]
    if not handout.groups:
        flow.append(
            Paragraph("Diesem Amt ist noch keine relevante Leistung zugeordnet.", st["body"])
        )
        return flow
    flow.append(
        Paragraph(
            "Das ist die Zuordnung aus Schritt 2. Gehört eine Leistung nicht zu Ihrem Amt oder "
            "fehlt eine, sagen Sie es bitte im Workshop oder melden Sie es der OZG-Koordination.",
            st["body"],
        )
    )
    group_style = ParagraphStyle(
        "handout_group",
        parent=st["heading"],
        fontSize=9.5,
        leading=12,
        textColor=pb.INK,
        spaceBefore=9,
        spaceAfter=3,
        keepWithNext=False,  # a long list starts on this page; CondPageBreak avoids orphans
    )
    widths = [3.0 * cm, 0, 1.9 * cm]
    widths[1] = width - sum(widths)
    for group in handout.groups:
        n = len(group.services)
        flow.append(CondPageBreak(_GROUP_START))
        flow.append(
            Paragraph(
                f"{pb.escape(group.name or NO_LEBENSLAGE)} "
                f"<font color='#5F6B76' size='8'>({pb.german_number(n)})</font>",
                group_style,
            )
        )
        flow.append(_service_table(group.services, widths))
    return flow


_GROUP_START = 2.4 * cm  # heading, table header and two rows: else the group starts overleaf


def _service_table(services: Sequence[HandoutService], widths: Sequence[float]) -> Flowable:
    return _ServiceRows.of(services, widths)


@dataclass(frozen=True)
class _Row:
    key: str
    lines: tuple[str, ...]  # the name, wrapped
    also: tuple[str, ...]  # "auch: …", wrapped (smaller, grey)
    height: float


class _ServiceRows(Flowable):
    """The services of one Lebenslage as a table in the house style of
    ``pdf_base.data_table`` (blue header repeated after a page break, zebra rows,
    rule below): key, name and an empty box to tick.

    Drawn directly on the canvas: an office may have hundreds of services, and
    reportlab's Table with a cell per value took most of the time of the handouts.
    """

    PAD_X = 5.0
    PAD_TOP = 2.0
    PAD_BOTTOM = 3.0
    SIZE, LEADING = 8.0, 10.0
    ALSO_SIZE, ALSO_LEADING = 7.0, 9.0
    HEAD = ("LeiKa-Schlüssel", "Leistung", "geliefert")
    HEAD_HEIGHT = 15.5
    BOX = 6.5

    def __init__(self, rows: Sequence[_Row], widths: Sequence[float], first: int = 0) -> None:
        super().__init__()
        self.rows = list(rows)
        self.widths = list(widths)
        self.first = first  # index of the first row in the whole list (for the zebra)
        self.hAlign = "LEFT"

    @classmethod
    def of(cls, services: Sequence[HandoutService], widths: Sequence[float]) -> _ServiceRows:
        text_width = widths[1] - 2 * cls.PAD_X
        rows = []
        for service in services:
            lines = _wrapped(service.name, text_width, cls.SIZE)
            also = (
                _wrapped(f"auch: {service.also}", text_width, cls.ALSO_SIZE) if service.also else ()
            )
            height = (
                cls.PAD_TOP
                + len(lines) * cls.LEADING
                + len(also) * cls.ALSO_LEADING
                + cls.PAD_BOTTOM
            )
            rows.append(_Row(service.key or "–", lines, also, height))
        return cls(rows, widths)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self.HEAD_HEIGHT + sum(r.height for r in self.rows)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        room = available_height - self.HEAD_HEIGHT
        count, used = 0, 0.0
        for row in self.rows:
            if used + row.height > room:
                break
            used += row.height
            count += 1
        if count == 0:
            return []
        if count == len(self.rows):
            return [self]
        return [
            _ServiceRows(self.rows[:count], self.widths, self.first),
            _ServiceRows(self.rows[count:], self.widths, self.first + count),
        ]

    def draw(self) -> None:
        canv = self.canv
        width = sum(self.widths)
        x_key = self.PAD_X
        x_name = self.widths[0] + self.PAD_X
        x_box = self.widths[0] + self.widths[1] + self.widths[2] / 2
        top = self.height
        canv.saveState()
        canv.setFillColor(pb.ACCENT)
        canv.rect(0, top - self.HEAD_HEIGHT, width, self.HEAD_HEIGHT, stroke=0, fill=1)
        y = top - self.HEAD_HEIGHT
        canv.setFillColor(pb.ZEBRA)
        for index, row in enumerate(self.rows):
            if (self.first + index) % 2 == 1:
                canv.rect(0, y - row.height, width, row.height, stroke=0, fill=1)
            y -= row.height

        text = canv.beginText()
        text.setFont(pb.FONT_BOLD, self.SIZE)
        text.setFillColor(colors.white)
        baseline = top - self.PAD_TOP - 0.5 - self.SIZE
        for x, label in zip((x_key, x_name), self.HEAD[:2], strict=True):
            text.setTextOrigin(x, baseline)
            text.textOut(label)
        head_w = pdfmetrics.stringWidth(self.HEAD[2], pb.FONT_BOLD, self.SIZE)
        text.setTextOrigin(x_box - head_w / 2, baseline)
        text.textOut(self.HEAD[2])

        boxes = canv.beginPath()
        y = top - self.HEAD_HEIGHT
        text.setFillColor(pb.INK)
        text.setFont(pb.FONT, self.SIZE, self.LEADING)
        for row in self.rows:
            first = y - self.PAD_TOP - self.SIZE
            text.setTextOrigin(x_key, first)
            text.textOut(row.key)
            text.setTextOrigin(x_name, first)
            for line in row.lines:
                text.textLine(line)
            if row.also:
                text.setFont(pb.FONT, self.ALSO_SIZE, self.ALSO_LEADING)
                text.setFillColor(pb.MUTED)
                for line in row.also:
                    text.textLine(line)
                text.setFont(pb.FONT, self.SIZE, self.LEADING)
                text.setFillColor(pb.INK)
            boxes.rect(x_box - self.BOX / 2, first - 0.5, self.BOX, self.BOX)
            y -= row.height
        canv.drawText(text)
        canv.setStrokeColor(pb.INK)
        canv.setLineWidth(0.6)
        canv.drawPath(boxes, stroke=1, fill=0)
        canv.setStrokeColor(pb.RULE)
        canv.setLineWidth(0.5)
        canv.line(0, 0, width, 0)
        canv.restoreState()


@lru_cache(maxsize=65536)
def _wrapped(text: str, width: float, size: float) -> tuple[str, ...]:
    """``text`` broken into lines that fit ``width`` at ``size`` pt."""
    if pdfmetrics.stringWidth(text, pb.FONT, size) <= width:
        return (text,)
    return tuple(simpleSplit(text, pb.FONT, size, width)) or (text,)


def _deliverables(handout: Handout, width: float) -> list[Flowable]:
    st = pb.styles()
    flow: list[Flowable] = [
        Paragraph("Was Ihr Amt in Schritt 4 liefern muss und bis wann", st["heading"])
    ]
    if handout.deliver_by is not None:
        day = handout.deliver_by
        deadline = (
            f"Bitte liefern Sie die Angaben bis <b>{WEEKDAYS[day.weekday()]}, "
            f"{pb.german_date(day)}</b> an die OZG-Koordination."
        )
        colour, bar = pb.SHADE, pb.ACCENT
    else:
        deadline = f"Bis wann: <b>{NO_DEADLINE}</b>."
        colour, bar = HIGHLIGHT, pb.ORANGE
    callout = _callout(Paragraph(deadline, st["body"]), width, colour, bar)
    count = handout.service_count
    which = (
        "die Leistung unten"
        if count == 1
        else f"jede der {pb.german_number(count)} Leistungen unten"
    )
    flow.append(callout)
    if not handout.deliverables:
        return flow
    flow += [
        Spacer(1, 0.2 * cm),
        Paragraph(
            pb.escape(f"Für {which} brauchen wir diese Angaben. {handout.delivery_note}".strip()),
            st["body"],
        ),
        Spacer(1, 0.15 * cm),
    ]
    cell = st["table_cell"]
    body: list[list[object]] = [["Angabe", "Was gemeint ist"]]
    for item in handout.deliverables:
        body.append(
            [
                Paragraph(f"<b>{pb.escape(item.label)}</b>", cell),
                Paragraph(pb.escape(item.explanation), cell),
            ]
        )
    widths = [4.7 * cm, 0]
    widths[1] = width - sum(widths)
    table = pb.data_table(body, widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    flow.append(KeepTogether([table]))
    return flow


def _contact_row(role: str, contact: ContactLine) -> list[object]:
    st = pb.styles()
    name = f"<b>{pb.escape(contact.name)}</b>"
    if contact.function:
        name += f"<br/><font color='#5F6B76'>{pb.escape(contact.function)}</font>"
    return [
        Paragraph(role, st["table_cell"]),
        Paragraph(name, st["table_cell"]),
        Paragraph(pb.escape(contact.email) or "–", st["table_cell"]),
        Paragraph(pb.escape(contact.phone) or "–", st["table_cell"]),
    ]


def _contacts(handout: Handout, width: float) -> Flowable:
    st = pb.styles()
    rows = [_contact_row("Ansprechperson", c) for c in handout.main_contacts]
    rows += [_contact_row("Vertretung", c) for c in handout.deputies]
    if not rows:
        note = Paragraph(
            "<b>Noch keine OZG-Ansprechperson benannt.</b> Bitte nennen Sie im Workshop ein "
            "bis zwei Personen, die für die Leistungen Ihres Amts Auskunft geben können.",
            st["body"],
        )
        return _callout(note, width, HIGHLIGHT, pb.ORANGE)
    widths = [3.0 * cm, 0, 5.6 * cm, 3.2 * cm]
    widths[1] = width - sum(widths)
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(_shaded_box())
    return table


# -- minutes ------------------------------------------------------------------------------


def minutes_story(minutes: MinutesData, width: float) -> list[Flowable]:
    st = pb.styles()
    info = minutes.workshop
    flow: list[Flowable] = [
        _title_row(MINUTES, width),
        Paragraph(pb.escape(f"{info.title} · {info.municipality}"), st["subtitle"]),
        _facts(_when_where(info, with_organiser=True, organiser_label="Leitung"), width),
    ]
    for label, people in (("Anwesend", minutes.present), ("Entschuldigt", minutes.excused)):
        flow.append(Paragraph(f"{label} ({pb.german_number(len(people))})", st["heading"]))
        flow.append(_people(people, width) if people else Paragraph("niemand", st["body"]))

    if info.agenda:
        flow.append(Paragraph(AGENDA, st["heading"]))
        flow.append(
            _numbered(
                [
                    f"{item.title}" + (f" ({item.responsible})" if item.responsible else "")
                    for item in info.agenda
                ],
                width,
            )
        )

    flow.append(Paragraph("Beschlüsse", st["heading"]))
    if minutes.decisions:
        flow.append(_numbered(minutes.decisions, width, bold_numbers=True))
    else:
        flow.append(Paragraph("Keine Beschlüsse festgehalten.", st["body"]))

    flow.append(Paragraph("Aufgaben", st["heading"]))
    if minutes.tasks:
        cell = st["table_cell"]
        body: list[list[object]] = [["Nr.", "Was", "Wer", "Bis wann", "Stand"]]
        for number, task in enumerate(minutes.tasks, start=1):
            body.append(
                [
                    Paragraph(str(number), st["table_number"]),
                    Paragraph(pb.escape(task.title), cell),
                    Paragraph(pb.escape(task.owner) or "–", cell),
                    Paragraph(pb.german_date(task.due_on) if task.due_on else "–", cell),
                    Paragraph(pb.escape(task.status), cell),
                ]
            )
        widths = [0.9 * cm, 0, 4.2 * cm, 2.2 * cm, 2.0 * cm]
        widths[1] = width - sum(widths)
        table = pb.data_table(body, widths, numeric=[0])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        flow.append(table)
    else:
        flow.append(Paragraph("Keine Aufgaben festgehalten.", st["body"]))
    return flow


def _people(people: Sequence[PersonLine], width: float) -> Table:
    st = pb.styles()
    cell = st["table_cell"]
    body: list[list[object]] = [["Name", "Funktion / Amt"]]
    body += [
        [Paragraph(pb.escape(p.name), cell), Paragraph(pb.escape(p.function) or "–", cell)]
        for p in people
    ]
    widths = [5.6 * cm, 0]
    widths[1] = width - sum(widths)
    return pb.data_table(body, widths)


def _numbered(texts: Sequence[str], width: float, bold_numbers: bool = False) -> Table:
    st = pb.styles()
    rows = []
    for number, text in enumerate(texts, start=1):
        label = f"<b>{number}.</b>" if bold_numbers else f"{number}."
        rows.append([Paragraph(label, st["body"]), Paragraph(pb.escape(text), st["body"])])
    table = Table(rows, colWidths=[0.8 * cm, width - 0.8 * cm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


# -- building blocks ----------------------------------------------------------------------


def _title_row(title: str, width: float, right: str = "") -> Table:
    return pb.title_row(title, right, width, right_width=3.6 * cm)


def _when_where(
    info: WorkshopInfo, *, with_organiser: bool, organiser_label: str = "Einladung"
) -> list[tuple[str, str]]:
    facts = [("Wann", info.when)]
    if info.place:
        facts.append(("Wo", info.place))
    if info.video_link:
        facts.append(("Video", info.video_link))
    if not info.place and not info.video_link and info.location:
        facts.append(("Wo", info.location))
    if with_organiser and (info.organiser or info.organiser_email):
        facts.append(
            (organiser_label, " · ".join(x for x in (info.organiser, info.organiser_email) if x))
        )
    return facts


def _facts(facts: Sequence[tuple[str, str]], width: float) -> Table:
    st = pb.styles()
    label = ParagraphStyle("fact_label", parent=st["body"], textColor=pb.MUTED)
    rows = [
        [Paragraph(pb.escape(name), label), Paragraph(pb.escape(value), st["body"])]
        for name, value in facts
    ]
    table = Table(rows, colWidths=[2.4 * cm, width - 2.4 * cm], hAlign="LEFT")
    table.setStyle(_shaded_box())
    return table


def _shaded_box() -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), pb.SHADE),
            ("LINEBEFORE", (0, 0), (0, -1), 2.5, pb.ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, 0), 6),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ]
    )


def _callout(content: Flowable, width: float, colour: object, bar: object) -> Table:
    """A full-width note with a coloured bar at the left."""
    box = Table([[content]], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), pb.FONT),
                ("BACKGROUND", (0, 0), (-1, -1), colour),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, bar),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return box


def _bullets(lines: Sequence[str]) -> list[Flowable]:
    st = pb.styles()
    style = ParagraphStyle(
        "bullet_line",
        parent=st["body"],
        leftIndent=12,
        bulletIndent=2,
        bulletFontName=pb.FONT,  # else Helvetica is referenced
        spaceAfter=2,
    )
    return [Paragraph(pb.escape(line), style, bulletText="•") for line in lines]
