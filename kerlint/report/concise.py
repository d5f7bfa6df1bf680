"""One line a finding, `path:row:col: CODE [severity] message`, then the summary line."""

from __future__ import annotations

from kerlint.report import RunInfo, summary_line
from kerlint.report.text import header
from kerlint.violation import Violation


def render(violations: list[Violation], run: RunInfo) -> str:
    lines = [header(v, run) for v in violations]
    lines.append(summary_line(violations))
    return "\n".join(lines) + "\n"
