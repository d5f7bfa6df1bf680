"""GitHub Actions workflow commands: one annotation a finding, shown on the PR's diff.

    ::warning file=model.py,line=12,col=5,endLine=12,endColumn=43,title=KL101 saturating-...::message

Escaping follows the workflow-commands spec (actions/toolkit `command.ts`): in the message `%`,
`\\r`, `\\n` become `%25`, `%0D`, `%0A`; in property values `:` and `,` are escaped too (`%3A`, `%2C`).
Severities map to `error`, `warning` and `notice`.
"""

from __future__ import annotations

from kerlint.report import RunInfo, display_path
from kerlint.violation import Severity, Violation

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(v: Violation, run: RunInfo) -> str:
    path = display_path(v.filename, run.cwd).replace("\\", "/")
    message = v.message if v.cell is None else f"cell {v.cell}, line {v.location.row}: {v.message}"
    props = {"file": path, "line": v.location.row, "col": v.location.column,
             "endLine": v.end_location.row, "endColumn": v.end_location.column,
             "title": f"{v.code} {v.name}"}
    if v.cell is not None:
        # A cell's rows are not rows of the .ipynb file: annotate the file line that holds the cell
        # line (when it can be found) and say where in the cell in the message.
        from kerlint.notebook import file_line

        line = file_line(v.filename, v.cell, v.location.row)
        props = {"file": path, **({"line": line} if line else {}), "title": props["title"]}
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    return f"::{COMMANDS[v.severity]} {rendered}::{escape_data(message)}"


def render(violations: list[Violation], run: RunInfo) -> str:
    return "".join(annotation(v, run) + "\n" for v in violations)
