"""The municipality's official keys: Amtlicher Gemeindeschlüssel (AGS, 8 digits) and
Amtlicher Regionalschlüssel (ARS, 12 digits), kept in ``project_info``.

The ARS is the area (``gebietID``) of every responsibility in the XZuFi file of step 4.
Its digits: Land (2), Regierungsbezirk (1), Kreis (2), Gemeindeverband (4), Gemeinde (3);
the AGS is Land + Regierungsbezirk + Kreis + Gemeinde. So an ARS always begins with the
first five digits of the AGS and ends with its last three.

``set_keys`` validates and stores both; ``keys`` reads them.

The whole identity – kind of municipality (``municipality_type``), title, AGS, ARS, district –
is an ``Identity``: set when a project is created (from the built-in list,
workflow/municipality.py), filled on upgrade for older projects (migration 0007), shown by
``ozgdesk info`` and corrected in Datei → Projekteinstellungen. ``validate`` gives German
messages; ``save`` refuses an identity with any of them and returns the one it replaced
(for undo).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ozgdesk.store.project import Project
from ozgdesk.workflow import municipality as kinds

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
        info = session.exec(select(ProjectInfo).order_by(ProjectInfo.id)).first()  # type: ignore[arg-type]  # SQLModel's select() overloads do not cover order_by on a column
        if info is None:
            raise KeyFormatError("Das Projekt hat keine Angaben zur Kommune.")
        info.ags = _digits(ags)
        info.ars = _digits(ars)
        if district is not None:
            info.district = district.strip()
        session.add(info)
    return keys(project)


# -- the whole identity: kind, title, keys, district ------------------------------------------


@dataclass(frozen=True)
class Identity:
    municipality_type: str = ""
    municipality_title: str = ""
    ags: str = ""
    ars: str = ""
    district: str = ""

    def cleaned(self) -> Identity:
        return Identity(
            self.municipality_type.strip(),
            self.municipality_title.strip(),
            _digits(self.ags),
            _digits(self.ars),
            " ".join(self.district.split()),
        )


def from_builtin(name: str) -> Identity:
    """The identity of ``name`` from the built-in list (empty when it is not in the list)."""
    entry = kinds.find(name)
    if entry is None:
        return Identity()
    return Identity(entry.kind, entry.title, entry.ags, entry.ars, entry.district)


def ars_from_ags(ags: str) -> str:
    """The 12-digit ARS of an NRW municipality from its AGS (NRW has no Gemeindeverbände:
    the four digits of the Verband are 0 and the municipality's own three digits)."""
    ags = _digits(ags)
    if not AGS_RE.fullmatch(ags):
        return ""
    if ags.endswith("000"):
        return ags[:5] + "0000000"
    return ags[:5] + "0" + ags[5:] + ags[5:]


def validate(identity: Identity) -> list[str]:
    """German messages for everything wrong with ``identity`` (empty: all right). Empty
    fields are allowed (unknown), a filled one must have the right form."""
    identity = identity.cleaned()
    problems: list[str] = []
    if identity.municipality_type and identity.municipality_type not in kinds.KINDS:
        problems.append(f"Unbekannte Art der Kommune „{identity.municipality_type}“.")
    for problem in (ags_problem(identity.ags), ars_problem(identity.ars, identity.ags)):
        if problem:
            problems.append(problem)
    if identity.municipality_type in kinds.KREISANGEHOERIG and identity.ags:
        district = kinds.district_of(identity.ags)
        if (
            district is not None
            and identity.district
            and identity.district.casefold() != district.name.casefold()
        ):
            problems.append(
                f"Nach dem AGS gehört die Kommune zum {district.name}, nicht zu "
                f"„{identity.district}“."
            )
    if identity.municipality_type in (kinds.KREIS, kinds.KREISFREIE_STADT) and (
        identity.ags and not identity.ags.endswith("000") and identity.ags != "05334002"
    ):
        problems.append(
            "Ein Kreis und eine kreisfreie Stadt haben einen AGS, der auf 000 endet "
            "(z. B. 05154000)."
        )
    return problems


def read(project: Project) -> Identity:
    from ozgdesk.store import queries

    with project.reading() as conn:
        row = queries.project_identity(conn)
    return Identity(row.municipality_type, row.municipality_title, row.ags, row.ars, row.district)


def save(project: Project, identity: Identity) -> Identity:
    """Store ``identity`` (cleaned); returns the one it replaced. Raises ``ValueError`` with
    all German messages when it is not valid."""
    identity = identity.cleaned()
    problems = validate(identity)
    if problems:
        raise KeyFormatError("\n".join(problems))
    previous = read(project)
    from sqlmodel import select

    from ozgdesk.store.models import ProjectInfo

    with project.session() as session:
        info = session.exec(select(ProjectInfo).order_by(ProjectInfo.id)).first()  # type: ignore[arg-type]  # SQLModel's select() overloads do not cover order_by on a column
        if info is None:
            raise KeyFormatError("Das Projekt hat keine Angaben zur Kommune.")
        info.municipality_type = identity.municipality_type
        info.municipality_title = identity.municipality_title
        info.ags, info.ars, info.district = identity.ags, identity.ars, identity.district
        session.add(info)
    return previous


def completed(identity: Identity) -> Identity:
    """``identity`` with what follows from it filled in: the ARS from the AGS and the district
    from the AGS's first five digits, where they are empty."""
    identity = identity.cleaned()
    if not identity.ars and identity.ags:
        identity = replace(identity, ars=ars_from_ags(identity.ags))
    if (
        not identity.district
        and identity.municipality_type in kinds.KREISANGEHOERIG
        and identity.ags
    ):
        district = kinds.district_of(identity.ags)
        if district is not None:
            identity = replace(identity, district=district.name)
    return identity
