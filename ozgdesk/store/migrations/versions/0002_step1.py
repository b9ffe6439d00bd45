"""Step 1: import sources, relevance decisions and rules, offices, network contacts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

from ozgdesk.store.schema import stamp

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SCHEMA_VERSION = 2

CATALOGUE_LABEL = "Katalog NRW"

# The pre-classification rules every project starts with (visible and editable in step 1).
DEFAULT_RULES = [
    ("typ", "1", "nicht relevant", "Typ 1: Regelung und Vollzug durch den Bund"),
    *[
        ("name", land, "nicht relevant", f"Leistung eines anderen Landes ({land})")
        for land in (
            "Baden-Württemberg",
            "Bayern",
            "Bayerisch",
            "Berlin",
            "Brandenburg",
            "Bremen",
            "Hamburg",
            "Hessen",
            "Mecklenburg-Vorpommern",
            "Niedersachsen",
            "Rheinland-Pfalz",
            "Saarland",
            "Sachsen-Anhalt",
            "Sachsen",
            "Schleswig-Holstein",
            "Thüringen",
        )
    ],
    ("typ", "5", "relevant", "Typ 5: Regelung und Vollzug durch die Kommune"),
]


def upgrade() -> None:
    op.create_table(
        "office",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("short_name", sa.String(), nullable=False, server_default=""),
        sa.Column("number", sa.String(), nullable=False, server_default=""),
        sa.Column("kind", sa.String(), nullable=False, server_default="Amt"),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["office.id"], name="fk_office_parent_id_office", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_office"),
        sa.UniqueConstraint("name", name="uq_office_name"),
    )
    with op.batch_alter_table("service") as batch:
        batch.add_column(sa.Column("relevance", sa.String(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("relevance_reason", sa.String(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("relevance_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("remark", sa.String(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("contact_person", sa.String(), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("lead_office_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("assignment_source", sa.String(), nullable=False, server_default="")
        )
        batch.create_foreign_key(
            "fk_service_lead_office_id_office",
            "office",
            ["lead_office_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index("ix_service_lead_office_id", ["lead_office_id"])
    op.create_table(
        "import_source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("last_file", sa.String(), nullable=False, server_default=""),
        sa.Column("last_import_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_import_source"),
        sa.UniqueConstraint("label", name="uq_import_source_label"),
    )
    op.create_table(
        "service_source",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("missing", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name="fk_service_source_service_id_service",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["import_source.id"],
            name="fk_service_source_source_id_import_source",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "source_id", name="pk_service_source"),
    )
    op.create_index("ix_service_source_source_id", "service_source", ["source_id"])
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.String(), nullable=False),
        sa.Column("mapping", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_import_mapping"),
        sa.UniqueConstraint("signature", name="uq_import_mapping_signature"),
    )
    rules = op.create_table(
        "relevance_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("suggestion", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.PrimaryKeyConstraint("id", name="pk_relevance_rule"),
    )
    op.create_table(
        "network_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False, server_default=""),
        sa.Column("organisation", sa.String(), nullable=False, server_default=""),
        sa.Column("person", sa.String(), nullable=False, server_default=""),
        sa.Column("role", sa.String(), nullable=False, server_default=""),
        sa.Column("email", sa.String(), nullable=False, server_default=""),
        sa.Column("phone", sa.String(), nullable=False, server_default=""),
        sa.Column("notes", sa.String(), nullable=False, server_default=""),
        sa.Column("first_contact", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_network_contact"),
    )
    op.bulk_insert(
        rules,
        [
            {"position": i, "kind": k, "value": v, "suggestion": s, "reason": r, "enabled": True}
            for i, (k, v, s, r) in enumerate(DEFAULT_RULES, start=1)
        ],
    )
    # services that came with the built-in catalogue belong to its source
    op.execute(
        f"INSERT INTO import_source (label, last_file) "
        f"SELECT '{CATALOGUE_LABEL}', 'leistungskatalog-nrw.csv' "
        "WHERE EXISTS (SELECT 1 FROM service WHERE origin LIKE 'Katalog NRW%')"
    )
    op.execute(
        "INSERT INTO service_source (service_id, source_id, missing) "
        "SELECT s.id, src.id, FALSE FROM service s JOIN import_source src "
        f"ON src.label = '{CATALOGUE_LABEL}' WHERE s.origin LIKE 'Katalog NRW%'"
    )
    stamp(op, SCHEMA_VERSION)


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrations only go forward; restore a backup instead")
