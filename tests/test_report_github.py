"""GitHub workflow-command annotations and their escaping."""

from __future__ import annotations

import os
import re

from hypothesis import given
from hypothesis import strategies as st

from kerlint.report import RunInfo, render_report
from kerlint.report.github import escape_data, escape_property
from kerlint.violation import Position, Severity, Violation

RUN = RunInfo(cwd=os.getcwd())


def make(severity=Severity.WARNING, message="msg", filename="src/model.py", cell=None):
    return Violation("KL101", "saturating-activation-in-deep-stack", severity, message, filename,
                     Position(12, 5), Position(12, 43), cell=cell)


def test_annotation_format():
    out = render_report("github", [make()], RUN)
    assert out == ("::warning file=src/model.py,line=12,col=5,endLine=12,endColumn=43,"
                   "title=KL101 saturating-activation-in-deep-stack::msg\n")


def test_severity_commands():
    out = render_report("github", [make(Severity.ERROR), make(Severity.WARNING), make(Severity.INFO)], RUN)
    assert [line.split(" ", 1)[0] for line in out.splitlines()] == ["::error", "::warning", "::notice"]


def test_escaping_per_workflow_commands_spec():
    assert escape_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    out = render_report("github", [make(message="50%\nnext: a, b", filename="we,ird:dir/m.py")], RUN)
    assert "file=we%2Cird%3Adir/m.py," in out
    assert out.endswith("::50%25%0Anext: a, b\n")
    # exactly one line per annotation, and the property list has no raw separators inside values
    assert out.count("\n") == 1
    props = re.match(r"::warning (.*?)::", out).group(1)
    assert [p.split("=", 1)[0] for p in props.split(",")] == ["file", "line", "col", "endLine", "endColumn",
                                                              "title"]


def test_notebook_annotation_names_the_cell_not_a_file_line():
    out = render_report("github", [make(filename="nb.ipynb", cell=3)], RUN)
    assert out.startswith("::warning file=nb.ipynb,title=KL101")
    assert "line=" not in out.split("::")[1]
    assert out.rstrip().endswith("::cell 3, line 12: msg")


def _unescape(text: str) -> str:
    # the runner's decoding (actions/runner ActionCommand.Unescape*): %25 last
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


@given(st.text())
def test_escaping_round_trips_and_never_leaves_separators(text):
    prop = escape_property(text)
    assert _unescape(prop) == text
    assert not any(ch in prop for ch in ":,\r\n")
    data = escape_data(text)
    assert "\n" not in data and "\r" not in data
