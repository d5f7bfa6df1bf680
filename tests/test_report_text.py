"""The human formats: text (header, code frame, help, summary) and concise; statistics."""

from __future__ import annotations

import os

from kerlint.report import RunInfo, render_report, render_statistics, summary_line
from kerlint.violation import Applicability, Edit, Fix, Position, Severity, Violation


def make(code="KL101", severity=Severity.WARNING, row=3, col=5, end=(3, 20), filename="pkg/model.py",
         message="sigmoid activation in a deep stack", line="    layers.Dense(64, activation='sigmoid'),",
         cell=None, hint="use relu", fix=None, name="saturating-activation-in-deep-stack"):
    return Violation(code=code, name=name, severity=severity, message=message, filename=filename,
                     location=Position(row, col), end_location=Position(*end), fix_hint=hint, fix=fix,
                     cell=cell, source_line=line)


RUN = RunInfo(files=1, color=False, cwd=os.getcwd())


def test_text_header_frame_caret_help_and_summary():
    out = render_report("text", [make()], RUN)
    lines = out.splitlines()
    assert lines[0] == "pkg/model.py:3:5: KL101 [warning] sigmoid activation in a deep stack"
    assert lines[2] == "3 |     layers.Dense(64, activation='sigmoid'),"
    # the caret starts under column 5 and spans to the end column (exclusive)
    caret_line = lines[3]
    assert caret_line.index("^") == lines[2].index("layers")
    assert caret_line.count("^") == 15 and caret_line.endswith("KL101")
    assert "= help: use relu" in out
    assert lines[-1] == "Found 1 problem (0 errors, 1 warning, 0 info)."


def test_text_multiline_span_underlines_to_end_of_line_and_tabs_align():
    v = make(line="\tmodel.add(Dense(3))", col=2, end=(7, 2))
    lines = render_report("text", [v], RUN).splitlines()
    assert lines[2].endswith("|     model.add(Dense(3))")  # tab shown as 4 spaces
    assert lines[3].index("^") == lines[2].index("model")
    assert lines[3].count("^") == len("model.add(Dense(3))")


def test_text_without_source_line_has_no_frame():
    v = make(code="KL000", severity=Severity.ERROR, line="", hint="", message="binary file")
    out = render_report("text", [v], RUN)
    assert "|" not in out
    assert out.splitlines()[0] == "pkg/model.py:3:5: KL000 [error] binary file"


def test_summary_counts_each_severity_and_all_clear():
    vs = [make(severity=Severity.ERROR), make(severity=Severity.ERROR), make(severity=Severity.INFO)]
    assert summary_line(vs) == "Found 3 problems (2 errors, 0 warnings, 1 info)."
    assert summary_line([]) == "All checks passed!"
    assert render_report("text", [], RUN) == "All checks passed!\n"


def test_notebook_location_names_the_cell():
    v = make(filename="nb/demo.ipynb", cell=3, row=4, col=5, end=(4, 9))
    assert render_report("concise", [v], RUN).splitlines()[0].startswith("nb/demo.ipynb:cell 3:4:5: KL101")


def test_paths_outside_cwd_stay_as_given(tmp_path):
    outside = str(tmp_path / "m.py")
    run = RunInfo(cwd=os.path.join(str(tmp_path), "sub"))
    assert render_report("concise", [make(filename=outside)], run).startswith(f"{outside}:3:5:")


def test_concise_is_one_line_a_finding_then_summary():
    out = render_report("concise", [make(), make(code="KL303", row=9, col=1, name="missing-validation")], RUN)
    assert out.splitlines() == [
        "pkg/model.py:3:5: KL101 [warning] sigmoid activation in a deep stack",
        "pkg/model.py:9:1: KL303 [warning] sigmoid activation in a deep stack",
        "Found 2 problems (0 errors, 2 warnings, 0 info).",
    ]


def test_color_only_when_asked():
    plain = render_report("text", [make()], RUN)
    coloured = render_report("text", [make()], RunInfo(files=1, color=True, cwd=os.getcwd()))
    assert "\x1b[" not in plain
    assert "\x1b[" in coloured


def test_statistics_table_and_json():
    fix = Fix("use relu", Applicability.UNSAFE, (Edit(Position(1, 1), Position(1, 2), "x"),))
    vs = [make(), make(fix=fix), make(code="KL303", name="missing-validation")]
    table = render_statistics(vs, as_json=False).splitlines()
    assert table[0].split("\t") == ["2", "KL101", "[*] [warning] saturating-activation-in-deep-stack"]
    assert table[1].split("\t") == ["1", "KL303", "[warning] missing-validation"]
    import json

    rows = json.loads(render_statistics(vs, as_json=True))
    assert rows[0] == {"code": "KL101", "name": "saturating-activation-in-deep-stack", "severity": "warning",
                       "count": 2, "fixable": 1}
