"""Notebooks: the probe runs the code cells in order and reports places as (cell, line)."""

import json

import pytest

from tests.probe import scripts
from tests.probe.conftest import findings, run_probe_cli, symptoms

pytestmark = pytest.mark.probe


def _notebook(path, code_cells):
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Training a CNN"]}]
    cells += [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c}
              for c in code_cells]
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}))
    return path


def _cells(script: str) -> list[str]:
    return ["%matplotlib inline\n" + script.split("\n\n\n")[0]] + script.split("\n\n\n")[1:]


def test_a_notebook_is_probed_cell_by_cell(tmp_path):
    cells = _cells(scripts.SIGMOID_STACK)
    notebook = _notebook(tmp_path / "train.ipynb", cells)
    code, report, _, err = run_probe_cli(notebook, "--max-steps", "30", "--output-format", "json", "-q")
    assert report["status"] == "ok", err
    assert report["fit_cell"] == len(cells) + 1  # the markdown cell counts, as the notebook shows it
    assert symptoms(report)["KP101"]["observed"]
    assert findings(report)["KL101"]["verdict"] == "confirmed"
    assert findings(report)["KL101"]["cell"] is not None
    assert code == 1


def test_an_error_in_a_notebook_names_the_cell_and_line(tmp_path):
    cells = ["import numpy as np\n", "!pip list\nx = np.zeros(3)\nmodel.fit(x)\n"]
    notebook = _notebook(tmp_path / "broken.ipynb", cells)
    code, _, _, err = run_probe_cli(notebook)
    assert code == 3
    assert "broken.ipynb raised NameError in cell 3, line 3 before reaching fit(): name 'model' is not defined" in err
