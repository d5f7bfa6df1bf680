"""The analysis's own limits, reported so that a partly analysed file never looks clean."""

from __future__ import annotations

from typing import Iterator

from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.model import FileIR


@rule("KL002", scope="file")
def partial_analysis(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Node: the statement where the analysis stopped (step budget) or the first condition that was not
    enumerated. No fix."""
    seen: set[tuple] = set()
    for notice in file.notices:
        key = (id(notice.node), notice.message)
        if key not in seen:
            seen.add(key)
            yield Finding(notice.node, notice.message, subject=notice)
