"""The fix stage: what the engine calls, after the rules, for each diagnosis it reports.

- `fix_for(code, diagnosis, module, positions)`: a `Fix` (safe or unsafe, with text edits) or None.
  Each `Diagnosis` makes its own fix (`fix(ctx)`); this stage gives it the context and keeps a notebook's
  edits inside the diagnosis's cell.
- `fixable_codes()`: the rules that have a fix.

This stage sits between the rules and the engine: it imports the checks and the fix helpers, never the
engine or the fix session (kerlint/fix/session.py, which re-lints and so sits above the engine).
"""

from __future__ import annotations

import os
from typing import Mapping

import libcst as cst

from kerlint.checks.registry import Diagnosis
from kerlint.fix.context import FixContext
from kerlint.ir.model import FileIR
from kerlint.violation import Edit, Fix, Position

__all__ = ["fix_for", "fixable_codes"]


def fixable_codes() -> set[str]:
    """The rules with a fix: those with a case that defines one."""
    from kerlint.checks import CHECKS

    return {code for code, check in CHECKS.items() if check.fixable}


_STRICT = os.environ.get("KERLINT_STRICT") == "1"  # tests: a fixer bug raises instead of being skipped


def fix_for(code: str, finding: Diagnosis, module: cst.Module, positions: Mapping,
            cell_map: Mapping[int, tuple[int, int]] | None = None, file_ir: FileIR | None = None) -> Fix | None:
    """The fix for one diagnosis (its own `fix(ctx)`), or None (nothing certain to do).

    `file_ir` (the file's models) lets fixers refuse to edit a call that builds layers of other roles
    too (a helper building hidden and output layers).

    For a notebook (`cell_map` given) the edits are returned in the rows of the finding's cell, like
    the finding itself; a fix that would have to edit another cell is not offered.
    """
    try:
        fix = finding.fix(FixContext(module, positions, file_ir))
    except Exception:  # noqa: BLE001 - a fixer that fails offers no fix; it never stops the lint
        if _STRICT:
            raise
        return None
    if fix is not None and cell_map:
        where = positions.get(finding.node)
        fix = _in_cell(fix, cell_map, where.start.line if where else 0)
    return fix


def _in_cell(fix: Fix, cell_map: Mapping[int, tuple[int, int]], finding_row: int) -> Fix | None:
    cell = cell_map.get(finding_row, (None, 0))[0]
    edits = []
    for edit in fix.edits:
        start_cell, start_row = cell_map.get(edit.start.row, (None, 0))
        end_cell, end_row = cell_map.get(edit.end.row, (None, 0))
        if cell is None or start_cell != cell or end_cell != cell:
            return None
        edits.append(Edit(Position(start_row, edit.start.column), Position(end_row, edit.end.column),
                          edit.content))
    return Fix(fix.message, fix.applicability, tuple(edits))
