"""The import core: analyse a spreadsheet (nothing written), then import it in one transaction.

Used by the import wizard and by ``ozgdesk import``. ``analyse`` reads the file,
finds the sheet, header and column mapping (a mapping remembered for this
header layout wins over the automatic one; explicit overrides win over both)
and checks every row. ``run_import`` merges the checked records in one
transaction after a backup; a file-level problem, a cancel, or any row error
with ``strict`` leaves the project exactly as it was.
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

from ozgdesk.formats import spreadsheet
from ozgdesk.formats.records import ServiceRecord
from ozgdesk.formats.spreadsheet import Sheet, SpreadsheetError, Workbook
from ozgdesk.store.columns import col
from ozgdesk.store.project import Project
from ozgdesk.workflow.import_check import CheckedRows, check_rows
from ozgdesk.workflow.import_detect import BASIS_REMEMBERED, confidence_text
from ozgdesk.workflow.import_layout import (
    FIELDS,
    HEADER_SCAN_ROWS,
    Layout,
    apply_overrides,
    auto_guesses,
    detect_by_content,
    find_layout,
    header_signature,
    header_texts,
)
from ozgdesk.workflow.problems import ERROR, Problem
from ozgdesk.workflow.relevance import RELEVANT

P = ParamSpec("P")
R = TypeVar("R")


def _without_gc(function: Callable[P, R]) -> Callable[P, R]:
    """Run with the cyclic garbage collector paused.

    Reading and checking 50,000 rows creates hundreds of thousands of objects,
    and the collector would scan the growing heap again and again (about 40 % of
    the checking time); these functions create no garbage cycles worth collecting.
    """

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return wrapper


Progress = Callable[[int, int], None]


@dataclass
class ImportPlan:
    path: Path
    sheet_names: list[str] = field(default_factory=list)
    sheet_name: str = ""
    description: str = ""
    layout: Layout | None = None
    checked: CheckedRows = field(default_factory=CheckedRows)
    file_error: str = ""
    overrides: dict[str, str] = field(default_factory=dict)
    source_label: str = ""
    data_rows: int = 0
    samples: dict[int, str] = field(default_factory=dict)  # column -> first value below the header

    @property
    def ok(self) -> bool:
        return not self.file_error

    @property
    def errors(self) -> list[Problem]:
        if self.file_error:
            return [Problem(0, "", self.path.name, self.file_error)]
        return self.checked.errors

    @property
    def warnings(self) -> list[Problem]:
        return [] if self.file_error else self.checked.warnings

    def preview(self, count: int = 50) -> list[ServiceRecord]:
        return self.checked.records[:count]

    def mapped_fields(self) -> set[str]:
        return set(self.layout.mapping.values()) if self.layout else set()

    def mapping_by_header(self) -> dict[str, str]:
        if self.layout is None:
            return {}
        return {self.layout.header_of(c): f for c, f in sorted(self.layout.mapping.items())}

    def columns(self) -> list[dict[str, object]]:
        """Each mapped column with its field, how sure the detection is and why
        (``--json``'s "columns", the wizard's column table)."""
        if self.layout is None:
            return []
        result: list[dict[str, object]] = []
        for column in sorted(self.layout.mapping):
            guess = self.layout.guess_of(column)
            assert guess is not None
            result.append(
                {
                    "column": self.layout.header_of(column),
                    "index": column,
                    "field": guess.field,
                    "label": FIELDS[guess.field],
                    "confidence": round(guess.confidence, 2),
                    "basis": guess.basis,
                    "text": confidence_text(guess.confidence, guess.basis),
                }
            )
        return result


@dataclass
class ImportReport:
    committed: bool
    file: str
    sheet: str = ""
    source: str = ""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    flagged: int = 0
    skipped: int = 0
    missing_from_file: list[tuple[str, str]] = field(default_factory=list)
    offices_created: list[str] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    backup: str = ""
    reason: str = ""  # why nothing was committed
    columns: list[dict[str, object]] = field(default_factory=list)
    marked_relevant: int = 0  # services decided relevant by ``relevant=True``
    first_import: bool = False  # no list of this name was imported before

    def as_dict(self) -> dict[str, object]:
        return {
            "committed": self.committed,
            "file": self.file,
            "sheet": self.sheet,
            "source": self.source,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "flagged": self.flagged,
            "skipped": self.skipped,
            "missing_from_file": len(self.missing_from_file),
            "missing_services": [{"key": k, "name": n} for k, n in self.missing_from_file],
            "offices_created": self.offices_created,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "backup": self.backup,
            "reason": self.reason,
            "columns": self.columns,
            "marked_relevant": self.marked_relevant,
            "first_import": self.first_import,
        }


def _choose_sheet(
    book: Workbook,
    wanted: str | None,
    overrides: dict[str, str] | None = None,
    project: Project | None = None,
) -> tuple[Sheet, Layout | None]:
    sheets = [book.sheet(wanted)] if wanted is not None else book.sheets
    offices = _known_offices(project)
    by_content: tuple[Sheet, Layout] | None = None
    for sheet in sheets:
        layout = find_layout(sheet, overrides, offices)
        remembered = _remembered_layout(project, sheet, offices)
        if remembered is not None and (layout is None or not layout.by_header):
            layout = remembered
        if layout is None:
            continue
        if layout.by_header or remembered is not None or len(sheets) == 1:
            return sheet, layout
        # a sheet recognised only by its cells (a notes sheet has long text too):
        # taken only if no sheet has a recognisable header
        by_content = by_content or (sheet, layout)
    if by_content is not None:
        return by_content
    return sheets[0], None


def _known_offices(project: Project | None) -> frozenset[str]:
    """Office names (folded) that make a column an office column: the standard list
    and the project's offices."""
    from ozgdesk.textnorm import fold
    from ozgdesk.workflow.offices import standard_offices

    names = set(standard_offices())
    if project is not None:
        from ozgdesk.store import queries

        with project.reading() as conn:
            names.update(queries.office_names(conn))
    return frozenset(fold(n) for n in names if isinstance(n, str))


