"""The demo municipality: a fictional small town generated from the built-in catalogue.

Used for training, screenshots and tests. Each step extends :func:`populate`
with its own data so that the demo always shows the whole product.
"""

from __future__ import annotations

from pathlib import Path

from ozgdesk.store.project import Project
from ozgdesk.workflow.projects import create_project

DEMO_MUNICIPALITY = "Gemeinde Musterhausen"
DEMO_WEBSITE = "www.musterhausen.example"


def create_demo(path: Path | str) -> Project:
    """Create the demo project at ``path`` and return it opened."""
    return create_project(path, DEMO_MUNICIPALITY, website=DEMO_WEBSITE, with_catalogue=True)
