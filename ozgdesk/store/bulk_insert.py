"""Many rows into one table in one executemany, straight to the database driver.

SQLAlchemy's per-row parameter handling costs more than SQLite's inserting itself
(seconds for 50,000 services). Values still go through their column's bind processor
where the type has one (datetimes), and columns the rows leave out get their scalar
default, so the stored values are exactly what the ORM would write. Placeholders are the
driver's own (sqlite3: ?, psycopg: %s).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Table
from sqlmodel import Session


def _marks(connection: Any, count: int) -> str:
    """``count`` placeholders in the driver's own style (sqlite3: ?, psycopg: %s)."""
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    return ", ".join([mark] * count)


def insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT rows (dicts with the same keys) in one executemany (see the module)."""
    if rows:
        names = list(rows[0])
        values = itemgetter(*names)
        insert_lists(
            session,
            table,
            names,
            [list(values(row)) for row in rows]
            if len(names) > 1
            else [[row[names[0]]] for row in rows],
        )


def insert_lists(
    session: Session, table: Table, names: Sequence[str], rows: list[list[Any]]
) -> None:
    """INSERT rows given as lists of values in the order of ``names``, in one executemany
    (see the module). Bind processors are applied in place, memoised per value (the rows
    of one merge mostly share their values, such as one "now"): the lists are changed."""
    if not rows:
        return
    connection = session.connection()
    defaults = {  # e.g. a column added to the model later, with a default like ""
        c.name: c.default.arg  # type: ignore[attr-defined]  # a ScalarElementColumnDefault
        for c in table.columns
        if c.name not in names and c.default is not None and c.default.is_scalar
    }
    processors = _processors(connection, table, [*names, *defaults])
    extra = [
        processors[name](value) if name in processors and value is not None else value
        for name, value in defaults.items()
    ]
    for index, name in enumerate(names):
        if name in processors:
            _process_column(rows, index, processors[name])
    if extra:
        for row in rows:
            row.extend(extra)
    columns = [*names, *defaults]
    quoted = ", ".join(f'"{name}"' for name in columns)
    connection.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({quoted}) VALUES ({_marks(connection, len(columns))})',
        list(map(tuple, rows)),  # SQLAlchemy passes on tuples and dicts only
    )


def _processors(connection: Any, table: Table, names: Sequence[str]) -> dict[str, Callable]:
    processors = {}
    for name in names:
        column_type = table.c[name].type
        try:
            python_type = column_type.python_type
        except NotImplementedError:
            python_type = object
        process = column_type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
        # str needs nothing, and sqlite3 stores a bool as 1/0 just like the processor
        if process is not None and python_type not in (str, bool):
            processors[name] = process
    return processors


def _process_column(rows: list[list[Any]], index: int, process: Callable) -> None:
    memo: dict[object, object] = {}
    last: object = None
    done: object = None
    for row in rows:
        value = row[index]
        if value is None:
            continue
        if value is not last:
            last = value
            done = memo.get(value, memo)
            if done is memo:
                done = memo[value] = process(value)
        row[index] = done


def insert_rows(
    session: Session, table: Table, names: tuple[str, ...], rows: Sequence[Sequence[object]]
) -> None:
    """INSERT plain tuples (ints, text, bools) in one executemany: for link tables, whose
    values need no bind processing (see ``insert_many``)."""
    if rows:
        quoted = ", ".join(f'"{name}"' for name in names)
        marks = _marks(session.connection(), len(names))
        session.connection().exec_driver_sql(
            f'INSERT INTO "{table.name}" ({quoted}) VALUES ({marks})', rows
        )
