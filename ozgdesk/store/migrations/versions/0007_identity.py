"""The municipality's identity (official keys, kind, district) and retired catalogue services.

- project_info: ``ags`` (8-digit Amtlicher Gemeindeschlüssel), ``ars`` (12-digit Amtlicher
  Regionalschlüssel), ``district`` (the Kreis the municipality belongs to, "" for a kreisfreie
  Stadt or a Kreis), ``municipality_type`` (kind of municipality, a stable key, see
  workflow/municipality), ``municipality_title`` (the word before the name: "Gemeinde",
  "Stadt", "Kreis", "Städteregion"; wording.municipality_phrase adds the article).
- service: ``retired_at``: when a catalogue update found the service no longer in the
  official release (it stays visible with its decision, marked "entfallen").

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 7


def upgrade() -> None:
    with op.batch_alter_table("project_info") as batch:
        for name in ("ags", "ars", "district", "municipality_type", "municipality_title"):
            batch.add_column(sa.Column(name, sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("service") as batch:
        batch.add_column(sa.Column("retired_at", sa.DateTime(), nullable=True))
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrations only go forward; restore a backup instead")
