"""Step 2: office contacts, involved offices, assignment rules, briefings, technical prerequisite.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from ozgdesk.store.schema import stamp

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 3

AUDIENCES = [
    "Organisation",
    "IT",
    "Personalvertretung (Personalrat)",
    "Verwaltungsspitze (Bürgermeister/in, Verwaltungsvorstand)",
    "Presse- und Öffentlichkeitsarbeit",
]


def upgrade() -> None:
    op.create_table(
        "office_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("function", sa.String(), nullable=False, server_default=""),
        sa.Column("email", sa.String(), nullable=False, server_default=""),
        sa.Column("phone", sa.String(), nullable=False, server_default=""),
        sa.Column("deputy", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name="fk_office_contact_office_id_office",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_office_contact"),
    )
    op.create_index("ix_office_contact_office_id", "office_contact", ["office_id"])
    op.create_table(
        "service_involved_office",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name="fk_service_involved_office_service_id_service",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name="fk_service_involved_office_office_id_office",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "office_id", name="pk_service_involved_office"),
    )
    op.create_index(
        "ix_service_involved_office_office_id", "service_involved_office", ["office_id"]
    )
    op.create_table(
        "assignment_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name="fk_assignment_rule_office_id_office",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assignment_rule"),
    )
    op.create_index("ix_assignment_rule_office_id", "assignment_rule", ["office_id"])
    briefing = op.create_table(
        "briefing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("audience", sa.String(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("person", sa.String(), nullable=False, server_default=""),
        sa.Column("note", sa.String(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_briefing"),
        sa.UniqueConstraint("audience", name="uq_briefing_audience"),
    )
    tech = op.create_table(
        "tech_prerequisite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False, server_default="unklar"),
        sa.Column("cms_product", sa.String(), nullable=False, server_default=""),
        sa.Column("asked_person", sa.String(), nullable=False, server_default=""),
        sa.Column("asked_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_tech_prerequisite"),
    )
    op.bulk_insert(
        briefing,
        [
            {"position": i, "audience": a, "person": "", "note": ""}
            for i, a in enumerate(AUDIENCES, 1)
        ],
    )
    op.bulk_insert(
        tech, [{"id": 1, "status": "unklar", "cms_product": "", "asked_person": "", "notes": ""}]
    )
    stamp(op, SCHEMA_VERSION)


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrations only go forward; restore a backup instead")
