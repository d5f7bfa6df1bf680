"""Undecided conditions, flags and the step budget (kerlint.ir.conditions / configurations / flags).

Each test is a small whole script: what matters is which findings come out, and what their messages say
about the configuration they hold in.
"""

from __future__ import annotations

import json
import textwrap

import libcst as cst
import pytest
from click.testing import CliRunner

from kerlint.cli import main
from kerlint.engine import lint_text
from kerlint.ir import extract, extractor
from kerlint.ir.conditions import MAX_CONFIGURATIONS
from kerlint.ir.configurations import extract_configurations


def lint(src: str):
    return lint_text(textwrap.dedent(src))


def configurations(src: str):
    src = textwrap.dedent(src)
    return extract_configurations(cst.parse_module(src), src)


BINARY_SWITCH = """
from tensorflow import keras
from tensorflow.keras import layers
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--binary", action="store_true")
args = parser.parse_args()

model = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(32, activation="relu"), layers.Dropout(0.2)])
if args.binary:
    model.add(layers.Dense(1, activation="sigmoid"))
else:
    model.add(layers.Dense(10, activation="softmax"))
{compile}
"""


def test_arms_of_one_flag_never_combine_into_a_finding():
    src = BINARY_SWITCH.format(compile="""
if args.binary:
    model.compile(optimizer="adam", loss="binary_crossentropy")
else:
    model.compile(optimizer="adam", loss="categorical_crossentropy")
""")
    assert [v.code for v in lint(src)] == []
    runs = configurations(src)
    assert sorted(r.decisions[("flag", "binary")] for r in runs) == [False, True]
    assert all(r.file.models[0].complete for r in runs)  # each configuration sees one whole model


def test_a_finding_in_one_configuration_names_it():
    src = BINARY_SWITCH.format(compile='model.compile(optimizer="adam", loss="binary_crossentropy")')
    found = [(v.code, v.message) for v in lint(src) if v.code == "KL201"]
    assert len(found) == 1
    assert found[0][1].endswith("(when `--binary` is false)")


def test_the_same_test_is_decided_the_same_way_everywhere():
    src = """
    import os
    from tensorflow import keras
    from tensorflow.keras import layers
    if os.path.exists("cache"):
        head = layers.Dense(1, activation="sigmoid")
    else:
        head = layers.Dense(10, activation="softmax")
    model = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(32, activation="relu"), layers.Dropout(0.2), head])
    if os.path.exists("cache"):
        model.compile(optimizer="adam", loss="binary_crossentropy")
    if not os.path.exists("cache"):
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """
    assert [v.code for v in lint(src)] == []  # no run pairs the sigmoid head with categorical CE


def test_choices_and_elif_chains_are_each_a_configuration():
    src = """
    import sys
    from tensorflow import keras
    mode = sys.argv[1]
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(10, activation="softmax")])
    if mode == "train":
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy")
    elif mode == "tune":
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=3.0), loss="categorical_crossentropy")
    """
    runs = configurations(src)
    values = [r.decisions[("expr", "mode")] for r in runs]
    assert values[:2] == ["train", "tune"] and len(values) == 3  # and "none of them"
    found = [v.message for v in lint(src) if v.code == "KL301"]
    assert len(found) == 1 and found[0].endswith("(when `mode` is 'tune')")


def test_argparse_defaults_absl_and_click_flags_are_read():
    argparse_src = """
    import argparse
    from tensorflow import keras
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--data", default=None)
    a = p.parse_args()
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.fit(x, y, epochs=a.epochs, validation_split=0.1)
    """
    assert "KL309" in [v.code for v in lint(argparse_src)]
    assert "KL309" not in [v.code for v in lint(argparse_src.replace("default=1)", "default=40)"))]
    assert "KL309" not in [v.code for v in lint(argparse_src.replace("default=1)", "required=True)"))]
    absl_src = """
    from absl import app, flags
    from tensorflow import keras
    FLAGS = flags.FLAGS
    flags.DEFINE_float("lr", 5.0, "learning rate")

    def main(argv):
        model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=FLAGS.lr), loss="binary_crossentropy")

    if __name__ == "__main__":
        app.run(main)
    """
    assert "KL301" in [v.code for v in lint(absl_src)]


def test_configurations_are_bounded_and_the_rest_is_announced():
    flags = "\n".join(f'parser.add_argument("--f{i}", action="store_true")' for i in range(3))
    tests = "\n".join(f"if args.f{i}:\n    model.add(keras.layers.Dense(8, activation='relu'))" for i in range(3))
    src = f"""
import argparse
from tensorflow import keras
parser = argparse.ArgumentParser()
{flags}
args = parser.parse_args()
model = keras.Sequential([keras.Input(shape=(4,))])
{tests}
"""
    runs = configurations(src)
    assert len(runs) == MAX_CONFIGURATIONS
    notices = [v for v in lint(src) if v.code == "KL002"]
    assert len(notices) == 1 and "`--f2`" in notices[0].message and notices[0].location.row == 14


def test_a_long_data_loop_is_summarised_and_what_it_grows_is_unknown():
    src = """
    import numpy as np
    from tensorflow import keras
    images, n = [], 0
    for i in range(300):
        for j in range(300):
            images.append(np.zeros((8,)))
            n += 1
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    units = n
    """
    src = textwrap.dedent(src)
    file = extract(cst.parse_module(src), src)
    assert not file.budget_exhausted and not file.notices
    assert [v.code for v in lint(src)] == ["KL201"]


def test_loops_that_build_layers_are_still_unrolled():
    src = """
    from tensorflow import keras
    model = keras.Sequential([keras.Input(shape=(8,))])
    for i in range(12):
        model.add(keras.layers.Dense(16, activation="sigmoid"))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    """
    src = textwrap.dedent(src)
    model = extract(cst.parse_module(src), src).models[0]
    assert len(model.layers) == 13 and model.complete


BUDGET = """
from tensorflow import keras
models = []
for a in range(300):
    for b in range(300):
        m = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(a + 1), keras.layers.Dense(1)])
        models.append(m)
final = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(10, activation="softmax")])
final.compile(optimizer="adam", loss="binary_crossentropy")
"""


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github"])
def test_an_exhausted_budget_is_visible_in_every_output_format(tmp_path, monkeypatch, fmt):
    path = tmp_path / "grid.py"
    path.write_text(BUDGET)
    monkeypatch.setattr(extractor, "STEP_BUDGET", 20_000)  # the same budget logic, a smaller file's worth
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--output-format", fmt, str(path)])
    if fmt in ("text", "concise"):
        assert "All checks passed" not in result.output
    assert "KL002" in result.output and "budget" in result.output
    if fmt in ("text", "concise"):
        assert "1 file only partly analysed (KL002)." in result.output
    if fmt == "json":
        (finding,) = json.loads(result.output)
        assert finding["code"] == "KL002" and finding["severity"] == "info" and finding["location"]["row"] == 6
    assert result.exit_code == 0  # an info finding: --fail-on info makes it fail


def test_partial_analysis_stays_on_under_select_and_only_its_own_code_ignores_it(tmp_path, monkeypatch):
    monkeypatch.setattr(extractor, "STEP_BUDGET", 20_000)
    path = tmp_path / "grid.py"
    path.write_text(BUDGET)
    selected = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--select", "KL2", str(path)])
    assert "KL002" in selected.output
    ignored = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--ignore", "KL002", str(path)])
    assert "KL002" not in ignored.output
    failing = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--fail-on", "info", str(path)])
    assert failing.exit_code == 1
