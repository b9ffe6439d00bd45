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

In the combined file every part starts on an odd page (a blank page is left where
needed, for duplex printing), has its own "Seite x von y" and a bookmark. The handout
itself is in ``workshop_handout_pdf``. This module imports reportlab: import it lazily.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer

from ozgdesk.formats import pdf_base as pb
from ozgdesk.formats import pdf_blocks as blocks
from ozgdesk.formats.pdf_sign_in import sign_in
from ozgdesk.formats.workshop_handout_pdf import HANDOUT, handout_story, handout_title
from ozgdesk.formats.workshop_records import Handout, MinutesData, PersonLine, WorkshopInfo
from ozgdesk.wording import number

AGENDA = "Tagesordnung"
SIGN_IN = "Teilnehmerliste"
MINUTES = "Protokoll"
PRINT_ALL = "Unterlagen zum Ausdrucken"
WALK_IN_ROWS = 6  # empty rows on the sign-in sheet for people not on the list

Story = Callable[[float], list[Flowable]]  # frame width -> flowables
Part = tuple[str, Story]  # bookmark title, story


# -- single documents ---------------------------------------------------------------------


def write_agenda_pdf(path: Path | str, info: WorkshopInfo) -> Path:
    return _write(path, _info(info, AGENDA), [(AGENDA, lambda w: agenda_story(info, w))])


def write_sign_in_pdf(
    path: Path | str, info: WorkshopInfo, people: Sequence[PersonLine], blank_rows: int = 6
) -> Path:
    return _write(
        path,
        _info(info, SIGN_IN),
        [(SIGN_IN, lambda w: sign_in_story(info, people, w, blank_rows))],
    )


def write_handout_pdf(
    path: Path | str, info: WorkshopInfo, handout: Handout, source_note: str = ""
) -> Path:
    doc_info = _info(
        info,
        handout_title(handout),
        subject=f"Leistungen und Aufgaben für „{handout.office}“ zum {info.title}",
        source=source_note,
        keywords=(handout.office,),
    )
    title = handout_title(handout)
    return _write(path, doc_info, [(title, lambda w: handout_story(info, handout, w))])


def write_minutes_pdf(path: Path | str, minutes: MinutesData) -> Path:
    info = minutes.workshop
    return _write(path, _info(info, MINUTES), [(MINUTES, lambda w: minutes_story(minutes, w))])


def write_print_pdf(
    path: Path | str,
    info: WorkshopInfo,
    people: Sequence[PersonLine],
    handouts: Sequence[Handout],
    *,
    blank_rows: int = 6,
    source_note: str = "",
) -> Path:
    """Agenda, sign-in sheet and all handouts in one file; each part starts on an odd page
    (duplex), has its own page numbers and a bookmark."""
    parts: list[Part] = [
        (AGENDA, lambda w: agenda_story(info, w)),
        (SIGN_IN, lambda w: sign_in_story(info, people, w, blank_rows)),
    ]
    parts += [(handout_title(h), _handout_part(info, h)) for h in handouts]
    doc_info = _info(
        info,
        f"{PRINT_ALL} – {info.title}",
        subject=f"Tagesordnung, Teilnehmerliste und {HANDOUT} zum {info.title}",
        source=source_note,
    )
    return _write(path, doc_info, parts, combined=True)


def _handout_part(info: WorkshopInfo, handout: Handout) -> Story:
    return lambda width: handout_story(info, handout, width)


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


def _write(
    path: Path | str, info: pb.DocumentInfo, parts: Sequence[Part], *, combined: bool = False
) -> Path:
    def story(doc: pb.OzgDocTemplate) -> list[Flowable]:
        width, _ = doc.frame_size
        flow: list[Flowable] = []
        for index, (title, part) in enumerate(parts):
            if combined:
                flow += blocks.part(title, first=index == 0)
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


def _head(title: str, info: WorkshopInfo, width: float) -> list[Flowable]:
    return blocks.title_block(title, width, subtitle=f"{info.title} · {info.municipality}")


