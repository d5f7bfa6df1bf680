"""What the readers produce and the engine consumes: a unit of Python text to lint, or the reason a file
could not be read as one. A leaf module (nothing of kerlint's below it), so that the file reader
(kerlint.sources), the notebook reader (kerlint.notebook), the engine and the fix session share these types
without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceUnit:
    """Python text to lint, and how to map its lines back to the file (notebooks)."""

    path: str
    text: str
    # For notebooks: line (1-based, in `text`) -> (cell number, line in cell). Empty for .py files.
    cell_map: dict[int, tuple[int, int]] = field(default_factory=dict)
    raw: bytes = b""


@dataclass
class SourceProblem:
    """A file that is not lintable Python text; the engine reports it as KL000 at (`line`, `column`)."""

    path: str
    message: str
    line: int = 1
    column: int = 1
    hint: str = ""  # the help line; "" uses KL000's ("fix the syntax error")


# The help line of a KL000 that is not a syntax error (the rule entry's help says "fix the syntax error").
UNREADABLE_HINT = "make it readable (check its permissions), or leave it out with --exclude"
NOT_SOURCE_HINT = "this is not Python source: leave it out with --exclude (or rename it)"
TOO_LARGE_HINT = ("generated or data-heavy files are not worth linting: leave it out with --exclude, or move "
                  "the data into a .npy/.json file the script loads")
DECODE_HINT = "save the file as UTF-8, or declare its encoding on the first line (`# -*- coding: latin-1 -*-`)"
NOTEBOOK_HINT = "repair the notebook (open and save it again in Jupyter), or leave it out with --exclude"
