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

from ozgdesk.store.schema import stamp

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
    _fill_identity_from_builtin_list()
    _retire_starting_rules()
    stamp(op, SCHEMA_VERSION)


def _retire_starting_rules() -> None:
    """Data step: the relevance rules every project got in version 2 (LeiKa type 1 and 5,
    services of other Länder) are switched off where the coordinator left them unchanged;
    the built-in classification of who executes each service now suggests instead. Rules the
    coordinator changed or added stay as they are; a switched-off rule can be switched on."""
    from importlib import import_module

    starting = import_module("ozgdesk.store.migrations.versions.0002_step1").DEFAULT_RULES
    conn = op.get_bind()
    for kind, value, suggestion, reason in starting:
        conn.execute(
            sa.text(
                "UPDATE relevance_rule SET enabled = FALSE WHERE kind = :kind AND value = :value "
                "AND suggestion = :suggestion AND reason = :reason"
            ),
            {"kind": kind, "value": value, "suggestion": suggestion, "reason": reason},
        )


def _fill_identity_from_builtin_list() -> None:
    """Data step: a project of an NRW municipality gets its kind, title, AGS, ARS and district
    from the built-in list, found by the municipality's name (also "Stadt X", older spellings).
    A name not in the list keeps empty fields; the coordinator sets them in the project
    settings. Only empty fields are filled."""
    from ozgdesk import paths
    from ozgdesk.formats import reference_csv

    conn = op.get_bind()
    row = conn.execute(
        sa.text("SELECT id, municipality FROM project_info ORDER BY id LIMIT 1")
    ).fetchone()
    if row is None:
        return
    try:
        entries = reference_csv.read_municipalities(paths.resource("catalogue", "kommunen-nrw.csv"))
    except OSError:
        return  # without the list the fields stay empty, to be set by hand
    entry = reference_csv.match_municipality(row[1], entries)
    if entry is None:
        return
    values = {
        "municipality_type": entry.kind,
        "municipality_title": entry.title,
        "ags": entry.ags,
        "ars": entry.ars,
        "district": entry.district,
    }
    for column, value in values.items():
        conn.execute(
            sa.text(f"UPDATE project_info SET {column} = :value WHERE id = :id AND {column} = ''"),
            {"value": value, "id": row[0]},
        )


def downgrade() -> None:
    raise NotImplementedError("ozgdesk migrations only go forward; restore a backup instead")
