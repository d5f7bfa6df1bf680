"""`kerlint check --add-noqa`: directives for every current finding, merged, idempotent, per cell."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from kerlint.add_noqa import plan
from kerlint.cli import main
from kerlint.config import Settings
from kerlint.engine import lint_text, lint_unit
from kerlint.notebook import load

SCRIPTS = Path(__file__).parent / "scripts"

DEEP_SIGMOID = textwrap.dedent("""\
    from tensorflow import keras
    from tensorflow.keras import layers

    model = keras.Sequential([  # noqa: E501
        keras.Input(shape=(32,)),
        layers.Dense(64, activation="sigmoid"),
        layers.Dense(64, activation="sigmoid"),
        layers.Dense(64, activation="sigmoid"),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(lr=0.1), loss="mse")  # the loss
    model.fit(x, y, epochs=3)
    """)


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--isolated", *args])


def add_noqa(text: str) -> str:
    from kerlint.units import SourceUnit

    unit = SourceUnit("m.py", text)
    violations, _ = lint_unit(unit, Settings())
    edits = plan(unit, violations).edits
    from kerlint.fix.apply import apply_edits

    return apply_edits(text, [e.edit for e in edits])


def test_directives_merge_append_and_go_on_the_statements_first_line():
    assert {v.code for v in lint_text(DEEP_SIGMOID)} == {"KL101", "KL301", "KL504", "KL303"}
    out = add_noqa(DEEP_SIGMOID)
    lines = out.splitlines()
    assert lines[3] == "model = keras.Sequential([  # noqa: E501, KL101"  # merged, on the first line
    assert lines[5] == '    layers.Dense(64, activation="sigmoid"),'  # the reported line stays as it was
    assert lines[10].endswith("# the loss  # noqa: KL301, KL504")  # after the comment already there
    assert lines[11] == "model.fit(x, y, epochs=3)  # noqa: KL303"
    assert len(lines) == len(DEEP_SIGMOID.splitlines())
    assert lint_text(out) == []
    assert add_noqa(out) == out  # idempotent


def test_a_first_line_that_cannot_end_in_a_comment_falls_back_to_the_reported_line():
    text = textwrap.dedent('''\
        from tensorflow import keras
        model = keras.Sequential()
        history = (model.fit(x, y, epochs=3), """
        doc"""), \\
            keras.optimizers.Adam(lr=0.1)
        ''')
    codes = {v.code: v.location.row for v in lint_text(text)}
    assert codes.get("KL504") == 5 and codes.get("KL303") == 3
    out = add_noqa(text)
    assert out.splitlines()[4].endswith("keras.optimizers.Adam(lr=0.1)  # noqa: KL504")
    # the statement's first line ends inside the string: KL303 (reported there) cannot be suppressed
    assert '"""  # noqa' not in out and compile(out, "m.py", "exec")
    assert [v.code for v in lint_text(out)] == ["KL303"]


def test_cli_adds_reports_count_and_a_second_run_changes_nothing(tmp_path):
    target = tmp_path / "model.py"
    target.write_text(DEEP_SIGMOID)
    result = run("--add-noqa", str(target))
    assert result.exit_code == 0, result.output
    assert "Added 3 noqa directives to 1 file." in result.output
    after = target.read_bytes()
    assert run(str(target)).exit_code == 0
    result = run("--add-noqa", str(target))
    assert "Added 0 noqa directives to 0 files." in result.output and target.read_bytes() == after
    bad = run("--add-noqa", "--fix", str(target))
    assert bad.exit_code == 2 and "--add-noqa cannot be used with --fix" in bad.output


def test_a_file_that_does_not_parse_is_left_alone(tmp_path):
    target = tmp_path / "broken.py"
    target.write_text("def f(:\n")
    result = run("--add-noqa", str(target))
    assert result.exit_code == 0 and target.read_text() == "def f(:\n"


def _notebook(*cells: str) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}},
                       "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Title\n"]}] + [
                           {"cell_type": "code", "metadata": {"tags": ["keep"]}, "execution_count": 1,
                            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}],
                            "source": textwrap.dedent(c).splitlines(keepends=True)} for c in cells]}, indent=1)


def test_notebooks_get_their_directives_in_each_cell(tmp_path):
    target = tmp_path / "nb.ipynb"
    target.write_text(_notebook(
        """\
        %matplotlib inline
        from tensorflow import keras
        opt = keras.optimizers.Adam(lr=0.001)
        """,
        """\
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer=opt, loss="mse")
        model.fit(x, y, epochs=3)""",
    ))
    result = run("--add-noqa", str(target))
    assert result.exit_code == 0 and "Added 2 noqa directives to 1 file." in result.output
    nb = json.loads(target.read_text())
    assert nb["cells"][1]["source"] == ["%matplotlib inline\n", "from tensorflow import keras\n",
                                        "opt = keras.optimizers.Adam(lr=0.001)  # noqa: KL504\n"]
    assert nb["cells"][2]["source"][-1] == "model.fit(x, y, epochs=3)  # noqa: KL303"
    assert nb["cells"][2]["outputs"][0]["text"] == ["hi\n"] and nb["cells"][2]["metadata"] == {"tags": ["keep"]}
    unit = load(str(target), target.read_bytes())
    assert lint_unit(unit, Settings())[0] == []
    before = target.read_bytes()
    run("--add-noqa", str(target))
    assert target.read_bytes() == before


@pytest.mark.slow
def test_on_the_whole_script_corpus_nothing_is_left_and_a_second_run_changes_nothing(tmp_path):
    copy = tmp_path / "scripts"
    shutil.copytree(SCRIPTS, copy)
    before = run("--no-cache", "--exit-zero", "--output-format", "json", str(copy))
    assert json.loads(before.output), "the corpus has findings to suppress"
    assert run("--add-noqa", str(copy)).exit_code == 0
    after = run("--no-cache", "--exit-zero", "--show-unused-noqa", "--output-format", "json", str(copy))
    assert json.loads(after.output) == []  # nothing left, and no directive is unused
    snapshot = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    result = run("--add-noqa", str(copy))
    assert "Added 0 noqa directives to 0 files." in result.output
    assert snapshot == {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}


def test_line_endings_and_encoding_are_kept(tmp_path):
    target = tmp_path / "crlf.py"
    target.write_bytes(b"\xef\xbb\xbffrom keras.optimizers import Adam\r\nopt = Adam(lr=0.001)   \r\n")
    assert run("--add-noqa", str(target)).exit_code == 0
    assert target.read_bytes() == (b"\xef\xbb\xbffrom keras.optimizers import Adam\r\n"
                                   b"opt = Adam(lr=0.001)  # noqa: KL504\r\n")
