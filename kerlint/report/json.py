"""A JSON list of findings with ruff's field names, plus `name`, `severity` and `cell`.

    {"code": "KL101", "name": "saturating-activation-in-deep-stack", "severity": "warning",
     "message": "...", "filename": "/abs/model.py", "cell": null,
     "location": {"row": 12, "column": 5}, "end_location": {"row": 12, "column": 43},
     "fix": null | {"message", "applicability", "edits": [{"content", "location", "end_location"}]},
     "noqa_row": 12, "url": "https://github.com/.../docs/rules/KL101.md"}

`filename` is absolute, as in ruff. `url` is the rule's documentation page (kerlint.catalogue.rule_url). For notebooks `cell` is the cell number and the rows are lines
of that cell.
"""

from __future__ import annotations

import json
import os

from kerlint.catalogue import rule_url
from kerlint.report import RunInfo
from kerlint.violation import Fix, Position, Violation


def _position(p: Position) -> dict:
    return {"row": p.row, "column": p.column}


def fix_to_dict(fix: Fix | None) -> dict | None:
    if fix is None:
        return None
    return {
        "message": fix.message,
        "applicability": fix.applicability.value,
        "edits": [{"content": e.content, "location": _position(e.start), "end_location": _position(e.end)}
                  for e in fix.edits],
    }


def violation_to_dict(v: Violation) -> dict:
    """One finding as a JSON-ready dict (the probe's report reuses it)."""
    return {
        "code": v.code,
        "name": v.name,
        "severity": v.severity.label,
        "message": v.message,
        "filename": os.path.abspath(v.filename),
        "cell": v.cell,
        "location": _position(v.location),
        "end_location": _position(v.end_location),
        "fix": fix_to_dict(v.fix),
        "noqa_row": v.location.row,
        "url": rule_url(v.code),
    }


def render(violations: list[Violation], run: RunInfo) -> str:
    return json.dumps([violation_to_dict(v) for v in violations], indent=2) + "\n"
