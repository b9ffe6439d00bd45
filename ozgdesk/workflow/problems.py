"""Problems found in an input file: row, column, value and a German explanation."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "Fehler"
WARNING = "Warnung"
NOTE = "Hinweis"


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    value: str
    message: str
    level: str = ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "level": self.level,
        }
