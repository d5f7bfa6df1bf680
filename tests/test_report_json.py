"""The JSON format: ruff's field names plus name, severity and cell."""

from __future__ import annotations

import json
import os

from kerlint.report import RunInfo, render_report
from kerlint.report.json import violation_to_dict
from kerlint.violation import Applicability, Edit, Fix, Position, Severity, Violation


def test_fields_follow_ruff_plus_name_severity_cell(tmp_path):
    fix = Fix("rename lr= to learning_rate=", Applicability.SAFE,
              (Edit(Position(2, 20), Position(2, 22), "learning_rate"),))
    v = Violation("KL504", "removed-lr-argument", Severity.ERROR, "lr= was removed", "src/train.py",
                  Position(2, 20), Position(2, 26), fix=fix)
    d = violation_to_dict(v)
    assert set(d) == {"code", "name", "severity", "message", "filename", "cell", "location", "end_location",
                      "fix", "noqa_row", "url"}
    assert d["filename"] == os.path.abspath("src/train.py")
    assert d["location"] == {"row": 2, "column": 20} and d["end_location"] == {"row": 2, "column": 26}
    assert d["severity"] == "error" and d["cell"] is None and d["noqa_row"] == 2
    assert d["url"] == "https://github.com/kerlint/kerlint/blob/main/docs/rules/KL504.md"
    assert d["fix"] == {"message": "rename lr= to learning_rate=", "applicability": "safe",
                        "edits": [{"content": "learning_rate", "location": {"row": 2, "column": 20},
                                   "end_location": {"row": 2, "column": 22}}]}


def test_render_is_a_json_list_and_carries_cells():
    v = Violation("KL101", "saturating-activation-in-deep-stack", Severity.INFO, "m", "a.ipynb",
                  Position(4, 1), Position(4, 5), cell=2)
    data = json.loads(render_report("json", [v], RunInfo()))
    assert isinstance(data, list) and data[0]["cell"] == 2 and data[0]["severity"] == "info"
    assert data[0]["fix"] is None
    assert json.loads(render_report("json", [], RunInfo())) == []
