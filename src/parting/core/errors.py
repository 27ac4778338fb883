"""Typed errors of the library. The CLI turns each into one clear message and exit status 2."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is and what was expected."""

    file: Path
    line: int | None
    key: str  # key path such as `deliverables[3].percent_complete`; "" for the whole file
    message: str
    column: str | None = None  # CSV column name

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else str(self.file)
        key = self.key
        if self.column is not None:
            key = f"{key} (column {self.column})" if key else f"column {self.column}"
        return f"{where}: {key}: {self.message}" if key else f"{where}: {self.message}"


class PartingError(Exception):
    """Base class: anything the user can fix."""


class CaseError(PartingError):
    """The case file is not valid; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class OutputError(PartingError):
    """The package cannot be written where asked."""
