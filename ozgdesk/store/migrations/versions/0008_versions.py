"""Record versions: every change of a service or of its delivery data counts up ``version``.

Several people can work on one municipality at once on a server. A screen shows a service
as it was when it was read; when its decision or office is then changed, the version it
showed is compared with the stored one, so that a change made by someone else meanwhile is
found and the user can choose (see ``workflow/conflicts.py``). A trigger counts, so every
writer (the app, an import, a script) is covered.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from ozgdesk.store.schema import stamp

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 8


# table → its key column
COUNTED = {"service": "id", "service_delivery": "service_id"}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if not sqlite:
        op.execute(
            "CREATE FUNCTION ozgdesk_count_version() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN NEW.version := OLD.version + 1; RETURN NEW; END $$"
        )
    for table, key in COUNTED.items():
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        if sqlite:
            # recursive triggers are off: the trigger's own UPDATE does not fire it again
            op.execute(
                f"CREATE TRIGGER {table}_version AFTER UPDATE ON {table} "
                "FOR EACH ROW WHEN NEW.version = OLD.version "
                f"BEGIN UPDATE {table} SET version = OLD.version + 1 WHERE {key} = NEW.{key}; END"
            )
        else:
            op.execute(
                f"CREATE TRIGGER {table}_version BEFORE UPDATE ON {table} FOR EACH ROW "
                "EXECUTE FUNCTION ozgdesk_count_version()"
            )
    stamp(op, SCHEMA_VERSION)


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrates forward only")