def _remembered_layout(
    project: Project | None, sheet: Sheet, offices: frozenset[str]
) -> Layout | None:
    """A header row for whose layout the coordinator has saved a mapping in an
    earlier import."""
    if project is None:
        return None
    from ozgdesk.store import queries

    with project.reading() as conn:
        if not queries.has_import_mappings(conn):
            return None
        for index, row in enumerate(sheet.rows[: HEADER_SCAN_ROWS * 3]):
            headers = header_texts(row)
            if any(headers) and queries.import_mapping(conn, header_signature(headers)):
                guesses = auto_guesses(headers)
                layout = Layout(index, headers, {c: g.field for c, g in guesses.items()})
                layout.guesses = guesses
                detect_by_content(sheet, layout, offices)
                return layout
    return None


def _remembered(project: Project | None, layout: Layout) -> dict[str, str]:
    if project is None:
        return {}
    from ozgdesk.store import queries

    with project.reading() as conn:
        stored = queries.import_mapping(conn, layout.signature())
    return json.loads(stored) if stored else {}


def _load_writing_code_meanwhile() -> None:
    """Import what writing an import needs (SQLAlchemy, the models, the merge: about 0.4 s
    in a fresh process) on a second thread while the file is measured and read: reading
    happens in zlib and python-calamine, which release the interpreter lock, so on a
    machine with two cores both finish in the time of the longer. A process that has them
    already (the GUI after its first change) starts no thread. Not a daemon thread: a short
    process waits for it at exit instead of being torn down in the middle of an import."""
    import sys
    import threading

    if "ozgdesk.workflow.catalogue" in sys.modules:
        return

    def load() -> None:
        import ozgdesk.workflow.catalogue  # noqa: F401

    threading.Thread(target=load, name="ozgdesk-import-vorbereiten").start()


