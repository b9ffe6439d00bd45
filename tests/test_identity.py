"""The built-in list of NRW municipalities and districts and the project's identity:
complete and consistent keys, set at creation, filled on upgrade, validated when edited."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ozgdesk.store.project import Project
from ozgdesk.workflow import identity, municipality
from ozgdesk.workflow.identity import Identity
from ozgdesk.workflow.info import project_facts
from ozgdesk.workflow.projects import create_project
from tests.fixtures import schema_versions as fx


def test_every_municipality_and_district_of_nrw_is_in_the_list() -> None:
    entries = municipality.builtin()
    kinds = Counter(e.kind for e in entries)
    # 396 municipalities (23 kreisfreie incl. Aachen, 35 große, 132 mittlere kreisangehörige
    # Städte per § 4 GO NRW and its regulation, 206 other) and 31 districts
    assert len(entries) == 427
    assert kinds == {
        "gemeinde": 206,
        "mittlere_stadt": 132,
        "grosse_stadt": 35,
        "kreisfreie_stadt": 23,
        "kreis": 31,
    }
    names = [e.name for e in entries]
    assert len(set(names)) == len(names)
    assert len({e.ags for e in entries}) == 427 and len({e.ars for e in entries}) == 427


def test_every_entry_has_keys_of_the_right_form_and_the_right_district() -> None:
    districts = {d.ags[:5]: d for d in municipality.districts()}
    assert len(districts) == 31
    for entry in municipality.builtin():
        assert re.fullmatch(r"05\d{6}", entry.ags), entry
        assert re.fullmatch(r"05\d{10}", entry.ars), entry
        assert entry.ars[:5] == entry.ags[:5], entry
        assert entry.ars == identity.ars_from_ags(entry.ags), entry
        assert entry.kind in municipality.KINDS, entry
        assert entry.title in municipality.TITLES, entry
        if entry.kind == "kreis":
            assert entry.ags.endswith("000") and entry.district == "", entry
            assert entry.ars.endswith("0000000")
        elif entry.kind == "kreisfreie_stadt" and entry.name != "Aachen":
            assert entry.ags.endswith("000") and entry.district == "", entry
        else:  # kreisangehörig (and Aachen in the Städteregion): in the district of its key
            assert entry.district == districts[entry.ags[:5]].name, entry
            assert not entry.ags.endswith("000")
        assert (
            identity.validate(
                Identity(entry.kind, entry.title, entry.ags, entry.ars, entry.district)
            )
            == []
        ), entry


def test_known_entries() -> None:
    ahaus = municipality.find("Ahaus")
    assert ahaus is not None
    assert (ahaus.kind, ahaus.title, ahaus.ags, ahaus.ars, ahaus.district, ahaus.website) == (
        "mittlere_stadt",
        "Stadt",
        "05554004",
        "055540004004",
        "Kreis Borken",
        "ahaus.de",
    )
    assert municipality.find("Gemeinde Alpen").kind == "gemeinde"  # type: ignore[union-attr]
    assert municipality.find("Paderborn").kind == "grosse_stadt"  # type: ignore[union-attr]
    assert municipality.find("köln").ags == "05315000"  # type: ignore[union-attr]
    kreis = municipality.find("Kreis Borken")
    assert kreis is not None and (kreis.kind, kreis.ags, kreis.title) == (
        "kreis",
        "05554000",
        "Kreis",
    )
    region = municipality.find("Städteregion Aachen")
    assert region is not None and (region.title, region.ars) == ("Städteregion", "053340000000")
    # spellings of the older list are still found; names of other Länder are gone
    assert municipality.find("Berglamen").name == "Bergkamen"  # type: ignore[union-attr]
    assert municipality.find("Helbra") is None
    assert municipality.find("Gemeinde Musterhausen") is None


def test_a_new_project_knows_its_identity(tmp_path: Path) -> None:
    with create_project(tmp_path / "a.ozgdesk", "Alpen", with_catalogue=False) as project:
        facts = project_facts(project)
    assert (facts["municipality_type"], facts["ags"], facts["ars"], facts["district"]) == (
        "gemeinde",
        "05170004",
        "051700004004",
        "Kreis Wesel",
    )
    assert facts["municipality_title"] == "Gemeinde" and facts["website"] == "alpen.de"
    with create_project(tmp_path / "m.ozgdesk", "Musterhausen", with_catalogue=False) as project:
        assert identity.read(project) == Identity()


def test_info_json_shows_the_kind(tmp_path: Path) -> None:
    path = tmp_path / "k.ozgdesk"
    run = [sys.executable, "-m", "ozgdesk"]
    subprocess.run(
        [*run, "new", "--project", str(path), "--municipality", "Köln", "--no-catalogue"],
        check=True,
        capture_output=True,
    )
    out = subprocess.run(
        [*run, "info", "--project", str(path), "--json"], check=True, capture_output=True
    )
    facts = json.loads(out.stdout)
    assert facts["municipality_type"] == "kreisfreie_stadt"
    assert (facts["ags"], facts["ars"], facts["district"]) == ("05315000", "053150000000", "")


def test_save_validates_and_returns_the_previous_identity(tmp_path: Path) -> None:
    with create_project(tmp_path / "a.ozgdesk", "Alpen", with_catalogue=False) as project:
        before = identity.read(project)
        with pytest.raises(ValueError, match="8 Ziffern"):
            identity.save(project, Identity("gemeinde", "Gemeinde", "5170004", "", ""))
        with pytest.raises(ValueError, match="passt nicht zum Gemeindeschlüssel"):
            identity.save(project, Identity("gemeinde", "Gemeinde", "05170004", "051540004004"))
        with pytest.raises(ValueError, match="Kreis Wesel"):
            identity.save(
                project, Identity("gemeinde", "Gemeinde", "05170004", "051700004004", "Kreis Kleve")
            )
        with pytest.raises(ValueError, match="Unbekannte Art"):
            identity.save(project, Identity("dorf", "Gemeinde"))
        assert identity.read(project) == before  # nothing stored
        changed = Identity("mittlere_stadt", "Stadt", " 05170004 ", "051700004004", "Kreis Wesel")
        assert identity.save(project, changed) == before
        assert identity.read(project).municipality_type == "mittlere_stadt"
        assert identity.read(project).ags == "05170004"  # cleaned


def test_completed_fills_ars_and_district_from_the_ags() -> None:
    done = identity.completed(Identity("gemeinde", "Gemeinde", "05170004"))
    assert (done.ars, done.district) == ("051700004004", "Kreis Wesel")
    assert identity.completed(Identity("kreis", "Kreis", "05170000")).ars == "051700000000"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Stadt Ahaus", ("mittlere_stadt", "05554004", "Kreis Borken")),
        ("Berglamen", ("mittlere_stadt", "05978004", "Kreis Unna")),  # older list's spelling
        ("Kreis Kleve", ("kreis", "05154000", "")),
        ("Altdorf am Fluss", ("", "", "")),  # not in NRW: stays empty
    ],
)
def test_an_older_project_gets_its_identity_on_upgrade(
    name: str, expected: tuple[str, str, str], tmp_path: Path
) -> None:
    path = fx.build(tmp_path / "alt.ozgdesk", 6)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE project_info SET municipality = ?", (name,))
    conn.close()
    with Project.open(path) as project:
        got = identity.read(project)
    assert (got.municipality_type, got.ags, got.district) == expected
    if expected[1]:
        assert got.ars == identity.ars_from_ags(expected[1])
