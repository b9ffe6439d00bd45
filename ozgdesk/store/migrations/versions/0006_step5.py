"""Step 5: plans per service and per OZG service, prerequisites, dependencies, milestones,
capacities, the communication plan and settings (council report inputs).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from ozgdesk.store.schema import stamp

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 6


def _plan_columns() -> list[sa.Column]:
    return [
        sa.Column("online_available", sa.Boolean(), nullable=True),
        sa.Column("efa_kind", sa.String(), nullable=True),
        sa.Column("efa_state", sa.String(), nullable=True),
        sa.Column("online_name", sa.String(), nullable=True),
        sa.Column("provider", sa.String(), nullable=True),
        sa.Column("available_on", sa.Date(), nullable=True),
        sa.Column("decision", sa.String(), nullable=True),
        sa.Column("decision_reason", sa.String(), nullable=True),
        sa.Column("planned_quarter", sa.String(), nullable=True),
        sa.Column("current_level", sa.Integer(), nullable=True),
        sa.Column("target_level", sa.Integer(), nullable=True),
        sa.Column("effort_days", sa.Float(), nullable=True),
        sa.Column("training", sa.String(), nullable=True),
        sa.Column("marketing", sa.String(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "service_plan",
        *_plan_columns(),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name="fk_service_plan_service_id_service",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", name="pk_service_plan"),
    )
    op.create_table(
        "ozg_plan",
        *_plan_columns(),
        sa.Column("ozg_service_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ozg_service_id"],
            ["ozg_service.id"],
            name="fk_ozg_plan_ozg_service_id_ozg_service",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ozg_service_id", name="pk_ozg_plan"),
    )
    op.create_table(
        "prerequisite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False, server_default=""),
        sa.Column("vendor", sa.String(), nullable=False, server_default=""),
        sa.Column("interface", sa.String(), nullable=False, server_default=""),
        sa.Column("status", sa.String(), nullable=False, server_default="offen"),
        sa.Column("owner", sa.String(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name="fk_prerequisite_service_id_service",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_prerequisite"),
    )
    op.create_index("ix_prerequisite_service_id", "prerequisite", ["service_id"])
    op.create_table(
        "service_dependency",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("depends_on_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name="fk_service_dependency_service_id_service",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["depends_on_id"],
            ["service.id"],
            name="fk_service_dependency_depends_on_id_service",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "depends_on_id", name="pk_service_dependency"),
    )
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.String(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name="fk_milestone_service_id_service",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_milestone"),
    )
    op.create_table(
        "capacity",
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(), nullable=False),
        sa.Column("person_days", sa.Float(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name="fk_capacity_office_id_office", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("office_id", "quarter", name="pk_capacity"),
    )
    op.create_table(
        "comm_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False, server_default=""),
        sa.Column("done", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("phase", sa.String(), nullable=False, server_default=""),
        sa.Column("template", sa.String(), nullable=False, server_default=""),
        sa.Column("notes", sa.String(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_comm_item"),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("key", name="pk_setting"),
    )
    stamp(op, SCHEMA_VERSION)


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrations only go forward; restore a backup instead")
