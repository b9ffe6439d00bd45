"""Delivery deadlines in the GUI: a deadline before the workshop or the forms' date (or on a
holiday) is shown before saving or writing; the user decides."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate

from ozgdesk.store.project import Project
from ozgdesk.ui import messages
from ozgdesk.ui.main_window import MainWindow
from ozgdesk.workflow import assignment, offices, overview, relevance, workshop
from ozgdesk.workflow.offices import Office


def _window(qtbot, project: Project, settings, row: int) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.sidebar.setCurrentRow(row)
    return window


def test_workshop_deadline_before_the_workshop_is_shown_and_saved(
    qtbot, app, project: Project, settings
) -> None:
    window = _window(qtbot, project, settings, 2)
    page = window.pages["workshop"]
    workshop_id = page.new_workshop("Auftakt")
    start = page.plan.workshop().starts_at.date()
    early = start - timedelta(days=2)
    page.plan.has_deadline.setChecked(True)
    page.plan.deliver_by.setDate(QDate(early.year, early.month, early.day))
    assert page.plan.autosave.flush()
    assert workshop.detail(project, workshop_id).workshop.deliver_by == early  # warned, saved
    qtbot.waitUntil(lambda: "liegt vor dem Datum des Workshops" in page.plan.problem.text())
    fine = date(2030, 3, 5)  # a Tuesday, no holiday, after the workshop
    page.plan.deliver_by.setDate(QDate(fine.year, fine.month, fine.day))
    assert page.plan.autosave.flush()
    qtbot.waitUntil(lambda: "Hinweis" not in page.plan.problem.text())


@pytest.mark.parametrize("answer", [True, False])
def test_forms_with_a_past_workshop_deadline_are_asked_about(
    qtbot, app, project: Project, settings, monkeypatch, tmp_path: Path, answer: bool
) -> None:
    ids = [r.id for r in overview.catalogue_rows(project) if r.themenfeld == "Bauen & Wohnen"][:3]
    relevance.decide(project, ids, relevance.RELEVANT)
    office = offices.save_office(project, Office(None, "Bauamt"))
    assignment.assign(project, ids, office)
    past = workshop.proposal(today=date.today() - timedelta(days=90))
    workshop.save_workshop(project, replace(past, deliver_by=date.today() - timedelta(days=10)))
    asked: list[str] = []
    monkeypatch.setattr(
        messages, "confirm", lambda parent, title, text, action="": asked.append(text) or answer
    )
    window = _window(qtbot, project, settings, 3)
    folder = tmp_path / "Formulare"
    folder.mkdir()
    window.pages["delivery"].returns.write_forms(folder)
    assert len(asked) == 1 and "liegt vor dem Datum des Formulars" in asked[0]
    files = sorted(folder.glob("*.xlsx"))
    if not answer:
        assert files == []
        return
    (form,) = files
    guide = openpyxl.load_workbook(form)["Anleitung"]
    text = " ".join(str(c.value) for c in guide["A"] if c.value)
    deadline = date.today() - timedelta(days=10)
    assert f"bis zum {deadline:%d.%m.%Y} zurück" in text
