"""Creating and opening projects for a municipality."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ozgdesk.formats.records import Municipality
from ozgdesk.store.project import Project
from ozgdesk.workflow import municipality as kinds
from ozgdesk.workflow.identity import Identity, from_builtin, validate


def municipalities() -> tuple[Municipality, ...]:
    """The 427 NRW municipalities and districts shipped with the app."""
    return kinds.builtin()


def website_of(municipality: str) -> str:
    entry = kinds.find(municipality)
    return entry.website if entry is not None else ""


def create_project(
    path: Path | str,
    municipality: str,
    website: str | None = None,
    with_catalogue: bool = True,
    identity: Identity | None = None,
    fill: Callable[[Project], Any] | None = None,
) -> Project:
    """Create a project file for ``municipality``, with the built-in catalogue loaded
    (and whatever ``fill`` adds before the file gets its name).

    ``identity`` (kind, title, AGS, ARS, district) defaults to the built-in list's entry for
    the name (empty for a name not in the list). Either the complete project file appears at
    ``path`` or nothing does.
    """
    name = municipality.strip()
    if not name:
        raise ValueError("Bitte geben Sie den Namen der Kommune an.")
    identity = (identity or from_builtin(name)).cleaned()
    problems = validate(identity)
    if problems:
        raise ValueError("\n".join(problems))

    def populate(session):
        from sqlalchemy import delete

        from ozgdesk.store.models import ProjectInfo, RelevanceRule

        # the classification of who executes each service (workflow/competence.py) is the
        # default now; the schema's starting rules (LeiKa type, other Länder) are left out
        session.execute(delete(RelevanceRule))

        info = session.get(ProjectInfo, 1)
        info.municipality_type = identity.municipality_type
        info.municipality_title = identity.municipality_title
        info.ags, info.ars, info.district = identity.ags, identity.ars, identity.district
        if with_catalogue:
            from ozgdesk.workflow.catalogue import BUILTIN_ORIGIN, load_builtin_catalogue

            load_builtin_catalogue(session)
            info.catalogue_source = BUILTIN_ORIGIN

    from ozgdesk.store.opening import creator_for

    return creator_for(path)(
        path,
        municipality=name,
        website=website if website is not None else website_of(name),
        populate=populate,
        fill=fill,
    )
