"""The value objects every part of kerlint passes around.

A `Violation` carries everything a formatter needs (like pyflakes' messages): no formatter ever
looks back at the syntax tree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        key = str(text).strip().lower()
        aliases = {"i": "info", "w": "warning", "warn": "warning", "e": "error"}
        key = aliases.get(key, key)
        try:
            return cls[key.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def letter(self) -> str:
        return self.name[0]


class Applicability(str, enum.Enum):
    """How far a fix can be trusted (ruff's vocabulary)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Position:
    """1-based line and 1-based column, as ruff reports them."""

    row: int
    column: int


@dataclass(frozen=True)
class Edit:
    """Replace the text between `start` and `end` (exclusive) with `content`."""

    start: Position
    end: Position
    content: str


@dataclass(frozen=True)
class Fix:
    message: str
    applicability: Applicability
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Violation:
    code: str
    name: str
    severity: Severity
    message: str
    filename: str
    location: Position
    end_location: Position
    fix_hint: str = ""
    fix: Fix | None = None
    cell: int | None = None  # notebook cell number (1-based) when the file is a notebook
    source_line: str = ""  # the reported line, for code frames
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (self.filename, self.location, self.code, self.message)


@dataclass
class LintResult:
    """What a run found: its violations (sorted), the number of files linted and of internal errors. Here with
    the violations, so that a run answered entirely from the cache never imports the engine and libcst."""

    violations: list[Violation] = field(default_factory=list)
    files: int = 0
    internal_errors: int = 0
