"""The municipality's official keys: Amtlicher Gemeindeschlüssel (AGS, 8 digits) and
Amtlicher Regionalschlüssel (ARS, 12 digits), kept in ``project_info``.

The ARS is the area (``gebietID``) of every responsibility in the XZuFi file of step 4.
Its digits: Land (2), Regierungsbezirk (1), Kreis (2), Gemeindeverband (4), Gemeinde (3);
the AGS is Land + Regierungsbezirk + Kreis + Gemeinde. So an ARS always begins with the
first five digits of the AGS and ends with its last three.

``set_keys`` validates and stores both; ``keys`` reads them. The built-in list of NRW
municipalities (set at creation and on upgrade) and the settings dialog build on these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ozgdesk.store.project import Project

AGS_RE = re.compile(r"\d{8}")
ARS_RE = re.compile(r"\d{12}")

# the Länder by the first two digits of AGS/ARS (official names, Statistisches Bundesamt)
LAENDER = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


class KeyFormatError(ValueError):
    """An AGS or ARS in the wrong format."""


@dataclass(frozen=True)
class Keys:
    municipality: str
    ags: str  # "" = not known
    ars: str  # "" = not known
    district: str = ""
    title: str = ""  # "Gemeinde", "Stadt", "Kreis", "Städteregion" ("" unknown)

    @property
    def official_name(self) -> str:
        """ "Stadt Ahaus" – the name with its title, as a sender is named ("Ahaus" if the
        title is unknown; a name that starts with its title stays as it is)."""
        name = self.municipality.strip()
        if not self.title or name.split(" ", 1)[0] == self.title:
            return name
        return f"{self.title} {name}"

    @property
    def land(self) -> str:
        """The Land's name ("Nordrhein-Westfalen"), "" if no key is known."""
        code = (self.ars or self.ags)[:2]
        return LAENDER.get(code, "")

    @property
    def land_code(self) -> str:
        return (self.ars or self.ags)[:2]


def _digits(text: str) -> str:
    """Spaces and dots people type between the groups are dropped ("05 5 54 0008 008")."""
    return re.sub(r"[\s.\-]", "", text or "")


def ags_problem(ags: str) -> str:
    """Why ``ags`` is no valid AGS ("" if it is, or if it is empty)."""
    value = _digits(ags)
    if not value:
        return ""
    if not AGS_RE.fullmatch(value):
        return f"Der Amtliche Gemeindeschlüssel „{ags}“ hat nicht genau 8 Ziffern (z. B. 05554008)."
    if value[:2] not in LAENDER:
        return f"Der Amtliche Gemeindeschlüssel „{ags}“ beginnt mit keinem Länderschlüssel (01–16)."
    return ""


def ars_problem(ars: str, ags: str = "") -> str:
    """Why ``ars`` is no valid ARS, or does not fit ``ags`` ("" if fine or empty)."""
    value = _digits(ars)
    if not value:
        return ""
    if not ARS_RE.fullmatch(value):
        return (
            f"Der Amtliche Regionalschlüssel „{ars}“ hat nicht genau 12 Ziffern "
            "(z. B. 055540008008)."
        )
    if value[:2] not in LAENDER:
        return f"Der Amtliche Regionalschlüssel „{ars}“ beginnt mit keinem Länderschlüssel (01–16)."
    municipality_key = _digits(ags)
    if municipality_key and AGS_RE.fullmatch(municipality_key):
        if value[:5] != municipality_key[:5]:
            return (
                f"Der Regionalschlüssel „{ars}“ passt nicht zum Gemeindeschlüssel „{ags}“: "
                f"er muss mit {municipality_key[:5]} beginnen (Land, Regierungsbezirk, Kreis)."
            )
        if value[9:] != municipality_key[5:]:
            return (
                f"Der Regionalschlüssel „{ars}“ passt nicht zum Gemeindeschlüssel „{ags}“: "
                f"er muss mit {municipality_key[5:]} enden (Gemeinde)."
            )
    return ""


def keys(project: Project) -> Keys:
    """The municipality's name and keys as stored."""
    with project.reading() as conn:
        row = conn.execute(
            "SELECT municipality, ags, ars, district, municipality_title FROM project_info "
            "ORDER BY id LIMIT 1"
        ).fetchone()
    if row is None:
        return Keys("", "", "")
    return Keys(*(value or "" for value in row))


def set_keys(project: Project, *, ags: str, ars: str, district: str | None = None) -> Keys:
    """Validate and store AGS and ARS (empty = not known); raises ``ValueError`` with a
    German message when a key has the wrong format or the two do not fit together."""
    from sqlmodel import select

    from ozgdesk.store.models import ProjectInfo

    problem = ags_problem(ags) or ars_problem(ars, ags)
    if problem:
        raise KeyFormatError(problem)
    with project.session() as session:
        info = session.exec(select(ProjectInfo).order_by(ProjectInfo.id)).first()  # type: ignore[arg-type]
        if info is None:
            raise KeyFormatError("Das Projekt hat keine Angaben zur Kommune.")
        info.ags = _digits(ags)
        info.ars = _digits(ars)
        if district is not None:
            info.district = district.strip()
        session.add(info)
    return keys(project)