@_without_gc
def analyse(
    path: Path | str,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    project: Project | None = None,
    source_label: str | None = None,
) -> ImportPlan:
    """Read and check a file; never writes anything."""
    _load_writing_code_meanwhile()
    path = Path(path)
    plan = ImportPlan(
        path=path, overrides=dict(overrides or {}), source_label=source_label or path.name
    )
    try:
        book = spreadsheet.read(path, sheet)
    except SpreadsheetError as exc:
        plan.file_error = exc.message
        return plan
    plan.sheet_names = [s.name for s in book.sheets]
    plan.description = spreadsheet.describe(book)
    try:
        chosen, layout = _choose_sheet(book, sheet, plan.overrides, project)
    except SpreadsheetError as exc:
        plan.file_error = exc.message
        return plan
    plan.sheet_name = chosen.name
    if not any(any(c is not None and str(c).strip() for c in row) for row in chosen.rows):
        plan.file_error = f"Das Tabellenblatt „{chosen.name}“ ist leer."
        return plan
    if layout is None:
        plan.file_error = (
            f"Im Tabellenblatt „{chosen.name}“ wurde keine Kopfzeile gefunden, die eine Spalte für den "
            "LeiKa-Schlüssel oder die Leistungsbezeichnung benennt (z. B. „Leistungsschlüssel“, "
            "„LeiKa-ID“, „Leistungsbezeichnung“, „Leistung“), und keine Spalte, deren Inhalt nach "
            "14-stelligen Schlüsseln oder Leistungsnamen aussieht. Bitte die Spalten zuordnen."
        )
        return plan
    remembered = _remembered(project, layout)
    if remembered:
        apply_overrides(layout, remembered, BASIS_REMEMBERED)
        layout.remembered = True
    problems = apply_overrides(layout, plan.overrides)
    plan.layout = layout
    if problems:
        plan.file_error = " ".join(problems)
        return plan
    if not set(layout.mapping.values()) & {"key", "name"}:
        plan.file_error = (
            "Es ist keine Spalte als LeiKa-Schlüssel oder Leistungsbezeichnung zugeordnet."
        )
        return plan
    checked = check_rows(chosen, layout)  # counts the blank rows on its way
    plan.data_rows = len(chosen.rows) - layout.header_index - 1 - checked.blank_rows
    if plan.data_rows == 0:
        plan.file_error = "Die Datei enthält nur die Kopfzeile, aber keine Leistungen."
        return plan
    plan.samples = _samples(chosen, layout)
    plan.checked = checked
    return plan


def _samples(sheet: Sheet, layout: Layout) -> dict[int, str]:
    from ozgdesk.workflow.import_check import cell_text

    samples: dict[int, str] = {}
    for row in sheet.rows[layout.header_index + 1 : layout.header_index + 200]:
        for column, cell in enumerate(row):
            if column not in samples and cell is not None and str(cell).strip():
                samples[column] = cell_text(cell)
        if len(samples) >= len(layout.headers):
            break
    return samples


