"""The tables of a project file (SQLModel).

The schema is owned by the alembic migrations in ``store/migrations``; these
classes must describe exactly what the migrations create (a test compares them).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, text
from sqlmodel import Field, SQLModel

# Named constraints, so that alembic's batch mode can find them again in SQLite.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ProjectInfo(SQLModel, table=True):
    """One row: whose project this is."""

    __tablename__ = "project_info"

    id: int | None = Field(default=None, primary_key=True)
    municipality: str
    website: str = ""
    created_at: datetime
    created_with: str = ""
    catalogue_source: str = ""


class Themenfeld(SQLModel, table=True):
    __tablename__ = "themenfeld"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Lebenslage(SQLModel, table=True):
    __tablename__ = "lebenslage"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    themenfeld_id: int | None = Field(default=None, foreign_key="themenfeld.id", index=True)


class OzgService(SQLModel, table=True):
    """An OZG service (OZG-Leistung, 5-digit OZG-ID) bundling LeiKa services."""

    __tablename__ = "ozg_service"

    id: int | None = Field(default=None, primary_key=True)
    ozg_id: str = Field(unique=True)
    name: str
    lebenslage_id: int | None = Field(default=None, foreign_key="lebenslage.id", index=True)


class Service(SQLModel, table=True):
    """A LeiKa service (Leistung) as this municipality knows it.

    ``key`` is the valid 14-digit LeiKa key or NULL. Without a valid key the
    service is identified by its name (``key_raw`` keeps what the source said,
    e.g. "nicht im LeiKa"); ``key_problem`` says why there is no key.
    """

    __tablename__ = "service"
    __table_args__ = (
        Index("ux_service_keyless_name", "name", unique=True, sqlite_where=text("key IS NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str | None = Field(default=None, unique=True)
    key_raw: str = ""
    key_problem: str = ""  # "" (valid key), "fehlt" or "ungültig"
    name: str
    typ: str = ""
    legal_basis: str = ""
    law: str = ""
    law_short: str = ""
    sdg1: bool = False
    sdg2: bool = False
    origin: str = ""  # where the service came from, e.g. "Katalog NRW"
    created_at: datetime
    updated_at: datetime


class ServiceOzg(SQLModel, table=True):
    """Which OZG services a LeiKa service belongs to (many-to-many)."""

    __tablename__ = "service_ozg"

    service_id: int = Field(
        sa_column=Column(Integer, ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    )
    ozg_service_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("ozg_service.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        )
    )
