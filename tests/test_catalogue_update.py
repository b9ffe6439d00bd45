"""`update-catalogue`: a newer catalogue release compared with and brought into a project.

The release is made from the real NRW catalogue (official layout) with known
differences; the project is a real file with decisions, assignments and plans.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import overview
from ozgdesk.workflow.catalogue_update import analyse_update, apply_update
from tests import dbstate
from tests.fixtures import spreadsheets as fx
from tests.test_import import dump, ozgdesk, query

KEYED = [r for r in fx.catalogue() if fx.has_key(r)]
RETIRED = [r[fx.KEY] for r in KEYED[10:13]]
RENAMED = {KEYED[20][fx.KEY]: KEYED[20][fx.NAME] + " (neu gefasst)"}
RETYPED = {KEYED[21][fx.KEY]: "5" if KEYED[21]["Typ"] != "5" else "4"}
RELINKED = next(r for r in KEYED[30:] if r["OZG-ID"])[fx.KEY]
ADDED = [
    ("99990001001000", "Ladesäulengenehmigung Erteilung"),
    ("99990001002000", "Neue Leistung B"),
]


def release_rows(keyless: bool = False) -> list[list[str]]:
    rows: list[list[str]] = [fx.NRW_HEADER]
    for source in fx.catalogue():
        if not fx.has_key(source) and not keyless:
            continue  # an official LeiKa release has no "nicht im LeiKa" rows
        row = dict(source)
        key = row[fx.KEY]
        if key in RETIRED:
            continue
        row[fx.NAME] = RENAMED.get(key, row[fx.NAME])
        row["Typ"] = RETYPED.get(key, row["Typ"])
        if key == RELINKED:
            row["OZG-ID"], row["OZG-Leistung"] = "99999", "Neue OZG-Leistung"
        rows.append([row[h] for h in fx.NRW_HEADER])
    for key, name in ADDED:
        rows.append([key, name] + [""] * (len(fx.NRW_HEADER) - 2))
    return rows


@pytest.fixture
def release(tmp_path: Path) -> Path:
    return fx.write_xlsx(tmp_path / "leika-2026.xlsx", {"Leistungen": release_rows()})


def _counts(project: Project) -> tuple[int, int]:
    """Services without and with a key in the project."""
    ((keyless, keyed),) = query(project, "SELECT count(*) - count(key), count(key) FROM service")
    return keyless, keyed


def _decide(project: Project) -> None:
    dbstate.execute(
        project,
        "INSERT INTO office (name, short_name, number, kind, created_at) "
        "VALUES ('Bauamt', '', '', 'Amt', '2026-01-01')",
        *[
            (
                "UPDATE service SET relevance = 'relevant', relevance_reason = 'wichtig', "
                "lead_office_id = (SELECT id FROM office WHERE name = 'Bauamt') WHERE key = ?",
                (key,),
            )
            for key in (RETIRED[0], *RENAMED, RELINKED)
        ],
    )


def test_dry_run_reports_added_changed_retired(project: Project, release: Path) -> None:
    before = dump(project)
    update = analyse_update(project, release)
    assert update.ok, update.reason
    assert [(a["key"], a["name"]) for a in update.added] == ADDED
    assert sorted(r["key"] for r in update.retired) == sorted(RETIRED)
    changed = {c.key: c.changes for c in update.changed}
    key = next(iter(RENAMED))
    assert changed[key] == {"name": (fx.by_key(key)[fx.NAME], RENAMED[key])}
    retyped = next(iter(RETYPED))
    assert changed[retyped] == {"typ": (fx.by_key(retyped)["Typ"], RETYPED[retyped])}
    assert changed[RELINKED] == {"ozg": (fx.by_key(RELINKED)["OZG-ID"], "99999")}
    assert len(changed) == 3
    keyless, keyed = _counts(project)
    assert update.not_compared == keyless
    assert keyed == len(KEYED) and update.unchanged == keyed - 3 - 3
    assert dump(project) == before


def test_apply_keeps_decisions_and_marks_retired(project: Project, release: Path) -> None:
    _decide(project)
    before = sum(_counts(project))
    update = apply_update(project, analyse_update(project, release))
    assert update.committed and Path(update.backup).is_file()
    rows = {r.key or r.name: r for r in overview.catalogue_rows(project)}
    assert len(rows) == before + 2
    gone = rows[RETIRED[0]]
    assert gone.retired and gone.relevance == "relevant" and gone.office == "Bauamt"
    assert all(rows[k].retired for k in RETIRED)
    assert sum(r.retired for r in rows.values()) == 3
    renamed = next(iter(RENAMED))
    assert rows[renamed].name == RENAMED[renamed] and rows[renamed].relevance == "relevant"
    assert rows[renamed].relevance_reason == "wichtig" and rows[renamed].office == "Bauamt"
    assert rows[RELINKED].ozg.startswith("99999 ") and ";" not in rows[RELINKED].ozg
    for key, name in ADDED:
        assert rows[key].name == name and rows[key].relevance == "" and not rows[key].retired
    members = query(
        project,
        "SELECT count(*) FROM service_source ss JOIN import_source s ON s.id = ss.source_id "
        "JOIN service v ON v.id = ss.service_id WHERE s.label = 'Katalog NRW' AND v.key IN (?, ?)",
        *[k for k, _n in ADDED],
    )
    assert members == [(2,)]
    # the same release again: nothing left to do
    again = analyse_update(project, release)
    assert (again.added, again.changed, again.retired) == ([], [], [])


def test_a_retired_service_comes_back(tmp_path: Path, project: Project, release: Path) -> None:
    apply_update(project, analyse_update(project, release))
    full = fx.write_xlsx(
        tmp_path / "voll.xlsx",
        {"Leistungen": [fx.NRW_HEADER] + [[r[h] for h in fx.NRW_HEADER] for r in KEYED]},
    )
    update = analyse_update(project, full)
    back = [c for c in update.changed if "retired" in c.changes]
    assert sorted(c.key for c in back) == sorted(RETIRED)
    assert sorted(r["key"] for r in update.retired) == sorted(k for k, _n in ADDED)
    apply_update(project, update)
    rows = {r.key: r for r in overview.catalogue_rows(project) if r.key}
    assert not any(rows[k].retired for k in RETIRED)


def test_a_selection_list_is_not_taken_for_a_release(tmp_path: Path, project: Project) -> None:
    small = fx.write_csv(
        tmp_path / "auswahl.csv",
        [["Leistungsschlüssel", "Leistungsbezeichnung"]]
        + [[r[fx.KEY], r[fx.NAME]] for r in KEYED[:40]],
    )
    before = dump(project)
    update = apply_update(project, analyse_update(project, small))
    assert not update.committed and "Auswahlliste" in update.reason
    assert dump(project) == before
    forced = apply_update(project, analyse_update(project, small, force=True))
    assert forced.committed and len(forced.retired) == len(KEYED) - 40


def test_broken_rows_retire_nothing(tmp_path: Path, project: Project) -> None:
    rows = release_rows()
    rows[5][0] = "9,90E+13"
    path = fx.write_csv(tmp_path / "kaputt.csv", rows, separator=";")
    update = analyse_update(project, path)
    assert update.ok and update.retired == [] and update.errors
    assert any("keine als entfallen markiert" in w.message for w in update.warnings)


def test_cli_update_catalogue(project: Project, release: Path) -> None:
    project.close()
    before = dump(project)
    dry = ozgdesk(
        "update-catalogue", *dbstate.location_args(project), str(release), "--dry-run", "--json"
    )
    assert dry.returncode == 0, dry.stderr
    data = json.loads(dry.stdout)
    assert data["committed"] is False and data["dry_run"] is True
    assert [a["key"] for a in data["added"]] == [k for k, _n in ADDED]
    assert len(data["changed"]) == 3 and len(data["retired"]) == 3
    assert data["changed"][0]["changes"]
    assert dump(project) == before
    done = ozgdesk("update-catalogue", *dbstate.location_args(project), str(release))
    assert done.returncode == 0, done.stderr
    assert "2 neu, 3 geändert, 3 entfallen" in done.stdout
    assert "Sicherung vorher" in done.stdout
    retired = query(project, "SELECT count(*) FROM service WHERE retired_at IS NOT NULL")
    assert retired == [(3,)]
    bad = ozgdesk(
        "update-catalogue", *dbstate.location_args(project), str(release.with_suffix(".pdf"))
    )
    assert bad.returncode == 1


def test_catalogue_workbook_marks_retired(tmp_path: Path, project: Project, release: Path) -> None:
    import openpyxl

    from ozgdesk.workflow.exports import export_catalogue

    apply_update(project, analyse_update(project, release))
    out = export_catalogue(project, tmp_path / "katalog.xlsx")
    book = openpyxl.load_workbook(out, read_only=True)
    try:
        rows = list(book["Leistungen"].iter_rows(values_only=True))
    finally:
        book.close()
    column = rows[0].index("Entfallen")
    marked = {r[0] for r in rows[1:] if len(r) > column and r[column] == "entfallen"}
    assert marked == set(RETIRED)
