"""Step 3: workshops with participants, agenda, decisions; the task list across steps.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from ozgdesk.store.schema import stamp

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 4


def upgrade() -> None:
    op.create_table(
        "workshop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False, server_default="Auftakt"),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("setup_minutes", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("format", sa.String(), nullable=False, server_default="Video"),
        sa.Column("place", sa.String(), nullable=False, server_default=""),
        sa.Column("video_link", sa.String(), nullable=False, server_default=""),
        sa.Column("organiser", sa.String(), nullable=False, server_default=""),
        sa.Column("organiser_email", sa.String(), nullable=False, server_default=""),
        sa.Column("deliver_by", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_workshop"),
        sa.UniqueConstraint("uid", name="uq_workshop_uid"),
    )
    op.create_table(
        "workshop_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False, server_default=""),
        sa.Column("group", sa.String(), nullable=False, server_default=""),
        sa.Column("email", sa.String(), nullable=False, server_default=""),
        sa.Column("office_id", sa.Integer(), nullable=True),
        sa.Column("invitation", sa.String(), nullable=False, server_default=""),
        sa.Column("attended", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name="fk_workshop_participant_workshop_id_workshop",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name="fk_workshop_participant_office_id_office",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_workshop_participant"),
    )
    op.create_index("ix_workshop_participant_workshop_id", "workshop_participant", ["workshop_id"])
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False, server_default="15"),
        sa.Column("responsible", sa.String(), nullable=False, server_default=""),
        sa.Column("notes", sa.String(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name="fk_agenda_item_workshop_id_workshop",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_agenda_item"),
    )
    op.create_index("ix_agenda_item_workshop_id", "agenda_item", ["workshop_id"])
    op.create_table(
        "workshop_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("text", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name="fk_workshop_decision_workshop_id_workshop",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_workshop_decision"),
    )
    op.create_index("ix_workshop_decision_workshop_id", "workshop_decision", ["workshop_id"])
    op.create_table(
        "task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False, server_default=""),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(), nullable=False, server_default="offen"),
        sa.Column("workshop_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshop.id"],
            name="fk_task_workshop_id_workshop",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_task"),
    )
    op.create_index("ix_task_workshop_id", "task", ["workshop_id"])
    stamp(op, SCHEMA_VERSION)


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrations only go forward; restore a backup instead")
