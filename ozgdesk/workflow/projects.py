"""Creating and opening projects for a municipality."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ozgdesk import paths
from ozgdesk.formats import reference_csv
from ozgdesk.formats.records import Municipality
from ozgdesk.store.project import Project


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    """The 390 NRW municipalities and districts shipped with the app."""
    return tuple(reference_csv.read_municipalities(paths.resource("catalogue", "kommunen-nrw.csv")))


def website_of(municipality: str) -> str:
    wanted = municipality.strip().casefold()
    for entry in municipalities():
        if entry.name.casefold() == wanted:
            return entry.website
    return ""


def create_project(
    path: Path | str,
    municipality: str,
    website: str | None = None,
    with_catalogue: bool = True,
) -> Project:
    """Create a project file for ``municipality``, with the built-in catalogue loaded.

    Either the complete project file appears at ``path`` or nothing does.
    """
    name = municipality.strip()
    if not name:
        raise ValueError("Bitte geben Sie den Namen der Kommune an.")

    def populate(session):
        if with_catalogue:
            from ozgdesk.store.models import ProjectInfo
            from ozgdesk.workflow.catalogue import BUILTIN_ORIGIN, load_builtin_catalogue

            load_builtin_catalogue(session)
            session.get(ProjectInfo, 1).catalogue_source = BUILTIN_ORIGIN

    return Project.create(
        path,
        municipality=name,
        website=website if website is not None else website_of(name),
        populate=populate,
    )
