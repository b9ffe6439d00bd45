"""Initial schema: project info and the service catalogue.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from ozgdesk.store.schema import stamp

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SCHEMA_VERSION = 1


def upgrade() -> None:
    op.create_table(
        "project_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality", sa.String(), nullable=False),
        sa.Column("website", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_with", sa.String(), nullable=False),
        sa.Column("catalogue_source", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_project_info"),
    )
    op.create_table(
        "themenfeld",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_themenfeld"),
        sa.UniqueConstraint("name", name="uq_themenfeld_name"),
    )
    op.create_table(
        "lebenslage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("themenfeld_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["themenfeld_id"], ["themenfeld.id"], name="fk_lebenslage_themenfeld_id_themenfeld"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_lebenslage"),
        sa.UniqueConstraint("name", name="uq_lebenslage_name"),
    )
    op.create_index("ix_lebenslage_themenfeld_id", "lebenslage", ["themenfeld_id"])
    op.create_table(
        "ozg_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ozg_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("lebenslage_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["lebenslage_id"], ["lebenslage.id"], name="fk_ozg_service_lebenslage_id_lebenslage"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_ozg_service"),
        sa.UniqueConstraint("ozg_id", name="uq_ozg_service_ozg_id"),
    )
    op.create_index("ix_ozg_service_lebenslage_id", "ozg_service", ["lebenslage_id"])
    op.create_table(
        "service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=True),
        sa.Column("key_raw", sa.String(), nullable=False),
        sa.Column("key_problem", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("typ", sa.String(), nullable=False),
        sa.Column("legal_basis", sa.String(), nullable=False),
        sa.Column("law", sa.String(), nullable=False),
        sa.Column("law_short", sa.String(), nullable=False),
        sa.Column("sdg1", sa.Boolean(), nullable=False),
        sa.Column("sdg2", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_service"),
        sa.UniqueConstraint("key", name="uq_service_key"),
    )
    op.create_index(
        "ux_service_keyless_name",
        "service",
        ["name"],
        unique=True,
        sqlite_where=sa.text("key IS NULL"),
        postgresql_where=sa.text("key IS NULL"),
    )
    op.create_table(
        "service_ozg",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("ozg_service_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name="fk_service_ozg_service_id_service",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ozg_service_id"],
            ["ozg_service.id"],
            name="fk_service_ozg_ozg_service_id_ozg_service",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "ozg_service_id", name="pk_service_ozg"),
    )
    op.create_index("ix_service_ozg_ozg_service_id", "service_ozg", ["ozg_service_id"])
    stamp(op, SCHEMA_VERSION)


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrations only go forward; restore a backup instead")
