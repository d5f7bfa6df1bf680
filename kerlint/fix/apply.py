"""Applying fixes to text: choose which fixes go into one pass, then splice their edits in.

Within one pass no two applied fixes may touch the same text: fixes are taken in source order and a
fix whose edits overlap an already chosen one is deferred (the caller re-lints and tries again, as
ruff does). A fix is applied whole or not at all.
"""

from __future__ import annotations

import re
from typing import Iterable

from kerlint.violation import Applicability, Edit, Position, Violation

_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line breaks libcst counts


def allowed(violation: Violation, unsafe: bool) -> bool:
    fix = violation.fix
    return fix is not None and (fix.applicability is Applicability.SAFE or unsafe)


def _overlap(a: Edit, b: Edit) -> bool:
    """Two edits overlap when their ranges share text, or both start at the same place (then the
    order of the inserted texts would be arbitrary)."""
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def select_fixes(violations: Iterable[Violation], unsafe: bool) -> tuple[list[Violation], list[Violation]]:
    """(fixes to apply in this pass, fixes deferred to the next because they overlap a chosen one).
    A fix identical to a chosen one (two findings, one repair) is neither applied twice nor deferred."""
    candidates = sorted((v for v in violations if allowed(v, unsafe)),
                        key=lambda v: (v.fix.edits[0].start, v.code))
    chosen: list[Violation] = []
    deferred: list[Violation] = []
    taken: list[Edit] = []
    for v in candidates:
        if any(v.fix.edits == c.fix.edits for c in chosen):
            continue
        if any(_overlap(edit, other) for edit in v.fix.edits for other in taken):
            deferred.append(v)
            continue
        chosen.append(v)
        taken.extend(v.fix.edits)
    return chosen, deferred


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Splice non-overlapping edits (1-based rows and columns into `text`) into `text`."""
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def offset(p: Position) -> int:
        if not 1 <= p.row <= len(starts):
            raise ValueError(f"edit position {p} is outside the text")
        return starts[p.row - 1] + p.column - 1

    spans = sorted(((offset(e.start), offset(e.end), e.content) for e in edits), reverse=True)
    for start, end, content in spans:
        text = text[:start] + content + text[end:]
    return text


def apply_fixes(source: str, violations: Iterable[Violation], unsafe: bool) -> str:
    """One pass: `source` with the fixes chosen by `select_fixes` applied (safe ones only unless
    `unsafe`). The violations' edits must refer to `source` (a .py file's text)."""
    chosen, _ = select_fixes(violations, unsafe)
    return apply_edits(source, [edit for v in chosen for edit in v.fix.edits])
