"""What the language server lints, without any LSP type: a snapshot of one document or notebook.

A `Target` is the text the editor holds (never the file on disk): a Python document, or a notebook whose
cells are joined by kerlint.notebook exactly as `kerlint check` joins an .ipynb file (magics neutralised,
cells numbered as the notebook shows them), so a notebook's findings, fixes and noqa directives come
back per cell. `lint(target, settings)` is the engine's `lint_unit` with fixes computed; `fix_all_safe`
is kerlint.fix.session's fixed point, the one `kerlint check --fix` runs.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

from kerlint import engine
from kerlint.config import Settings
from kerlint.units import SourceProblem, SourceUnit
from kerlint.suppress import _NEWLINE
from kerlint.violation import Violation


@dataclass(frozen=True)
class Cell:
    """A notebook cell as the editor holds it. `uri` is the cell's text document (None: markdown)."""

    uri: str | None
    code: bool
    text: str


@dataclass
class Target:
    uri: str  # the document's, or the notebook's
    path: str  # where its settings are looked up, and the name findings carry
    text: str = ""  # a Python document's text
    cells: tuple[Cell, ...] | None = None  # a notebook's cells, in order
    version: object = None  # what the editor's versions were when this snapshot was taken

    @property
    def is_notebook(self) -> bool:
        return self.cells is not None

    def unit(self) -> SourceUnit | SourceProblem:
        if not self.is_notebook:
            return SourceUnit(self.path, self.text, raw=self.text.encode("utf-8", "surrogatepass"))
        from kerlint import notebook

        return notebook.load(self.path, notebook_json(self.cells))

    def lines(self, cell: int | None) -> list[str]:
        """The lines (kerlint's line breaks) that the rows of a finding in `cell` count."""
        if cell is None:
            return _NEWLINE.split(self.text)
        return _NEWLINE.split(self.cells[cell - 1].text)

    def uri_of(self, cell: int | None) -> str:
        return self.uri if cell is None else (self.cells[cell - 1].uri or self.uri)

    def cell_of(self, uri: str) -> int | None:
        """The cell number of a cell document's uri (None for the document itself)."""
        for number, cell in enumerate(self.cells or (), start=1):
            if cell.uri == uri:
                return number
        return None


def notebook_json(cells: tuple[Cell, ...]) -> bytes:
    """The cells as an nbformat 4 notebook: what kerlint.notebook reads and kerlint.fix edits."""
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}},
          "cells": [{"cell_type": "code" if c.code else "markdown", "metadata": {}, "source": c.text,
                     **({"outputs": [], "execution_count": None} if c.code else {})} for c in cells]}
    return json.dumps(nb).encode("utf-8")


@dataclass
class Result:
    target: Target
    violations: list[Violation] = field(default_factory=list)
    unit: SourceUnit | None = None
    settings: Settings | None = None
    config_problem: str | None = None  # a broken config file: linted with the defaults


def lint(target: Target, settings: Settings) -> Result:
    """The target's findings under `settings`, with their fixes."""
    settings = dataclasses.replace(settings, compute_fixes=True)
    unit = target.unit()
    if isinstance(unit, SourceProblem):
        return Result(target, [engine._violation("KL000", target.path, unit.message, unit.line, unit.column)],
                      None, settings)
    violations, _ = engine.lint_unit(unit, settings)
    return Result(target, sorted(violations, key=Violation.sort_key), unit, settings)


def fix_all_safe(result: Result) -> dict[int | None, str]:
    """The new text of each part the safe fixes change: {None: text} for a document, {cell: text} for
    a notebook's cells. Empty when there is nothing safe to fix."""
    from kerlint.fix.session import fix_unit

    if result.unit is None:
        return {}
    fixed = fix_unit(result.unit, result.settings, unsafe=False)
    if not fixed.changed:
        return {}
    if not result.target.is_notebook:
        return {None: fixed.parts_after[0][1]}
    cells = json.loads(fixed.fixed.decode("utf-8"))["cells"]
    out = {}
    for number, (before, after) in enumerate(zip(result.target.cells, cells), start=1):
        source = after.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if source != before.text:
            out[number] = source
    return out