@_without_gc
def run_import(
    project: Project,
    plan: ImportPlan,
    *,
    strict: bool = False,
    dry_run: bool = False,
    relevant: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import a checked plan in one transaction (or pretend to, with ``dry_run``).

    With ``relevant`` the list is "our services": every service it names that is
    still undecided is decided relevant (a decision already taken stays, with a
    warning). An import that would take no row writes nothing and says why.
    """
    from ozgdesk.workflow.catalogue import Cancelled, merge_services

    report = ImportReport(
        committed=False,
        file=str(plan.path),
        sheet=plan.sheet_name,
        source=plan.source_label,
        columns=plan.columns(),
    )
    report.errors = list(plan.errors)
    report.warnings = list(plan.warnings)
    report.flagged = plan.checked.flagged
    report.skipped = plan.checked.skipped_rows
    if not plan.ok:
        report.reason = plan.file_error
        return report
    if strict and report.errors:
        report.reason = (
            f"{len(report.errors)} fehlerhafte Zeile(n); mit --strict wird nichts übernommen."
        )
        return report
    if project.read_only:
        report.reason = "Das Projekt ist schreibgeschützt geöffnet."
        return report
    if not plan.checked.records:
        report.reason = nothing_taken_reason(plan.data_rows, report.errors)
        return report
    report.first_import = plan.source_label not in source_labels(project)
    records, fields = plan.checked.records, plan.mapped_fields()
    if relevant:
        records = [r if r.relevance else replace(r, relevance=RELEVANT) for r in records]
        fields = fields | {"relevance"}

    class _StrictFailure(Exception):
        pass

    class _NothingTaken(Exception):
        pass

    if not dry_run:
        report.backup = str(project.backup("vor-Import"))
    try:
        with project.session(rollback=dry_run) as session:
            result = merge_services(
                session,
                records,
                origin=f"Import „{plan.source_label}“",
                fields=fields,
                source_label=plan.source_label,
                source_file=plan.path.name,
                # a row with an error may well be one of the services: do not call them missing
                mark_missing=not plan.checked.errors,
                progress=progress,
                cancelled=cancelled,
            )
            merge_errors = [p for p in result.problems if p.level == ERROR]
            if strict and merge_errors:
                report.errors.extend(merge_errors)
                raise _StrictFailure()
            if not (result.added or result.updated or result.unchanged):
                report.errors.extend(merge_errors)
                raise _NothingTaken()
            if (
                not dry_run
                and plan.layout is not None
                and (plan.overrides or plan.layout.remembered)
            ):
                _remember_mapping(session, plan)
    except Cancelled:
        report.reason = "Der Import wurde abgebrochen; das Projekt ist unverändert."
        return report
    except _StrictFailure:
        report.reason = "Fehlerhafte Zeilen; mit --strict wird nichts übernommen."
        return report
    except _NothingTaken:
        report.reason = nothing_taken_reason(plan.data_rows, report.errors)
        return report
    report.added, report.updated, report.unchanged = result.added, result.updated, result.unchanged
    report.skipped += result.skipped
    report.missing_from_file = result.missing
    report.offices_created = result.offices_created
    report.marked_relevant = result.relevance_set if relevant else 0
    report.errors.extend(p for p in result.problems if p.level == ERROR)
    report.warnings.extend(p for p in result.problems if p.level != ERROR)
    report.committed = not dry_run
    if progress is not None:
        progress(1, 1)
    return report


def nothing_taken_reason(rows: int, errors: list[Problem]) -> str:
    """Why an import takes no row, in plain words, with the most frequent error."""
    from collections import Counter

    text = f"Keine der {rows} Zeilen der Datei kann übernommen werden"
    if errors:
        message, count = Counter(p.message for p in errors).most_common(1)[0]
        text += f"; am häufigsten ({count}-mal): „{message}“"
    return (
        text + ". Bitte prüfen Sie die Zuordnung der Spalten (im Assistenten oder mit --map). "
        "Das Projekt bleibt unverändert."
    )


def _remember_mapping(session, plan: ImportPlan) -> None:
    from sqlalchemy import select

    from ozgdesk.store.models import ImportMapping

    assert plan.layout is not None
    signature = plan.layout.signature()
    layout = plan.layout
    mapping = json.dumps(
        {header: layout.mapping.get(c, "") for c, header in enumerate(layout.headers) if header},
        ensure_ascii=False,
    )
    row = session.execute(
        select(ImportMapping).where(col(ImportMapping.signature) == signature)
    ).scalar()
    if row is None:
        session.add(
            ImportMapping(signature=signature, mapping=mapping, updated_at=datetime.now(UTC))
        )
    elif row.mapping != mapping:
        row.mapping = mapping
        row.updated_at = datetime.now(UTC)


def field_labels() -> dict[str, str]:
    return dict(FIELDS)


def source_labels(project: Project) -> list[str]:
    """Names of the lists imported so far (a re-import under the same name marks
    services that the new version no longer has)."""
    from ozgdesk.store import queries

    with project.reading() as conn:
        return [label for label, _file, _when in queries.import_sources(conn)]
