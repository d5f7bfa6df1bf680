"""`kerlint check --fix / --unsafe-fixes / --diff / --show-fixes`."""

import json
import textwrap

import pytest
from click.testing import CliRunner

from kerlint.cli import main

MODEL = textwrap.dedent("""\
    from tensorflow import keras

    model = keras.Sequential([
        keras.layers.Dense(64, activation="sigmoid", input_shape=(8,)),  # first hidden layer
        keras.layers.Dense(64, activation="sigmoid"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    # the optimizer from the paper
    model.compile(optimizer=keras.optimizers.Adam(lr=1e-3), loss="binary_crossentropy")  # keep this comment
    """)
SELECT = ["--isolated", "--select", "KL101,KL504"]


@pytest.fixture
def model_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "model.py"
    path.write_text(MODEL)
    return path


def run(*args):
    return CliRunner(mix_stderr=False).invoke(main, ["check", *SELECT, *args])


def test_fix_applies_safe_fixes_keeps_comments_and_reports_what_remains(model_file):
    result = run("--fix", "--fail-on", "info", "model.py")  # two sigmoid layers: KL101 is info
    text = model_file.read_text()
    assert "keras.optimizers.Adam(learning_rate=1e-3), loss=\"binary_crossentropy\")  # keep this comment" in text
    assert "# the optimizer from the paper\n" in text
    assert 'activation="sigmoid", input_shape=(8,)),  # first hidden layer' in text  # unsafe: not applied
    assert "KL101" in result.output and "KL504" not in result.output
    assert "Fixed 1 finding in 1 file (1 remaining)." in result.stderr
    assert "1 more fix is available with --unsafe-fixes." in result.stderr
    assert result.exit_code == 1  # KL101 remains


def test_unsafe_fixes_apply_with_fix_and_the_second_run_changes_nothing(model_file):
    result = run("--fix", "--unsafe-fixes", "model.py")
    assert result.exit_code == 0, result.output + result.stderr
    text = model_file.read_text()
    assert ('keras.layers.Dense(64, activation="relu", input_shape=(8,), kernel_initializer="he_normal"),'
            '  # first hidden layer') in text
    assert 'keras.layers.Dense(1, activation="sigmoid"),' in text
    assert "Fixed 2 findings in 1 file (0 remaining)." in result.stderr
    again = run("--fix", "--unsafe-fixes", "model.py")
    assert model_file.read_text() == text
    assert "No fixes to apply." in again.stderr and again.exit_code == 0


def test_diff_prints_and_writes_nothing_exit_1_then_0_when_clean(model_file):
    result = run("--diff", "model.py")
    assert result.exit_code == 1
    assert model_file.read_text() == MODEL
    assert result.output.startswith("--- model.py\n+++ model.py\n")
    assert "-model.compile(optimizer=keras.optimizers.Adam(lr=1e-3)" in result.output
    assert "+model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3)" in result.output
    assert "relu" not in result.output  # unsafe fixes only with --unsafe-fixes
    assert "Would fix 1 finding" in result.stderr
    assert "relu" in run("--diff", "--unsafe-fixes", "model.py").output
    run("--fix", "--unsafe-fixes", "model.py")
    clean = run("--diff", "--unsafe-fixes", "model.py")
    assert clean.exit_code == 0 and clean.output == ""


def test_show_fixes_lists_available_and_applied_fixes(model_file):
    available = run("--show-fixes", "model.py")
    assert "model.py:9:47: KL504 [safe] Rename `lr=` to `learning_rate=` (--fix)" in available.stderr
    assert "model.py:4:5: KL101 [unsafe] Use relu with he_normal initialisation in the 2 hidden layers " \
           "(changes the model) (--fix --unsafe-fixes)" in available.stderr
    assert model_file.read_text() == MODEL
    applied = run("--fix", "--show-fixes", "model.py")
    assert "model.py:\n    1 × KL504: Rename `lr=` to `learning_rate=`\n" in applied.stderr


def test_json_output_carries_the_fix_and_stays_pure_json_with_fix(model_file):
    result = run("--output-format", "json", "model.py")
    [kl504] = [v for v in json.loads(result.output) if v["code"] == "KL504"]
    assert kl504["fix"]["applicability"] == "safe"
    assert kl504["fix"]["edits"] == [{"content": "learning_rate", "location": {"row": 9, "column": 47},
                                      "end_location": {"row": 9, "column": 49}}]
    fixed = run("--fix", "--output-format", "json", "model.py")
    assert [v["code"] for v in json.loads(fixed.output)] == ["KL101"]


def test_fix_refuses_a_file_changed_while_fixing(model_file, monkeypatch):
    from kerlint import engine

    real = engine.lint_unit

    def lint_then_edit(unit, settings):
        result = real(unit, settings)
        model_file.write_text(MODEL + "x = 1\n")
        return result

    monkeypatch.setattr(engine, "lint_unit", lint_then_edit)
    result = run("--fix", "model.py")
    assert model_file.read_text() == MODEL + "x = 1\n"
    assert "changed on disk since kerlint read it; not overwritten" in result.stderr
