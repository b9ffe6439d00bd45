"""``col()`` for SQLModel columns in queries, without importing SQLModel at start-up.

Opening a project and showing the catalogue uses only sqlite3; SQLAlchemy and SQLModel are
imported on the first write (ARCHITECTURE.md, "Start-up speed"). Workflow modules that build
queries import ``col`` from here: type checkers see ``sqlmodel.col`` itself, and at run time
the first call imports SQLModel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import col as col
else:

    def col(column: Any) -> Any:
        from sqlmodel import col as sqlmodel_col

        return sqlmodel_col(column)
