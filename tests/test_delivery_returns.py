"""Step 4 office round trip: forms out, returns back in, reviewed field by field.

Real projects and real .xlsx files: the forms are written by ozgdesk and then
changed with openpyxl the way an office would change them in Excel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import assignment, delivery, delivery_returns, offices, overview, relevance
from ozgdesk.workflow.delivery import Person
from ozgdesk.workflow.delivery_returns import UNIT_TARGET, apply, export_forms, review, undo
from ozgdesk.workflow.offices import Office
from tests import dbstate


def _setup(project: Project) -> tuple[int, list[int], int, list[int]]:
    """Bauamt with four relevant services, Ordnungsamt with two."""
    rows = overview.catalogue_rows(project)
    building = [r.id for r in rows if r.themenfeld == "Bauen & Wohnen" and r.key][:4]
    other = [r.id for r in rows if r.themenfeld != "Bauen & Wohnen" and r.key][:2]
    relevance.decide(project, building + other, relevance.RELEVANT)
    bauamt = offices.save_office(project, Office(None, "Bauamt"))
    ordnungsamt = offices.save_office(project, Office(None, "Ordnungsamt"))
    assignment.assign(project, building, bauamt)
    assignment.assign(project, other, ordnungsamt)
    return bauamt, building, ordnungsamt, other


class FormEditor:
    """Changes a form like an office does in Excel (via openpyxl)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.wb = openpyxl.load_workbook(path)
        self.services = self.wb["Leistungen"]
        self.unit = self.wb["Ansprechstelle"]
        self.columns = {
            c.value: c.column for c in self.services[2] if c.value is not None
        }  # header -> column number

    def row_of(self, service_id: int) -> int:
        for (cell,) in self.services.iter_rows(min_row=3, max_col=1):
            if cell.value == service_id:
                return cell.row
        raise KeyError(service_id)

    def set(self, service_id: int, header: str, value: object) -> str:
        cell = self.services.cell(self.row_of(service_id), self.columns[header])
        cell.value = value
        return cell.coordinate

    def get(self, service_id: int, header: str) -> object:
        return self.services.cell(self.row_of(service_id), self.columns[header]).value

    def set_unit(self, label: str, value: object) -> None:
        for (cell,) in self.unit.iter_rows(max_col=1):
            if cell.value == label:
                self.unit.cell(cell.row, 2).value = value
                return
        raise KeyError(label)

    def set_person(self, number: int, header: str, value: object) -> None:
        header_row = next(r for r in self.unit.iter_rows() if any(c.value == "Vorname" for c in r))
        column = next(c.column for c in header_row if c.value == header)
        for (cell,) in self.unit.iter_rows(max_col=1):
            if cell.value == f"Ansprechperson {number}":
                self.unit.cell(cell.row, column).value = value
                return
        raise KeyError(number)

    def delete(self, service_id: int) -> None:
        self.services.delete_rows(self.row_of(service_id))

    def add_row(self, key: str, name: str, **values: object) -> int:
        row = self.services.max_row + 1
        self.services.cell(row, self.columns["LeiKa-Schlüssel"]).value = key
        self.services.cell(row, self.columns["Leistung"]).value = name
        for header, value in values.items():
            self.services.cell(row, self.columns[header]).value = value
        return row

    def save(self) -> Path:
        self.wb.save(self.path)
        return self.path


def _form(files: list[Path], office: str) -> Path:
    (path,) = [f for f in files if f.name == f"Datenlieferung {office}.xlsx"]
    return path


def _dump(where: Any) -> str:
    return dbstate.dump(where)


def _by_field(changes) -> dict[tuple[int | None, str], tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(c.service_id, c.field): (c.old, c.new) for c in changes}


# -- the form ---------------------------------------------------------------------------------


