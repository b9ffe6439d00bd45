"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

import sqlalchemy as sa
from alembic import op
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None

# PRAGMA user_version after this migration (see store/schema.py)
SCHEMA_VERSION = ${int(up_revision)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrations only go forward; restore a backup instead")
