"""The workshop handout of one office ("Handzettel – <Amt>", A4 portrait): the office's OZG
contacts, what it must deliver in step 4 and by when, then its relevant services grouped by
Lebenslage (key, name, a box to tick). ``workshop_pdf`` writes it alone or as one part of
the combined print.

The service rows are drawn directly on the canvas (:class:`ServiceRows`): an office may have
hundreds of services, and reportlab's Table with a cell per value took most of the time of
the handouts. Their names break by the rules of ``pdf_text`` (between words, after hyphens
and slashes; hyphenated if longer than the column).

Import lazily: this module imports reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats.pdf_text import clip_lines, fit
from ozgdesk.formats.workshop_records import Handout, HandoutService, WorkshopInfo
from ozgdesk.wording import number, plural

HANDOUT = "Handzettel"
NO_DEADLINE = "Termin wird im Workshop vereinbart"
NO_LEBENSLAGE = "Ohne Lebenslage"
HIGHLIGHT = colors.HexColor("#FCEFD9")  # light orange: something missing or still open
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
NAME_LINES = 6  # most lines of a service name in the list ("…" beyond)
_GROUP_START = 2.4 * cm  # heading, table header and two rows: else the group starts overleaf


def handout_title(handout: Handout) -> str:
    return f"{HANDOUT} – {handout.office}"


def handout_story(info: WorkshopInfo, handout: Handout, width: float) -> list[Flowable]:
    day = info.starts_at.date()
    flow: list[Flowable] = blocks.title_block(
        handout_title(handout),
        width,
        right=blocks.stand(handout.day),
        subtitle=f"zum {info.title} am {pb.german_date(day)} · {info.municipality}",
    )
    flow += [blocks.section("Ihre OZG-Ansprechpersonen"), _contacts(handout, width)]
    flow += _deliverables(handout, width)
    count = handout.service_count
    flow += [
        CondPageBreak(3 * cm),
        blocks.section(
            f"Ihre {number(count)} relevante{'' if count == 1 else 'n'} "
            f"{plural(count, 'Leistung', 'Leistungen', with_number=False)} nach Lebenslagen"
        ),
    ]
    if not handout.groups:
        flow.append(blocks.plain("Diesem Amt ist noch keine relevante Leistung zugeordnet."))
        return flow
    flow.append(
        blocks.plain(
            "Das ist die Zuordnung aus Schritt 2. Gehört eine Leistung nicht zu Ihrem Amt oder "
            "fehlt eine, sagen Sie es bitte im Workshop oder melden Sie es der OZG-Koordination."
        )
    )
    widths = [3.0 * cm, 0, 1.9 * cm]
    widths[1] = width - sum(widths)
    for group in handout.groups:
        n = len(group.services)
        name = group.name or NO_LEBENSLAGE
        flow.append(CondPageBreak(_GROUP_START))
        flow.append(
            blocks.section(
                name,
                level=1,
                style=_group_style(),
                markup=f"{pb.escape(name)} <font color='#5F6B76' size='8'>({number(n)})</font>",
            )
        )
        flow.append(ServiceRows.of(group.services, widths))
    return flow


@cache
def _group_style() -> ParagraphStyle:
    return ParagraphStyle(
        "handout_group",
        parent=pb.styles()["heading"],
        fontSize=9.5,
        leading=12,
        textColor=pb.INK,
        spaceBefore=9,
        spaceAfter=3,
        keepWithNext=False,  # a long list starts on this page; CondPageBreak avoids orphans
    )


def _deliverables(handout: Handout, width: float) -> list[Flowable]:
    flow: list[Flowable] = [blocks.section("Was Ihr Amt in Schritt 4 liefern muss und bis wann")]
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
    flow.append(blocks.callout(blocks.text(deadline), width, colour, bar))
    count = handout.service_count
    which = "die Leistung unten" if count == 1 else f"jede der {number(count)} Leistungen unten"
    if not handout.deliverables:
        return flow
    flow += [
        Spacer(1, 0.2 * cm),
        blocks.plain(f"Für {which} brauchen wir diese Angaben. {handout.delivery_note}".strip()),
        Spacer(1, 0.15 * cm),
    ]
    body: list[list[object]] = [["Angabe", "Was gemeint ist"]]
    for item in handout.deliverables:
        body.append([blocks.cell(f"<b>{pb.escape(item.label)}</b>"), item.explanation])
    widths = [4.7 * cm, 0]
    widths[1] = width - sum(widths)
    flow.append(KeepTogether([blocks.table(body, widths, valign="TOP")]))
    return flow


def _contacts(handout: Handout, width: float) -> Flowable:
    rows = [("Ansprechperson", c) for c in handout.main_contacts]
    rows += [("Vertretung", c) for c in handout.deputies]
    missing = None
    if not rows:
        missing = blocks.callout(
            blocks.text(
                "<b>Noch keine OZG-Ansprechperson benannt.</b> Bitte nennen Sie im Workshop ein "
                "bis zwei Personen, die für die Leistungen Ihres Amts Auskunft geben können."
            ),
            width,
            HIGHLIGHT,
            pb.ORANGE,
        )
    return blocks.contacts(rows, width, missing=missing)


# -- the service rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    key: str
    lines: tuple[str, ...]  # the name, wrapped
    also: tuple[str, ...]  # "auch: …", wrapped (smaller, grey)
    height: float


class ServiceRows(Flowable):
    """The services of one Lebenslage as a table in the house style of ``blocks.table``
    (blue header repeated after a page break, zebra rows, rule below): key, name and an
    empty box to tick."""

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
    def of(cls, services: Sequence[HandoutService], widths: Sequence[float]) -> ServiceRows:
        text_width = widths[1] - 2 * cls.PAD_X
        key_width = widths[0] - 2 * cls.PAD_X
        rows = []
        for service in services:
            lines = clip_lines(service.name, pb.FONT, cls.SIZE, text_width, NAME_LINES)
            also = (
                clip_lines(f"auch: {service.also}", pb.FONT, cls.ALSO_SIZE, text_width, 3)
                if service.also
                else ()
            )
            height = (
                cls.PAD_TOP
                + len(lines) * cls.LEADING
                + len(also) * cls.ALSO_LEADING
                + cls.PAD_BOTTOM
            )
            key = fit(service.key or "–", pb.FONT, cls.SIZE, key_width)
            rows.append(_Row(key, lines, also, height))
        return cls(rows, widths)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = sum(self.widths)
        self.height = self.HEAD_HEIGHT + sum(r.height for r in self.rows)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        room = availHeight - self.HEAD_HEIGHT
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
            ServiceRows(self.rows[:count], self.widths, self.first),
            ServiceRows(self.rows[count:], self.widths, self.first + count),
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
