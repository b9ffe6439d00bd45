"""Exports of a project: the catalogue as Excel, the one-page overview as PDF.

The data comes from the read connection (``store.queries``); the file formats
live in ``formats/`` and are imported only when an export runs (openpyxl and
reportlab are slow to import and the GUI start-up must not pay for them).
Problems writing the target file become an :class:`ExportError` with a German
explanation.
"""

from __future__ import annotations

import errno
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ozgdesk.store import queries
from ozgdesk.store.errors import ProjectError
from ozgdesk.store.project import Project
from ozgdesk.store.rows import ServiceRow
from ozgdesk.workflow.relevance import CHECK, NOT_RELEVANT, RELEVANT, progress_by_themenfeld

if TYPE_CHECKING:
    from ozgdesk.formats.overview_pdf import CountRow, OverviewData

SOURCE_NOTE = "Leistungskatalog: OZG-Datenbank NRW (KDN), MIT-Lizenz"
NO_TYP = "ohne"


class ExportError(ProjectError):
    title = "Export nicht möglich"


# -- catalogue (.xlsx) -------------------------------------------------------------------


def export_catalogue(project: Project, path: Path | str, *, now: datetime | None = None) -> Path:
    """Write all services with their decisions to an .xlsx file; returns its path."""
    target = _target(project, path)
    with project.reading() as conn:
        summary = queries.project_summary(conn)
        counts = queries.service_counts(conn)
        relevance = queries.relevance_counts(conn)
        rows = queries.catalogue_rows(conn)
        kind = queries.project_identity(conn).municipality_type
    missing = sum(1 for r in rows if r.missing)
    from ozgdesk.workflow import relevance as relevance_rules
    from ozgdesk.workflow.municipality import kind_label

    suggested = {
        i: (s.relevance, s.reason) for i, s in relevance_rules.suggestions(project).items()
    }
    info: dict[str, object] = {
        "Kommune": summary.municipality,
        "Art der Kommune": kind_label(kind),
        "Exportiert am": now or datetime.now(),
        "Projektdatei": project.path.name,
        "Leistungen gesamt": counts.total,
        "davon mit LeiKa-Schlüssel": counts.with_key,
        "davon ohne gültigen Schlüssel": counts.without_key,
        "relevant": relevance[RELEVANT],
        "nicht relevant": relevance[NOT_RELEVANT],
        "zu prüfen": relevance[CHECK],
        "noch nicht entschieden": relevance[""],
        "als „nicht mehr in Liste“ markiert": missing,
        "Vorschläge": "„Vorschlag“ und „Begründung des Vorschlags“ kommen aus den eigenen "
        "Regeln des Projekts, sonst aus der mitgelieferten Tabelle, wer eine Leistung in NRW "
        "für diese Art von Kommune ausführt. Entschieden ist nur, was unter „Relevanz“ steht.",
        "Datenquelle": SOURCE_NOTE,
        "Hinweis": "Die Spalte „LeiKa-Schlüssel“ ist als Text gespeichert, damit alle "
        "14 Ziffern erhalten bleiben. Änderungen in dieser Datei fließen nicht "
        "automatisch in das Projekt zurück.",
    }
    from ozgdesk.formats.catalogue_xlsx import write_catalogue

    title = f"Leistungskatalog {summary.municipality}".strip()
    with _writing(target):
        return write_catalogue(target, rows, info, title=title, suggestions=suggested)


# -- overview (.pdf) ---------------------------------------------------------------------


