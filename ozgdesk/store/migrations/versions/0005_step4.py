"""Step 4: contact points of offices, delivery data per service, contact persons.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from ozgdesk.store.schema import stamp

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 5

_UNIT = (
    "unit_name",
    "street",
    "house_number",
    "postcode",
    "town",
    "phone",
    "fax",
    "email",
    "opening_hours",
)


def _unit_columns() -> list[sa.Column]:
    return [sa.Column(name, sa.String(), nullable=False, server_default="") for name in _UNIT]


def upgrade() -> None:
    op.create_table(
        "office_unit",
        sa.Column("office_id", sa.Integer(), nullable=False),
        *_unit_columns(),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"], ["office.id"], name="fk_office_unit_office_id_office", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("office_id", name="pk_office_unit"),
    )
    op.create_table(
        "service_delivery",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("unit_office_id", sa.Integer(), nullable=True),
        *_unit_columns(),
        sa.Column("page_url", sa.String(), nullable=False, server_default=""),
        sa.Column("online_url", sa.String(), nullable=False, server_default=""),
        sa.Column("notes", sa.String(), nullable=False, server_default=""),
        sa.Column("status", sa.String(), nullable=False, server_default="offen"),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("delivered_on", sa.Date(), nullable=True),
        sa.Column("entered_on", sa.Date(), nullable=True),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name="fk_service_delivery_service_id_service",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_office_id"],
            ["office.id"],
            name="fk_service_delivery_unit_office_id_office",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("service_id", name="pk_service_delivery"),
    )
    op.create_table(
        "delivery_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("first_name", sa.String(), nullable=False, server_default=""),
        sa.Column("surname", sa.String(), nullable=False, server_default=""),
        sa.Column("phone", sa.String(), nullable=False, server_default=""),
        sa.Column("email", sa.String(), nullable=False, server_default=""),
        sa.Column("hours", sa.String(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["office.id"],
            name="fk_delivery_person_office_id_office",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name="fk_delivery_person_service_id_service",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_delivery_person"),
    )
    op.create_index("ix_delivery_person_office_id", "delivery_person", ["office_id"])
    op.create_index("ix_delivery_person_service_id", "delivery_person", ["service_id"])
    with op.batch_alter_table("project_info") as batch:
        batch.add_column(sa.Column("uid", sa.String(), nullable=False, server_default=""))
    if op.get_bind().dialect.name == "sqlite":
        op.execute("UPDATE project_info SET uid = lower(hex(randomblob(16))) WHERE uid = ''")
    else:  # a new server database: project_info is still empty here
        op.execute("UPDATE project_info SET uid = md5(random()::text) WHERE uid = ''")
    stamp(op, SCHEMA_VERSION)


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrations only go forward; restore a backup instead")
