"""Formatters: turn a run's violations into text for a terminal, a machine or a CI service.

Each output format is one module here with one function,

    render(violations: list[Violation], run: RunInfo) -> str

which never looks at source code or settings beyond what `Violation` and `RunInfo` carry (flake8's
formatter split). `render_report(fmt, ...)` picks the module by name, importing only that one.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field

from kerlint.violation import Severity, Violation

# Output format name -> module implementing `render`. Add a format: a module, and a line here.
FORMATS: dict[str, str] = {
    "text": "kerlint.report.text",
    "concise": "kerlint.report.concise",
    "json": "kerlint.report.json",
    "sarif": "kerlint.report.sarif",
    "github": "kerlint.report.github",
}


@dataclass(frozen=True)
class RunInfo:
    """What a formatter may know about the run besides the violations."""

    files: int = 0  # how many files were checked
    color: bool = False  # ANSI colours allowed (a TTY, no NO_COLOR, no --output-file)
    cwd: str = field(default_factory=os.getcwd)  # paths are shown relative to it


def render_report(fmt: str, violations: list[Violation], run: RunInfo) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")
    return importlib.import_module(FORMATS[fmt]).render(violations, run)


# ---- helpers shared by formatters ----------------------------------------------------------------


def display_path(filename: str, cwd: str) -> str:
    """The path as the user wants to read it: relative to the cwd when below it, else as given."""
    absolute = os.path.abspath(filename)
    try:
        rel = os.path.relpath(absolute, cwd)
    except ValueError:
        return filename
    if rel == ".." or rel.startswith(".." + os.sep):
        return filename
    return rel


def location_label(v: Violation, cwd: str) -> str:
    """`path:row:col`, or `notebook.ipynb:cell 3:row:col` inside a notebook cell."""
    path = display_path(v.filename, cwd)
    if v.cell is not None:
        return f"{path}:cell {v.cell}:{v.location.row}:{v.location.column}"
    return f"{path}:{v.location.row}:{v.location.column}"


def severity_counts(violations: list[Violation]) -> dict[Severity, int]:
    counts = {s: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    for v in violations:
        counts[v.severity] += 1
    return counts


def summary_line(violations: list[Violation]) -> str:
    """ruff's closing line: "Found 3 problems (1 error, 2 warnings, 0 info)." or "All checks passed!"."""
    if not violations:
        return "All checks passed!"
    counts = severity_counts(violations)
    n = len(violations)

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    partial = len({v.filename for v in violations if v.code == "KL002"})
    return (f"Found {plural(n, 'problem')} ({plural(counts[Severity.ERROR], 'error')}, "
            f"{plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info)."
            + (f" {plural(partial, 'file')} only partly analysed (KL002)." if partial else ""))


def statistics(violations: list[Violation]) -> list[dict]:
    """Counts per code, most frequent first (for `--statistics`)."""
    by_code: dict[str, dict] = {}
    for v in violations:
        entry = by_code.setdefault(v.code, {"code": v.code, "name": v.name, "severity": v.severity.label,
                                            "count": 0, "fixable": 0})
        entry["count"] += 1
        entry["fixable"] += v.fix is not None
    return sorted(by_code.values(), key=lambda e: (-e["count"], e["code"]))


def render_statistics(violations: list[Violation], as_json: bool) -> str:
    rows = statistics(violations)
    if as_json:
        import json

        return json.dumps(rows, indent=2) + "\n"
    if not rows:
        return ""
    width = max(len(str(r["count"])) for r in rows)
    return "".join(f"{r['count']:>{width}}\t{r['code']}\t{'[*] ' if r['fixable'] else ''}"
                   f"[{r['severity']}] {r['name']}\n" for r in rows)
