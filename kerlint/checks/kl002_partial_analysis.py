"""KL002 partial-analysis: the analysis's own limits, reported so that a partly analysed file never looks clean.

Each notice of the extractor (kerlint/ir/), once per statement and message: the statement where the analysis
stopped (step budget) or the first condition whose branches were not enumerated. No fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import FileIR, Notice


@dataclass(frozen=True, eq=False)
class AnalysisStopped(Diagnosis):
    """The statement of an extractor `notice`; the notice says what it means for the findings."""

    notice: Notice

    @property
    def node(self) -> cst.CSTNode:
        return self.notice.node

    @property
    def message(self) -> str:
        return self.notice.message


@rule("KL002", scope="file", diagnoses=(AnalysisStopped,))
def partial_analysis(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    seen: set[tuple] = set()
    for notice in file.notices:
        key = (id(notice.node), notice.message)
        if key not in seen:
            seen.add(key)
            yield AnalysisStopped(notice)
