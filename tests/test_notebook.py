"""Notebooks: cells joined with IPython syntax neutralised, findings mapped back to cells."""

from __future__ import annotations

import json
import textwrap

import libcst
import pytest
from click.testing import CliRunner

from kerlint.cli import main
from kerlint.notebook import load, neutralise
from kerlint.units import SourceProblem, SourceUnit


def notebook(*cells, nbformat=4, language="python") -> bytes:
    def cell(source):
        kind, _, text = source.partition(":") if source.startswith(("markdown:", "raw:")) else ("code", "", source)
        entry = {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
        if kind == "code":
            entry.update(execution_count=None, outputs=[])
        return entry

    return json.dumps({"nbformat": nbformat, "nbformat_minor": 5,
                       "metadata": {"language_info": {"name": language}},
                       "cells": [cell(textwrap.dedent(c)) for c in cells]}, indent=1).encode()


def test_cells_are_joined_and_mapped_back():
    unit = load("nb.ipynb", notebook("import keras\nx = 1\n", "markdown:# Title\n", "y = 2\nz = 3"))
    assert isinstance(unit, SourceUnit)
    assert unit.text == "import keras\nx = 1\ny = 2\nz = 3\n"
    # cells are numbered as the notebook shows them: the markdown cell is cell 2
    assert unit.cell_map == {1: (1, 1), 2: (1, 2), 3: (3, 1), 4: (3, 2)}


def test_magics_and_shell_lines_become_pass_lines_of_the_same_count():
    source = textwrap.dedent("""\
        !pip install tensorflow
        %matplotlib inline
        files = !ls data
        x = 10 % 3
        y = x != 2
        model?
        ?model
        for i in range(2):
            !echo $i
        %time \\
            train()
        # %not a magic, a comment
        """).splitlines()
    out = neutralise(source)
    assert len(out) == len(source)
    assert out == ["pass", "pass", "pass", "x = 10 % 3", "y = x != 2", "pass", "pass", "for i in range(2):",
                   "    pass", "pass", "pass", "# %not a magic, a comment"]
    libcst.parse_module("\n".join(out) + "\n")  # valid Python


def test_cell_magics():
    assert neutralise(["%%bash", "echo hi", "ls -l |  wc"]) == ["pass", "pass", "pass"]
    # cell magics whose body is Python keep the body
    assert neutralise(["%%time", "model.fit(x, y)", "!nvidia-smi"]) == ["pass", "model.fit(x, y)", "pass"]


def test_empty_and_non_python_notebooks_lint_nothing():
    assert load("e.ipynb", notebook()).text == ""
    r = load("r.ipynb", notebook("library(keras)\n", language="R"))
    assert isinstance(r, SourceUnit) and r.text == ""


@pytest.mark.parametrize("data, words", [
    (b"{not json", "invalid JSON"),
    (b"[1, 2]", "not a JSON object"),
    (json.dumps({"nbformat": 3, "worksheets": []}).encode(), "nbformat 3"),
    (json.dumps({"nbformat": 4}).encode(), "no `cells` list"),
    (json.dumps({"nbformat": 4, "cells": {}}).encode(), "`cells` is not a list"),
    (json.dumps({"nbformat": 4, "cells": [{"source": "x"}]}).encode(), "cell 1 has no `cell_type`"),
    (json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "source": 3}]}).encode(), "cell 1: a code cell"),
    (b"\xff\xfe{", "not UTF-8"),
])
def test_malformed_notebooks_are_problems_not_crashes(data, words):
    problem = load("bad.ipynb", data)
    assert isinstance(problem, SourceProblem)
    assert words in problem.message and problem.message.startswith(("malformed notebook", "unsupported"))


SIGMOID_CELL = """\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(256, activation="sigmoid"),
    layers.Dense(256, activation="sigmoid"),
    layers.Dense(256, activation="sigmoid"),
    layers.Dense(10, activation="softmax"),
])
"""


def check_json(path, *args):
    result = CliRunner().invoke(main, ["check", "--isolated", "--output-format", "json", *args, str(path)])
    return result, json.loads(result.output) if result.output.strip().startswith("[") else None


def test_acceptance_kl101_is_reported_at_cell_2s_line(tmp_path):
    path = tmp_path / "train.ipynb"
    path.write_bytes(notebook("!pip install tensorflow\n%load_ext autoreload\n", SIGMOID_CELL))
    result, findings = check_json(path, "--select", "KL101")
    assert result.exit_code == 1, result.output
    [finding] = findings
    assert finding["code"] == "KL101" and finding["cell"] == 2
    cell_lines = SIGMOID_CELL.splitlines()
    assert "sigmoid" in cell_lines[finding["location"]["row"] - 1]
    text = CliRunner().invoke(main, ["check", "--isolated", "--select", "KL101", str(path)]).output
    assert f"train.ipynb:cell 2:{finding['location']['row']}:{finding['location']['column']}: KL101" in text


def test_noqa_inside_a_cell(tmp_path):
    path = tmp_path / "nb.ipynb"
    suppressed = SIGMOID_CELL.replace("model = keras.Sequential([", "model = keras.Sequential([  # noqa: KL101")
    path.write_bytes(notebook("!pip install tensorflow\n", suppressed))
    result, findings = check_json(path, "--select", "KL101")
    assert result.exit_code == 0 and findings == []


def test_syntax_error_in_a_cell_is_reported_in_that_cell(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(notebook("x = 1\n", "markdown:text\n", "y = 2\ndef f(:\n"))
    result, findings = check_json(path)
    assert result.exit_code == 1
    [finding] = findings
    assert (finding["code"], finding["cell"], finding["location"]["row"]) == ("KL000", 3, 2)


def test_malformed_notebook_is_kl000_and_the_run_goes_on(tmp_path):
    (tmp_path / "bad.ipynb").write_text("{oops")
    (tmp_path / "good.py").write_text("x = 1\n")
    result, findings = check_json(tmp_path)
    assert result.exit_code == 1
    assert [(f["code"], f["filename"].rsplit("/", 1)[-1]) for f in findings] == [("KL000", "bad.ipynb")]
    assert "invalid JSON" in findings[0]["message"]


def test_file_lines_map_cell_lines_to_lines_of_the_ipynb_file():
    from kerlint.notebook import file_lines

    data = notebook("!pip install x\ny = 1\nz", "markdown:# hi\n", "a = 1\n")
    raw_lines = data.decode().splitlines()
    mapping = file_lines(data)
    assert raw_lines[mapping[(1, 1)] - 1].strip() == '"!pip install x\\n",'
    assert raw_lines[mapping[(1, 3)] - 1].strip() == '"z"'
    assert raw_lines[mapping[(3, 1)] - 1].strip() == '"a = 1\\n"'
    assert file_lines(b"{broken") == {}


def test_github_and_sarif_point_at_the_ipynb_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "train.ipynb"
    data = notebook("!pip install tensorflow\n", SIGMOID_CELL)
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "KL101", "--output-format", "github",
                                       "train.ipynb"])
    [annotation] = result.output.splitlines()
    line = int(annotation.split("line=")[1].split(",")[0])
    assert "sigmoid" in data.decode().splitlines()[line - 1]
    assert "::cell 2, line " in annotation
    sarif = json.loads(CliRunner().invoke(main, ["check", "--isolated", "--select", "KL101", "--output-format",
                                                 "sarif", "train.ipynb"]).output)
    [res] = sarif["runs"][0]["results"]
    assert res["locations"][0]["physicalLocation"]["region"] == {"startLine": line}
    assert res["properties"]["cell"] == 2