def agenda_story(info: WorkshopInfo, width: float) -> list[Flowable]:
    st = pb.styles()
    flow: list[Flowable] = [
        *_head(AGENDA, info, width),
        blocks.facts(_when_where(info, with_organiser=True), width),
        blocks.section("Ablauf"),
    ]
    if info.agenda:
        cell = ParagraphStyle("agenda_cell", parent=st["table_cell"], fontSize=9, leading=11.5)
        number_style = ParagraphStyle("agenda_number", parent=st["table_number"], fontSize=9)
        with_notes = any(item.notes for item in info.agenda)
        header: list[object] = ["Nr.", "Zeit", "Thema", "Verantwortlich"]
        header += ["Hinweise"] if with_notes else []
        body: list[list[object]] = [header]
        for n, item in enumerate(info.agenda, start=1):
            row: list[object] = [
                blocks.text(str(n), number_style),
                blocks.text(f"{item.start:%H:%M}–{item.end:%H:%M}", cell),
                blocks.text(f"<b>{pb.escape(item.title)}</b>", cell, blocks.CELL_LINES),
                blocks.text(pb.escape(item.responsible), cell, blocks.CELL_LINES),
            ]
            if with_notes:
                row.append(blocks.text(pb.escape(item.notes), cell, blocks.CELL_LINES))
            body.append(row)
        widths = [0.9 * cm, 2.4 * cm, 0, 4.6 * cm] + ([4.0 * cm] if with_notes else [])
        widths[2] = width - sum(widths)
        table = blocks.table(body, widths, numeric=[0], valign="TOP")
        table.setStyle(
            blocks.style_of(
                [
                    ("TOPPADDING", (0, 1), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
                ]
            )
        )
        flow.append(table)
    else:
        flow.append(blocks.plain("Die Tagesordnung folgt."))
    if info.bring:
        flow += [blocks.section("Bitte mitbringen"), *blocks.bullets(info.bring)]
    return flow


# -- sign-in sheet ------------------------------------------------------------------------


def sign_in_story(
    info: WorkshopInfo, people: Sequence[PersonLine], width: float, blank_rows: int = 6
) -> list[Flowable]:
    """The list with ``blank_rows`` empty rows at least; the rest of the last page is
    filled with further empty rows."""
    st = pb.styles()
    return [
        *_head(SIGN_IN, info, width),
        blocks.facts(_when_where(info, with_organiser=False), width),
        Spacer(1, 0.25 * cm),
        blocks.plain(
            "Mit Ihrer Unterschrift bestätigen Sie Ihre Teilnahme. Die Liste dient nur dazu, "
            "die Teilnahme im Protokoll festzuhalten. Nicht aufgeführt? Bitte tragen Sie sich "
            "in eine freie Zeile ein.",
            st["note"],
        ),
        Spacer(1, 0.25 * cm),
        *sign_in([(p.name, p.function) for p in people], width, blank_rows=blank_rows),
    ]


# -- minutes ------------------------------------------------------------------------------


def minutes_story(minutes: MinutesData, width: float) -> list[Flowable]:
    info = minutes.workshop
    flow: list[Flowable] = [
        *_head(MINUTES, info, width),
        blocks.facts(_when_where(info, with_organiser=True, organiser_label="Leitung"), width),
    ]
    for label, people in (("Anwesend", minutes.present), ("Entschuldigt", minutes.excused)):
        flow.append(blocks.section(f"{label} ({number(len(people))})"))
        flow.append(_people(people, width) if people else blocks.plain("niemand"))

    if info.agenda:
        flow.append(blocks.section(AGENDA))
        flow.append(
            blocks.numbered(
                [
                    f"{item.title}" + (f" ({item.responsible})" if item.responsible else "")
                    for item in info.agenda
                ],
                width,
            )
        )

    flow.append(blocks.section("Beschlüsse"))
    if minutes.decisions:
        flow.append(blocks.numbered(minutes.decisions, width, bold_numbers=True))
    else:
        flow.append(blocks.plain("Keine Beschlüsse festgehalten."))

    flow.append(blocks.section("Aufgaben"))
    if minutes.tasks:
        body: list[list[object]] = [["Nr.", "Was", "Wer", "Bis wann", "Stand"]]
        for n, task in enumerate(minutes.tasks, start=1):
            body.append(
                [
                    n,
                    task.title,
                    task.owner or "–",
                    pb.german_date(task.due_on) if task.due_on else "–",
                    task.status,
                ]
            )
        widths = [0.9 * cm, 0, 4.2 * cm, 2.2 * cm, 2.0 * cm]
        widths[1] = width - sum(widths)
        flow.append(blocks.table(body, widths, numeric=[0], valign="TOP"))
    else:
        flow.append(blocks.plain("Keine Aufgaben festgehalten."))
    return flow


def _people(people: Sequence[PersonLine], width: float) -> Flowable:
    body: list[list[object]] = [["Name", "Funktion / Amt"]]
    body += [[p.name, p.function or "–"] for p in people]
    widths = [5.6 * cm, 0]
    widths[1] = width - sum(widths)
    return blocks.table(body, widths)


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