def overview_data(project: Project, day: date | None = None) -> OverviewData:
    """The figures of the one-page overview (plain data, e.g. for a preview)."""
    from ozgdesk.formats.overview_pdf import OverviewData

    with project.reading() as conn:
        summary = queries.project_summary(conn)
        title = queries.municipality_title(conn)
        counts = queries.service_counts(conn)
        relevance = queries.relevance_counts(conn)
        rows = queries.catalogue_rows(conn)
    return OverviewData(
        municipality=summary.municipality,
        municipality_title=title,
        day=day or date.today(),
        total=counts.total,
        with_key=counts.with_key,
        relevant=relevance[RELEVANT],
        not_relevant=relevance[NOT_RELEVANT],
        to_check=relevance[CHECK],
        undecided=relevance[""],
        by_themenfeld=[
            _count_row(p.themenfeld, p.total, p.relevant, p.not_relevant, p.to_check + p.undecided)
            for p in progress_by_themenfeld(rows)
        ],
        by_typ=counts_by_typ(rows),
        source_note=SOURCE_NOTE,
    )


def export_overview_pdf(project: Project, path: Path | str, *, day: date | None = None) -> Path:
    """Write the one-page A4 overview for the leadership as PDF; returns its path."""
    target = _target(project, path)
    data = overview_data(project, day)
    from ozgdesk.formats.overview_pdf import write_overview_pdf

    with _writing(target):
        return write_overview_pdf(target, data)


def counts_by_typ(rows: Iterable[ServiceRow]) -> list[CountRow]:
    """Services per LeiKa-Typ ("1", "2/3" …, in natural order; "ohne" last)."""
    buckets: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        index = {RELEVANT: 0, NOT_RELEVANT: 1}.get(row.relevance, 2)
        buckets[row.typ.strip()][index] += 1
    result = []
    for typ in sorted(buckets, key=_typ_order):
        relevant, not_relevant, open_ = buckets[typ]
        label = typ or NO_TYP
        result.append(
            _count_row(label, relevant + not_relevant + open_, relevant, not_relevant, open_)
        )
    return result


def _typ_order(typ: str) -> tuple[int, int, str]:
    if not typ:
        return (1, 0, "")
    digits = ""
    for ch in typ:
        if not ch.isdigit():
            break
        digits += ch
    return (0, int(digits) if digits else 10**6, typ)


def _count_row(label: str, total: int, relevant: int, not_relevant: int, open_: int) -> CountRow:
    from ozgdesk.formats.overview_pdf import CountRow

    return CountRow(label, total, relevant, not_relevant, open_)


# -- writing the target file -------------------------------------------------------------


def _target(project: Project, path: Path | str) -> Path:
    target = Path(path).expanduser()
    if target.exists() and target.resolve() == project.path.resolve():
        raise ExportError(
            target,
            f"„{target}“ ist die Projektdatei selbst.",
            "Wählen Sie für den Export einen anderen Dateinamen.",
        )
    if target.is_dir():
        raise ExportError(
            target,
            f"„{target}“ ist ein Ordner.",
            "Geben Sie einen Dateinamen an, zum Beispiel „Leistungen.xlsx“.",
        )
    if not target.parent.is_dir():
        raise ExportError(
            target,
            f"Den Ordner „{target.parent}“ gibt es nicht.",
            "Wählen Sie einen vorhandenen Ordner oder legen Sie ihn zuerst an.",
        )
    return target


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """Turn the usual problems of writing a file into a German ExportError."""
    try:
        yield
    except PermissionError as exc:
        raise ExportError(
            target,
            f"Die Datei „{target}“ konnte nicht geschrieben werden: Zugriff verweigert.",
            "Ist die Datei noch in einem anderen Programm geöffnet (zum Beispiel Excel "
            "oder ein PDF-Betrachter)? Schließen Sie sie dort, oder wählen Sie einen "
            "Ordner, in dem Sie schreiben dürfen.",
        ) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise ExportError(
                target,
                f"Die Datei „{target}“ konnte nicht geschrieben werden, weil der "
                "Datenträger voll ist.",
                "Schaffen Sie Platz auf dem Laufwerk oder wählen Sie ein anderes.",
            ) from exc
        raise ExportError(
            target,
            f"Die Datei „{target}“ konnte nicht geschrieben werden ({exc.strerror or exc}).",
            "Prüfen Sie den Speicherort und versuchen Sie es erneut.",
        ) from exc