def test_export_writes_one_protected_form_per_office(project: Project, tmp_path: Path) -> None:
    bauamt, building, _, other = _setup(project)
    delivery.edit_services(project, building[:1], page_url="https://www.ahaus.de/alt")
    files = export_forms(
        project, tmp_path / "Formulare", date(2030, 6, 30), reply_to="ozg@ahaus.de"
    )
    assert [f.name for f in files] == [
        "Datenlieferung Bauamt.xlsx",
        "Datenlieferung Ordnungsamt.xlsx",
    ]
    wb = openpyxl.load_workbook(_form(files, "Bauamt"))
    assert wb.sheetnames == ["Anleitung", "Ansprechstelle", "Leistungen", "ozgdesk"]
    assert wb["ozgdesk"].sheet_state == "veryHidden" and wb.security.lockStructure
    guide = " ".join(str(c.value) for c in wb["Anleitung"]["A"] if c.value)
    assert "30.06.2030" in guide and "ozg@ahaus.de" in guide and "gesperrt" in guide
    ws = wb["Leistungen"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.column_dimensions["A"].hidden
    headers = [c.value for c in ws[2]]
    assert headers[:3] == ["Nr. (ozgdesk)", "LeiKa-Schlüssel", "Leistung"]
    keys = [ws.cell(r, 2) for r in range(3, 3 + len(building))]
    assert all(c.data_type == "s" and len(c.value) == 14 and c.protection.locked for c in keys)
    url = ws.cell(3, headers.index("Seite auf der Website") + 1)
    assert url.value == "https://www.ahaus.de/alt" and not url.protection.locked
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and "geliefert" in validation.formula1
    assert str(validation.sqref) == f"T3:T{2 + len(building)}"
    unit = wb["Ansprechstelle"]
    assert (
        unit.protection.sheet and not unit["B5"].protection.locked and unit["A5"].protection.locked
    )
    meta = {r[0]: r[1] for r in wb["ozgdesk"].iter_rows(values_only=True) if r[0]}
    assert meta["office_id"] == str(bauamt) and meta["deadline"] == "2030-06-30"
    assert meta["exported_at"].endswith("+00:00")
    assert len([f for f in files if f.exists()]) == 2 and not list(tmp_path.rglob(".*.tmp"))
    assert {ws.cell(r, 1).value for r in range(3, 3 + len(building))} == set(building)
    assert other  # the second office has its own form


def test_no_forms_without_assigned_relevant_services(project: Project, tmp_path: Path) -> None:
    assert export_forms(project, tmp_path / "leer") == []


# -- the round trip ---------------------------------------------------------------------------


def test_round_trip_review_apply_and_reimport(project: Project, tmp_path: Path) -> None:
    bauamt, building, _, other = _setup(project)
    delivery.save_unit(project, bauamt, {"unit_name": "Bauamt Ahaus"})
    delivery.edit_services(
        project, building[:1], page_url="https://www.ahaus.de/alt", status=delivery.REQUESTED
    )
    files = export_forms(project, tmp_path / "out")
    form = FormEditor(_form(files, "Bauamt"))
    # contact point
    form.set_unit("Straße", "Rathausplatz")
    form.set_unit("Hausnummer", "1")
    form.set_unit("PLZ", "48683")
    form.set_unit("Ort", "Ahaus")
    form.set_unit("E-Mail", "bauamt@ahaus.de")
    form.set_unit("Telefon", "02561 72-0")
    form.set_person(1, "Vorname", "Erika")
    form.set_person(1, "Nachname", "Muster")
    form.set_person(1, "E-Mail", "e.muster@ahaus.de")
    # services: change a pre-filled URL, set status, fill new values, some invalid
    form.set(building[0], "Seite auf der Website", "https://www.ahaus.de/bauen/abbruch")
    form.set(building[0], "Stand", "geliefert")
    form.set(building[1], "Online-Dienst", "https://service.ahaus.de/antrag")
    form.set(building[1], "Seite auf der Website", "https://www.ahaus.de/bauen/antrag")
    form.set(building[1], "Bemerkung", "Formular\nbitte prüfen")
    bad_mail = form.set(building[1], "E-Mail der Person", "muster(at)ahaus.de")
    form.delete(building[2])
    bad_postcode = form.set(building[3], "PLZ", "4868")
    bad_status = form.set(building[3], "Stand", "fertig")
    form.set(building[3], "Telefon", "02561 72-300")
    other_key = overview.catalogue_rows(project, [other[0]])[0].key
    invented = form.add_row("99999999999999", "Erfundene Leistung", **{"Stand": "geliefert"})
    foreign = form.add_row(other_key, "Leistung des Ordnungsamts")
    path = form.save()

    before = _dump(project)
    result = review(project, [path])
    assert _dump(project) == before  # a review writes nothing
    unit_changes = {c.field: (c.old, c.new) for c in result.changes if c.target == UNIT_TARGET}
    assert unit_changes == {
        "street": ("", "Rathausplatz"),
        "house_number": ("", "1"),
        "postcode": ("", "48683"),
        "town": ("", "Ahaus"),
        "email": ("", "bauamt@ahaus.de"),
        "phone": ("", "02561 72-0"),
        "person1_first_name": ("", "Erika"),
        "person1_surname": ("", "Muster"),
        "person1_email": ("", "e.muster@ahaus.de"),
    }
    services = {k: v for k, v in _by_field(result.changes).items() if k[0] is not None}
    assert services == {
        (building[0], "page_url"): (
            "https://www.ahaus.de/alt",
            "https://www.ahaus.de/bauen/abbruch",
        ),
        (building[0], "status"): ("angefragt", "geliefert"),
        (building[1], "online_url"): ("", "https://service.ahaus.de/antrag"),
        (building[1], "page_url"): ("", "https://www.ahaus.de/bauen/antrag"),
        (building[1], "notes"): ("", "Formular\nbitte prüfen"),
        (building[3], "phone"): ("", "02561 72-300"),
    }
    change = next(
        c for c in result.changes if c.field == "page_url" and c.service_id == building[0]
    )
    assert change.label == "Seite auf der Website" and change.file == path.name
    assert change.office == "Bauamt" and change.key and change.name and change.cell.startswith("M")
    assert result.conflicts == []
    errors = {(e.row, e.column, e.cell, e.value): e.message for e in result.errors}
    assert set(errors) == {
        (int(bad_mail[1:]), "E-Mail der Person", bad_mail, "muster(at)ahaus.de"),
        (int(bad_postcode[1:]), "PLZ", bad_postcode, "4868"),
        (int(bad_status[1:]), "Stand", bad_status, "fertig"),
    }
    assert "@" in errors[(int(bad_mail[1:]), "E-Mail der Person", bad_mail, "muster(at)ahaus.de")]
    assert "fünf Ziffern" in errors[(int(bad_postcode[1:]), "PLZ", bad_postcode, "4868")]
    assert "Unbekannter Stand" in errors[(int(bad_status[1:]), "Stand", bad_status, "fertig")]
    assert [(u.row, u.key) for u in result.unknown] == [
        (invented, "99999999999999"),
        (foreign, other_key),
    ]
    assert "gibt es im Projekt nicht" in result.unknown[0].reason
    assert "Ordnungsamt" not in result.unknown[1].reason and "Bauamt" in result.unknown[1].reason
    assert result.unknown[1].service_id == other[0]
    assert [(v.service_id, v.office) for v in result.vanished] == [(building[2], "Bauamt")]

    applied = apply(project, result, "all")
    assert applied.committed and len(applied.applied) == len(result.changes)
    assert applied.backup is not None and applied.backup.exists()
    assert "vor-Rücklauf" in applied.backup.name
    rows = {r.service_id: r for r in delivery.effective_rows(project, ids=building)}
    first = rows[building[0]]
    assert first.get("page_url") == "https://www.ahaus.de/bauen/abbruch"
    assert first.status == delivery.DELIVERED and first.dates["delivered_on"] == date.today()
    assert first.get("street") == "Rathausplatz" and "street" in first.inherited
    assert first.persons[0].name == "Erika Muster" and first.persons_inherited
    second = rows[building[1]]
    assert second.get("online_url") == "https://service.ahaus.de/antrag"
    assert second.get("notes") == "Formular\nbitte prüfen"
    assert not second.stored.persons  # the invalid person was not taken
    assert rows[building[3]].get("postcode") == "48683"  # the invalid override was not taken
    assert rows[building[3]].get("phone") == "02561 72-300"
    assert not rows[building[2]].stored.exists
    (unit,) = [u for u in delivery.units(project) if u.office_id == bauamt]
    assert unit.get("unit_name") == "Bauamt Ahaus"  # untouched in the form: kept

    again = review(project, [path])
    assert again.changes == [] and again.conflicts == []
    assert len(again.errors) == 3  # the invalid cells are still invalid
    assert not apply(project, again, "all").committed

    after_apply = _dump(project)
    undo(project, applied)
    assert _dump(project) != after_apply
    restored = {r.service_id: r for r in delivery.effective_rows(project, ids=building)}
    assert restored[building[0]].get("page_url") == "https://www.ahaus.de/alt"
    assert restored[building[0]].status == delivery.REQUESTED
    assert not restored[building[1]].stored.exists
    (unit,) = [u for u in delivery.units(project) if u.office_id == bauamt]
    assert unit.get("street") == "" and unit.persons == ()
    # the review from before can be applied again (its old values are current again)
    assert apply(project, result, "all").committed


def test_conflicts_are_flagged_and_applied_only_when_accepted(
    project: Project, tmp_path: Path
) -> None:
    bauamt, building, _, _ = _setup(project)
    delivery.save_unit(project, bauamt, {"phone": "02561 1"})
    delivery.edit_services(project, building[:2], page_url="https://www.ahaus.de/alt")
    path = _form(export_forms(project, tmp_path / "out"), "Bauamt")
    # edited in the app after the form went out
    delivery.edit_services(project, building[:1], page_url="https://www.ahaus.de/app")
    delivery.edit_services(project, building[1:2], page_url="https://www.ahaus.de/gleich")
    delivery.save_unit(project, bauamt, {"phone": "02561 2"})
    form = FormEditor(path)
    form.set(building[0], "Seite auf der Website", "https://www.ahaus.de/formular")
    form.set(building[1], "Seite auf der Website", "https://www.ahaus.de/gleich")
    form.set(building[2], "Online-Dienst", "https://service.ahaus.de/x")
    form.set_unit("Telefon", "02561 3")
    form.save()

    result = review(project, [path])
    assert [(c.field, c.new) for c in result.changes] == [
        ("online_url", "https://service.ahaus.de/x")
    ]
    conflicts = {(c.service_id, c.field): c for c in result.conflicts}
    assert set(conflicts) == {(building[0], "page_url"), (None, "phone")}
    page = conflicts[(building[0], "page_url")]
    assert (page.old, page.exported, page.new) == (
        "https://www.ahaus.de/app",
        "https://www.ahaus.de/alt",
        "https://www.ahaus.de/formular",
    )
    assert page.conflict and "Seit dem Versand" in page.reason

    plain = apply(project, result, "all")
    assert plain.committed and [c.field for c in plain.applied] == ["online_url"]
    (row,) = delivery.effective_rows(project, ids=building[:1])
    assert row.get("page_url") == "https://www.ahaus.de/app"  # not overwritten
    accepted = apply(project, result, {page.id})
    assert accepted.committed and accepted.applied == [page]
    (row,) = delivery.effective_rows(project, ids=building[:1])
    assert row.get("page_url") == "https://www.ahaus.de/formular"
    assert [s.service_id for s in accepted.previous_stored] == [building[0]]
    assert accepted.previous_stored[0].values["page_url"] == "https://www.ahaus.de/app"
    with pytest.raises(ValueError):
        apply(project, result, {"gibt-es-nicht"})


def test_a_value_changed_after_the_review_is_not_overwritten(
    project: Project, tmp_path: Path
) -> None:
    _, building, _, _ = _setup(project)
    path = _form(export_forms(project, tmp_path / "out"), "Bauamt")
    form = FormEditor(path)
    form.set(building[0], "Seite auf der Website", "https://www.ahaus.de/formular")
    form.set(building[1], "Seite auf der Website", "https://www.ahaus.de/b")
    form.save()
    result = review(project, [path])
    assert len(result.changes) == 2
    delivery.edit_services(project, building[:1], page_url="https://www.ahaus.de/inzwischen")
    applied = apply(project, result, "all")
    assert applied.committed and [c.service_id for c in applied.applied] == [building[1]]
    (skipped,) = applied.skipped
    assert skipped.change.service_id == building[0] and "Inzwischen" in skipped.reason
    (row,) = delivery.effective_rows(project, ids=building[:1])
    assert row.get("page_url") == "https://www.ahaus.de/inzwischen"


def test_persons_and_keyless_rows(project: Project, tmp_path: Path) -> None:
    bauamt, building, _, _ = _setup(project)
    erika = Person(None, "Erika", "Muster", "02561 1", "e.muster@ahaus.de")
    hans = Person(None, "Hans", "Beispiel", "02561 2", "h.beispiel@ahaus.de")
    delivery.save_unit(project, bauamt, {"unit_name": "Bauamt"}, [erika, hans])
    delivery.edit_services(project, building[:1], persons=[erika, hans])
    path = _form(export_forms(project, tmp_path / "out"), "Bauamt")
    form = FormEditor(path)
    assert form.get(building[0], "Vorname") == "Erika"  # the service's first own person
    # the office removes Erika from the contact point and adds a third person in row 3
    for header in ("Vorname", "Nachname", "Telefon", "E-Mail"):
        form.set_person(1, header, None)
    form.set_person(3, "Vorname", "Lena")
    form.set_person(3, "E-Mail", "l.neu@ahaus.de")
    form.set(building[0], "Telefon der Person", "02561 99")
    form.set(building[0], "Sprechzeiten", "Mo 8–12 Uhr")
    # a row whose id was lost is found by its key
    row = form.row_of(building[1])
    form.services.cell(row, 1).value = None
    form.services.cell(row, form.columns["Fax"]).value = "02561 72-9"
    form.save()

    result = review(project, [path])
    assert result.errors == [] and result.conflicts == [] and result.unknown == []
    assert result.vanished == []
    assert _by_field(result.changes) == {
        (None, "person1_first_name"): ("Erika", "Hans"),
        (None, "person1_surname"): ("Muster", "Beispiel"),
        (None, "person1_phone"): ("02561 1", "02561 2"),
        (None, "person1_email"): ("e.muster@ahaus.de", "h.beispiel@ahaus.de"),
        (None, "person2_first_name"): ("Hans", "Lena"),
        (None, "person2_surname"): ("Beispiel", ""),
        (None, "person2_phone"): ("02561 2", ""),
        (None, "person2_email"): ("h.beispiel@ahaus.de", "l.neu@ahaus.de"),
        (building[0], "person_phone"): ("02561 1", "02561 99"),
        (building[0], "person_hours"): ("", "Mo 8–12 Uhr"),
        (building[1], "fax"): ("", "02561 72-9"),
    }
    assert apply(project, result, "all").committed
    (unit,) = [u for u in delivery.units(project) if u.office_id == bauamt]
    assert [(p.name, p.email) for p in unit.persons] == [
        ("Hans Beispiel", "h.beispiel@ahaus.de"),
        ("Lena", "l.neu@ahaus.de"),
    ]
    (stored,) = delivery.stored(project, building[:1])
    assert [(p.name, p.phone, p.hours) for p in stored.persons] == [
        ("Erika Muster", "02561 99", "Mo 8–12 Uhr"),
        ("Hans Beispiel", "02561 2", ""),  # further own persons stay
    ]
    assert review(project, [path]).changes == []


def test_person_rows_with_gaps_invalid_values_or_only_hours(
    project: Project, tmp_path: Path
) -> None:
    bauamt, building, _, _ = _setup(project)
    erika = Person(None, "Erika", "Muster", "02561 1", "e.muster@ahaus.de")
    delivery.save_unit(project, bauamt, {"unit_name": "Bauamt"}, [erika])
    path = _form(export_forms(project, tmp_path / "out"), "Bauamt")
    form = FormEditor(path)
    form.set_person(2, "Telefon", "8")  # only an invalid value: no person
    form.set_person(3, "Vorname", "Lena")
    form.set(building[0], "Sprechzeiten", "Mo 8–12 Uhr")  # hours without a person
    form.save()
    result = review(project, [path])
    assert _by_field(result.changes) == {(None, "person2_first_name"): ("", "Lena")}
    assert sorted(e.column for e in result.errors) == ["Ansprechperson 2: Telefon", "Sprechzeiten"]
    assert any("Sprechzeiten ohne Ansprechperson" in e.message for e in result.errors)
    assert apply(project, result, "all").committed
    (unit,) = [u for u in delivery.units(project) if u.office_id == bauamt]
    assert [p.name for p in unit.persons] == ["Erika Muster", "Lena"]
    again = review(project, [path])
    assert again.changes == [] and again.conflicts == [] and len(again.errors) == 2


def test_hours_are_not_applied_to_a_person_the_app_removed(
    project: Project, tmp_path: Path
) -> None:
    _, building, _, _ = _setup(project)
    delivery.edit_services(project, building[:1], persons=[Person(None, "Erika")])
    path = _form(export_forms(project, tmp_path / "out"), "Bauamt")
    delivery.edit_services(project, building[:1], persons=[])  # removed in the app
    form = FormEditor(path)
    form.set(building[0], "Vorname", "Hans")  # a conflict
    form.set(building[0], "Sprechzeiten", "Mo 8–12 Uhr")  # a change, needs the person
    form.save()
    result = review(project, [path])
    assert [c.field for c in result.conflicts] == ["person_first_name"]
    assert [c.field for c in result.changes] == ["person_hours"]
    applied = apply(project, result, "all")
    assert not applied.committed and "Sprechzeiten ohne Ansprechperson" in applied.skipped[0].reason
    assert apply(project, result, delivery_returns.accept_ids(result, conflicts=True)).committed
    (stored,) = delivery.stored(project, building[:1])
    assert [(p.first_name, p.hours) for p in stored.persons] == [("Hans", "Mo 8–12 Uhr")]


def test_several_returns_at_once(project: Project, tmp_path: Path) -> None:
    _, building, _, other = _setup(project)
    files = export_forms(project, tmp_path / "out")
    first = FormEditor(_form(files, "Bauamt"))
    first.set(building[0], "Seite auf der Website", "https://www.ahaus.de/a")
    first.set(building[1], "Seite auf der Website", "https://www.ahaus.de/gleich")
    first.save()
    copy = tmp_path / "out" / "Datenlieferung Bauamt (2).xlsx"
    copy.write_bytes(first.path.read_bytes())
    second = FormEditor(copy)
    second.set(building[0], "Seite auf der Website", "https://www.ahaus.de/b")
    second.save()
    third = FormEditor(_form(files, "Ordnungsamt"))
    third.set(other[0], "Stand", "geliefert")
    third.save()

    result = review(project, [first.path, copy, third.path, first.path])
    assert len(result.forms) == 3  # the repeated file counts once
    assert sorted((c.service_id, c.new) for c in result.conflicts) == [
        (building[0], "https://www.ahaus.de/a"),
        (building[0], "https://www.ahaus.de/b"),
    ]
    assert all("Mehrere Rückläufe" in c.reason for c in result.conflicts)
    assert sorted((c.service_id, c.new) for c in result.changes) == sorted(
        [(building[1], "https://www.ahaus.de/gleich"), (other[0], "geliefert")]
    )
    ids = [c.id for c in result.changes + result.conflicts]
    assert len(set(ids)) == 4
    again = review(project, [first.path, copy, third.path])
    assert [c.id for c in again.changes + again.conflicts] == ids  # stable between reviews


# -- files that are no (usable) forms --------------------------------------------------------


def test_file_level_problems_have_clear_messages(
    project: Project, empty_project: Project, tmp_path: Path
) -> None:
    _setup(project)
    path = _form(export_forms(project, tmp_path / "out"), "Bauamt")
    other = tmp_path / "Liste.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["LeiKa-Schlüssel", "Leistung"])
    wb.save(other)
    damaged = tmp_path / "kaputt.xlsx"
    damaged.write_bytes(path.read_bytes()[:3000])
    text = tmp_path / "notiz.txt"
    text.write_text("Hallo", encoding="utf-8")
    newer = tmp_path / "neuer.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["ozgdesk"]["B1"] = "99"
    wb.save(newer)
    no_sheet = tmp_path / "ohne-blatt.xlsx"
    wb = openpyxl.load_workbook(path)
    wb["Leistungen"].cell(2, 21).value = "Anmerkung"  # column "Bemerkung" renamed
    wb.save(no_sheet)
    missing = tmp_path / "fehlt.xlsx"

    before = _dump(project)
    result = review(project, [other, damaged, text, newer, no_sheet, missing])
    assert _dump(project) == before
    messages = {e.file: e.message for e in result.errors}
    assert all(e.file_level and e.row == 0 for e in result.errors)
    assert "kein Rücklaufformular von ozgdesk" in messages["Liste.xlsx"]
    assert "beschädigt" in messages["kaputt.xlsx"]
    assert "kein Rücklaufformular" in messages["notiz.txt"]
    assert "neueren Version" in messages["neuer.xlsx"]
    assert "„Bemerkung“" in messages["ohne-blatt.xlsx"]
    assert "gibt es nicht" in messages["fehlt.xlsx"]
    assert not apply(project, result, "all").committed
    assert _dump(project) == before

    foreign = review(empty_project, [path])
    (error,) = foreign.errors
    assert "anderen Projekt" in error.message and "Ahaus" in error.message


def test_a_form_of_a_deleted_office(project: Project, tmp_path: Path) -> None:
    bauamt, _, ordnungsamt, other = _setup(project)
    path = _form(export_forms(project, tmp_path / "out"), "Ordnungsamt")
    form = FormEditor(path)
    form.set(other[0], "Stand", "geliefert")
    form.set_unit("Straße", "Markt")
    form.save()
    offices.delete_office(project, ordnungsamt, move_to=bauamt)
    result = review(project, [path])
    (error,) = result.errors
    assert not error.file_level and "gibt es im Projekt nicht mehr" in error.message
    assert [(c.service_id, c.new) for c in result.changes] == [(other[0], "geliefert")]
    assert result.forms[0].office == "Ordnungsamt"


# -- command line ------------------------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ozgdesk", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


def test_cli_export_forms_and_import_returns(catalogue_path: Path, tmp_path: Path) -> None:
    with Project.open(catalogue_path) as project:
        _, building, _, _ = _setup(project)
        delivery.edit_services(project, building[:1], page_url="https://www.ahaus.de/alt")
    out = tmp_path / "Formulare"
    exported = _run(
        "export", "forms", "--project", str(catalogue_path), "--out", str(out),
        "--deadline", "2030-06-30",
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert "2 Formular(e)" in exported.stdout
    path = out / "Datenlieferung Bauamt.xlsx"
    form = FormEditor(path)
    form.set(building[0], "Seite auf der Website", "https://www.ahaus.de/neu")
    form.set(building[1], "E-Mail", "kaputt")
    form.save()
    with Project.open(catalogue_path) as project:  # edited in the app meanwhile: a conflict
        delivery.edit_services(project, building[:1], page_url="https://www.ahaus.de/app")
        form = FormEditor(path)
        form.set(building[2], "Seite auf der Website", "https://www.ahaus.de/c")
        form.save()
    before = _dump(catalogue_path)

    dry = _run("import-returns", str(path), "--project", str(catalogue_path), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    data = json.loads(dry.stdout)
    assert set(data) >= {
        "changes",
        "conflicts",
        "unknown",
        "errors",
        "committed",
        "vanished",
        "backup",
    }
    assert data["committed"] is False and data["backup"] == ""
    assert [(c["service_id"], c["field"], c["old"], c["new"]) for c in data["changes"]] == [
        (building[2], "page_url", "", "https://www.ahaus.de/c")
    ]
    (conflict,) = data["conflicts"]
    assert (conflict["old"], conflict["exported"], conflict["new"]) == (
        "https://www.ahaus.de/app",
        "https://www.ahaus.de/alt",
        "https://www.ahaus.de/neu",
    )
    (error,) = data["errors"]
    assert error["column"] == "E-Mail" and error["value"] == "kaputt" and error["row"] >= 3
    assert error["message"]
    assert _dump(catalogue_path) == before

    human = _run("import-returns", str(path), "--project", str(catalogue_path))
    assert human.returncode == 0, human.stderr
    assert "Änderungen (1)" in human.stdout and "Konflikte (1)" in human.stdout
    assert "--accept-conflicts" in human.stdout and "Sicherung vorher" in human.stdout
    with Project.open(catalogue_path, read_only=True) as project:
        rows = {r.service_id: r for r in delivery.effective_rows(project, ids=building)}
    assert rows[building[0]].get("page_url") == "https://www.ahaus.de/app"
    assert rows[building[2]].get("page_url") == "https://www.ahaus.de/c"

    accepted = _run(
        "import-returns", str(path), "--project", str(catalogue_path), "--accept-conflicts",
        "--json",
    )  # fmt: skip
    assert accepted.returncode == 0, accepted.stderr
    data = json.loads(accepted.stdout)
    assert data["committed"] is True and Path(data["backup"]).exists()
    assert data["applied"] == [data["conflicts"][0]["id"]]

    nothing = _run("import-returns", str(path), "--project", str(catalogue_path), "--json")
    assert nothing.returncode == 1
    data = json.loads(nothing.stdout)
    assert data["committed"] is False and data["changes"] == [] and data["conflicts"] == []

    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04 nicht wirklich")
    failed = _run("import-returns", str(broken), "--project", str(catalogue_path), "--dry-run")
    assert failed.returncode == 1 and "kaputt.xlsx" in failed.stdout
    usage = _run(
        "export", "forms", "--project", str(catalogue_path), "--out", str(out),
        "--deadline", "30.06.2030",
    )  # fmt: skip
    assert usage.returncode == 2 and "--deadline" in usage.stderr


def test_form_is_a_valid_zip_written_atomically(project: Project, tmp_path: Path) -> None:
    _setup(project)
    out = tmp_path / "out"
    out.mkdir()
    (out / "Datenlieferung Bauamt.xlsx").write_text("alt")
    files = export_forms(project, out)
    assert zipfile.is_zipfile(files[0])
    assert sorted(p.name for p in out.iterdir()) == [
        "Datenlieferung Bauamt.xlsx",
        "Datenlieferung Ordnungsamt.xlsx",
    ]


def test_labels_of_the_service_sheet_are_unique() -> None:
    unit, persons, service = delivery_returns.form_fields()
    labels = [f.label for f in service] + ["Nr. (ozgdesk)", "LeiKa-Schlüssel", "Leistung"]
    assert len(labels) == len(set(labels))
    assert len({f.label for f in unit}) == len(unit) and len(persons) == 5
