"""The SQLAlchemy engine for a project file (imported only when needed).

Connections come from :func:`store.connection.connect`, so they carry the same
pragmas as every other connection. pysqlite's own transaction handling is
switched off (autocommit) and SQLAlchemy emits ``BEGIN`` itself: this gives
real transactions, including for DDL during migrations.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from ozgdesk.store.connection import connect


def make_engine(path: Path, read_only: bool = False, foreign_keys: bool = True) -> Engine:
    def creator():
        conn = connect(path, read_only=read_only)
        if not foreign_keys:
            conn.execute("PRAGMA foreign_keys = OFF")
        return conn

    engine = create_engine("sqlite://", creator=creator)

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")

    return engine
