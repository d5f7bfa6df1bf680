"""The default output: a header line, a code frame with a caret under the column, the fix hint.

    model.py:12:5: KL101 [warning] sigmoid activation in a stack of 6 dense layers ...
       |
    12 |     layers.Dense(64, activation="sigmoid"),
       |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ KL101
       |
       = help: use relu ...

followed by ruff's summary line.
"""

from __future__ import annotations

import click

from kerlint.report import RunInfo, location_label, summary_line
from kerlint.violation import Severity, Violation

SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
TAB_WIDTH = 4
FRAME_WIDTH = 160  # a longer line (minified or generated code, a data literal) is cut around the column


def _window(shown: str, start: int, end: int) -> tuple[str, int, int]:
    """At most FRAME_WIDTH characters of the line around the reported span, with `…` where it was cut,
    and the span's columns in what is shown (a 1 MB line must not make a 3 MB report)."""
    if len(shown) <= FRAME_WIDTH:
        return shown, start, end
    left = max(0, min(start - FRAME_WIDTH // 8, len(shown) - FRAME_WIDTH))
    right = left + FRAME_WIDTH
    text = ("…" if left else "") + shown[left:right] + ("…" if right < len(shown) else "")
    shift = (1 if left else 0) - left
    start, end = start + shift, min(end, right) + shift
    return text, start, max(end, start + 1)


def header(v: Violation, run: RunInfo) -> str:
    """`path:row:col: CODE [severity] message` (shared with the concise format)."""
    style = (lambda text, **kw: click.style(text, **kw)) if run.color else (lambda text, **kw: text)
    colour = SEVERITY_COLOURS[v.severity]
    return (f"{style(location_label(v, run.cwd), bold=True)}: {style(v.code, fg=colour, bold=True)} "
            f"{style('[' + v.severity.label + ']', fg=colour)} {v.message}")


def code_frame(v: Violation, run: RunInfo) -> list[str]:
    """The reported line with carets under the reported span (to the end of the line if it spans more)."""
    line = v.source_line.rstrip("\r\n")
    if not line.strip():
        return []
    shown = line.expandtabs(TAB_WIDTH)
    start = len(line[: max(v.location.column - 1, 0)].expandtabs(TAB_WIDTH))
    if v.end_location.row == v.location.row and v.end_location.column > v.location.column:
        end = len(line[: v.end_location.column - 1].expandtabs(TAB_WIDTH))
    else:
        end = len(shown.rstrip())
    shown, start, end = _window(shown, start, end)
    width = max(end - start, 1)
    gutter = str(v.location.row)
    pad = " " * len(gutter)
    carets = "^" * width + " " + v.code
    if run.color:
        carets = click.style(carets, fg=SEVERITY_COLOURS[v.severity], bold=True)
    return [f"{pad} |", f"{gutter} | {shown}", f"{pad} | {' ' * start}{carets}", f"{pad} |"]


def render(violations: list[Violation], run: RunInfo) -> str:
    out: list[str] = []
    for v in violations:
        out.append(header(v, run))
        frame = code_frame(v, run)
        out += frame
        if v.fix_hint:
            pad = " " * len(str(v.location.row)) if frame else ""
            out.append(f"{pad} = help: {v.fix_hint}" if frame else f"  help: {v.fix_hint}")
        out.append("")
    out.append(summary_line(violations))
    return "\n".join(out) + "\n"
