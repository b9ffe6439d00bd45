"""Datei → Vorlage weitergeben / Vorlage übernehmen / Kreisübersicht: the district team's
actions of the main window (the substance is in workflow/sharing.py and workflow/district.py).

File choices go through :func:`choose_save_path` and :func:`choose_open_path`, and the review
dialog through :func:`run_review`, which tests replace (no test opens a blocking dialog).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ozgdesk import paths
from ozgdesk.formats import share_file as sf
from ozgdesk.store.errors import ProjectError
from ozgdesk.ui import messages
from ozgdesk.ui.tasks import run_with_progress
from ozgdesk.ui.undo import push_done
from ozgdesk.wording import plural
from ozgdesk.workflow import sharing, sharing_apply

if TYPE_CHECKING:
    from ozgdesk.ui.dialogs.share_review_dialog import ShareReviewDialog
    from ozgdesk.ui.main_window import MainWindow

FILTER = "ozgdesk-Vorlage (*.ozgvorlage)"


def choose_save_path(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def choose_open_path(parent: QWidget, title: str, file_filter: str) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, title, str(paths.documents_dir()), file_filter
    )
    return Path(chosen) if chosen else None


def run_review(dialog: ShareReviewDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def _refresh(window: MainWindow) -> None:
    window.refresh_status()
    page = window.stack.currentWidget()
    activate = getattr(page, "activate", None)
    if callable(activate):
        activate()


def export_share(window: MainWindow) -> Path | None:
    project = window.project
    assert project is not None
    name = sharing.municipality_of(project).name
    target = choose_save_path(
        window,
        window.tr("Vorlage weitergeben"),
        paths.documents_dir() / f"Vorlage {name or 'Kommune'}{sf.SUFFIX}",
        FILTER,
    )
    if target is None:
        return None
    try:
        written = run_with_progress(
            window, window.tr("Die Vorlage wird geschrieben …"),
            lambda: sharing.export_share(project, target),
        )  # fmt: skip
    except ProjectError as error:
        messages.show_project_error(window, error)
        return None
    except OSError as error:
        messages.info(window, window.tr("Vorlage weitergeben"),
                      window.tr("Die Vorlage konnte nicht geschrieben werden: %1")
                      .replace("%1", error.strerror or str(error)))  # fmt: skip
        return None
    messages.info(
        window,
        window.tr("Vorlage weitergeben"),
        window.tr(
            "Die Vorlage ist gespeichert: %1\n\nSie enthält Ihre Relevanzentscheidungen mit "
            "Begründung, Regeln, Ämter und ihre Leistungen, Planungen und die Tagesordnung – "
            "keine Namen, E-Mail-Adressen, Telefonnummern oder Notizen. Sie können sie "
            "Nachbarkommunen oder dem Kreis per E-Mail schicken."
        ).replace("%1", str(written)),
    )
    return written


@dataclass
class _TakeOver:
    """The undo command's state: the last application (re-done applications replace it)."""

    applied: sharing_apply.Applied


def take_over(window: MainWindow) -> sharing_apply.Applied | None:
    from ozgdesk.ui.dialogs.share_review_dialog import ShareReviewDialog

    project = window.project
    assert project is not None
    source = choose_open_path(window, window.tr("Vorlage übernehmen"), FILTER)
    if source is None:
        return None
    try:
        share = sf.read(source)
    except sf.ShareFileError as error:
        messages.info(window, window.tr("Vorlage übernehmen"), str(error))
        return None
    dialog = ShareReviewDialog(project, share, window)
    if not run_review(dialog):
        return None
    review, accepted = dialog.review, dialog.accepted_items()
    try:
        applied = run_with_progress(
            window, window.tr("Die Vorlage wird übernommen …"),
            lambda: sharing_apply.apply(project, share, review, accepted),
        )  # fmt: skip
    except ProjectError as error:
        messages.show_project_error(window, error)
        return None
    state = _TakeOver(applied)

    def redo() -> None:
        state.applied = sharing_apply.apply(project, share, review, set(state.applied.taken),
                                      backup=False)  # fmt: skip
        _refresh(window)

    def undo() -> None:
        sharing_apply.revert(project, state.applied)
        _refresh(window)

    label = window.tr("Vorlage übernehmen (%1)").replace("%1", share.municipality.name)
    push_done(window.undo_stack, label, redo, undo)
    _refresh(window)
    messages.info(
        window,
        window.tr("Vorlage übernommen"),
        window.tr("%1 übernommen, %2. Gesichert vorher: %3. Bearbeiten → Rückgängig nimmt "
                  "die Übernahme zurück.")
        .replace("%1", plural(len(applied.taken), "Punkt", "Punkte"))
        .replace("%2", sharing.source_note(share))
        .replace("%3", applied.backup or "–"),
    )  # fmt: skip
    return applied


def district_overview(window: MainWindow) -> None:
    from ozgdesk.ui.dialogs.district_dialog import DistrictDialog

    DistrictDialog(window).exec()
