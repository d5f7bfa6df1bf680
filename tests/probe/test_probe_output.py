"""The output layer against the labels and the loss (issue 15, third pass), each by a real tiny CPU run, healthy
and broken:

- KP111 compares the labels with the values the output activation can produce, for every loss: a relu output
  never goes below 0, a tanh never beyond +-1, a softmax row always sums to 1 (so multi-hot label rows cannot
  be matched); the diagnosis files it under the output activation, confirming KL207;
- KP114: a categorical cross-entropy on outputs that are not one distribution per sample (sigmoid units),
  which Keras trains without complaint because it normalises the rows inside the loss (checked against the
  installed Keras below);
- KP107/KP108 follow the overfit test's own loss curve: a model whose loss on 16 samples is still falling
  steadily is not "cannot learn" when its script plans far more steps than the probe ran, and is when its
  curve has levelled off.
"""

import subprocess
import sys

import pytest

from tests.probe.conftest import run_probe_cli, symptoms, write_script

pytestmark = pytest.mark.probe

REGRESSION = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(256, 4)).astype("float32")
y = (x @ np.array([0.8, -0.5, 0.3, 0.2]) {shift}).astype("float32")
model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(16, activation="relu"),
                          layers.Dense(1), layers.Activation("{output}")])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, batch_size=32, epochs=5)
'''

CLASSIFIER = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(1)
x = rng.normal(size=(512, 8)).astype("float32")
y = {labels}
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"),
                          layers.Dense(3, activation="{output}")])
model.compile(optimizer="adam", loss="{loss}", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=5)
'''
MULTI_HOT = '(x[:, :3] > 0).astype("float32")  # each sample has 0 to 3 of the 3 labels'
ONE_HOT = 'keras.utils.to_categorical(np.argmax(x[:, :3], axis=1), 3)  # exactly one class per sample'

# 8 random labels per sample (nothing to generalise, only to memorise), batch size 1, SGD 0.01: the overfit
# test's full-batch loss on 16 samples falls steadily (about 4% in 200 steps) while the batch-1 training loss
# is all noise
SLOW_MULTI_LABEL = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=({samples}, 8)).astype("float32")
y = rng.integers(0, 2, size=({samples}, 8)).astype("float32")
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(32, activation="relu"),
                          layers.Dense(8, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="binary_crossentropy",
              metrics=["accuracy"])
model.fit(x, y, batch_size=1, epochs={epochs})
'''


def _run(tmp_path, name, text, *args):
    script = write_script(tmp_path, f"{name}.py", text)
    code, report, _, stderr = run_probe_cli(script, "--output-format", "json", "-q", "--max-steps", "200", *args)
    assert report is not None and report["status"] == "ok", stderr
    return code, report, symptoms(report)


def _causes(report):
    return [c["cause"] for c in report["diagnosis"]["causes"]]


def test_regression_targets_a_relu_output_cannot_produce_are_label_problems(tmp_path):
    code, report, broken = _run(tmp_path, "relu", REGRESSION.format(shift="- 0.5", output="relu"))
    kp111 = broken["KP111"]
    assert kp111["observed"] and kp111["evidence"]["output_activation"] == "relu"
    assert 0.3 < kp111["evidence"]["labels_outside_output_range"] < 0.9  # the negative targets
    assert any("[0, inf)" in p and "relu output" in p for p in kp111["evidence"]["problems"])
    assert code == 1 and _causes(report)[0] == "output-cannot-produce-labels"
    assert report["diagnosis"]["causes"][0]["category"] == "activation"

    _, _, tanh = _run(tmp_path, "tanh", REGRESSION.format(shift="* 3", output="tanh"))
    assert tanh["KP111"]["observed"] and "[-1, 1]" in tanh["KP111"]["evidence"]["problems"][0]

    _, report, healthy = _run(tmp_path, "linear", REGRESSION.format(shift="- 0.5", output="linear"))
    assert healthy["KP111"]["measured"] is False  # nothing bounds a linear output
    assert "output-cannot-produce-labels" not in _causes(report)


def test_multi_hot_labels_on_a_softmax_output_are_label_problems(tmp_path):
    code, report, broken = _run(tmp_path, "softmax", CLASSIFIER.format(labels=MULTI_HOT, output="softmax", loss="mse"))
    kp111 = broken["KP111"]
    assert kp111["observed"] and 0.5 < kp111["evidence"]["label_rows_not_summing_to_1"] < 0.9
    assert "softmax output (its rows always sum to 1)" in kp111["evidence"]["problems"][0]
    assert code == 1 and _causes(report)[0] == "output-cannot-produce-labels"

    _, report, healthy = _run(tmp_path, "sigmoid", CLASSIFIER.format(labels=MULTI_HOT, output="sigmoid", loss="binary_crossentropy"))
    assert healthy["KP111"]["measured"] and not healthy["KP111"]["observed"]
    assert "output-cannot-produce-labels" not in _causes(report)


def test_a_categorical_loss_on_sigmoid_units_is_an_output_that_is_not_a_distribution(tmp_path):
    code, report, broken = _run(tmp_path, "sigmoid", CLASSIFIER.format(labels=ONE_HOT, output="sigmoid", loss="categorical_crossentropy"))
    kp114 = broken["KP114"]
    assert kp114["observed"], kp114
    assert kp114["evidence"]["mean_row_sum_deviation_at_init"] > 0.1  # three sigmoids start near 0.5 each
    assert code == 1 and "output-activation-mismatch" in _causes(report)
    assert not broken["KP111"]["observed"]  # the one-hot labels themselves are fine

    _, report, healthy = _run(tmp_path, "softmax", CLASSIFIER.format(labels=ONE_HOT, output="softmax", loss="categorical_crossentropy"))
    assert healthy["KP114"]["measured"] and not healthy["KP114"]["observed"]
    assert healthy["KP114"]["evidence"]["mean_row_sum_deviation_after_training"] < 1e-4
    assert "output-activation-mismatch" not in _causes(report)


def test_a_steadily_falling_overfit_curve_is_judged_against_the_planned_training(tmp_path):
    _, report, planned_long = _run(tmp_path, "long", SLOW_MULTI_LABEL.format(samples=256, epochs=1000))
    for code in ("KP107", "KP108"):
        symptom = planned_long[code]
        assert not (symptom["measured"] and symptom["observed"]), symptom
    assert not planned_long["KP107"]["measured"] and planned_long["KP107"]["evidence"]["still_learning"]
    assert "the overfit test's loss is still falling" in planned_long["KP107"]["reason"]
    assert not planned_long["KP109"]["evidence"]["loss_fell"]  # the noisy training run alone would not defer it
    assert "does-not-learn" not in _causes(report)

    # the same model when its script trains 100 steps: the 200 the probe ran cover that, the verdict stands
    code, report, planned_short = _run(tmp_path, "short", SLOW_MULTI_LABEL.format(samples=100, epochs=1))
    assert planned_short["KP107"]["measured"] and planned_short["KP107"]["observed"]
    assert code == 1


def test_the_installed_keras_normalises_outputs_inside_the_categorical_losses():
    """The claim in rules/KP114.yaml: Keras 3 trains a categorical cross-entropy on rows that do not sum to 1 by
    dividing each row by its sum (categorical) or renormalising the logs (sparse), without an error."""
    code = '''
import numpy as np, keras
rows = np.array([[0.9, 0.6, 0.3], [0.2, 0.7, 0.8]], "float32")   # sigmoid-like rows, sums 1.8 and 1.7
onehot = np.array([[1, 0, 0], [0, 0, 1]], "float32")
normalised = rows / rows.sum(axis=1, keepdims=True)
cce = keras.losses.categorical_crossentropy
scce = keras.losses.sparse_categorical_crossentropy
a, b = np.asarray(cce(onehot, rows)), np.asarray(cce(onehot, normalised))
c, d = np.asarray(scce(np.array([0, 2]), rows)), np.asarray(scce(np.array([0, 2]), normalised))
print("categorical", bool(np.allclose(a, b, atol=1e-5)), "sparse", bool(np.allclose(c, d, atol=1e-5)))
'''
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split()[-4:] == ["categorical", "True", "sparse", "True"], done.stderr[-2000:]


SIGMOID_REGRESSION = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.uniform(-{bound}, {bound}, size=(200, {features})).astype("float32")  # not standardised
y = (x.sum(axis=1) * 0.3 + 1).astype("float32")
model = keras.Sequential([keras.Input(shape=({features},)), layers.Dense(5, activation="sigmoid"), layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(x, y, batch_size=200, epochs=1000)
'''


def test_tabular_inputs_into_sigmoid_layers_are_unscaled_when_the_layers_saturate_on_them(tmp_path):
    """KP110's strict bound (+-5) for tabular inputs into sigmoid/tanh layers stands for the saturation it
    predicts, which KP105 measures: one feature in +-10 leaves a 5-unit sigmoid layer mostly unsaturated."""
    _, _, mild = _run(tmp_path, "mild", SIGMOID_REGRESSION.format(bound=10, features=1))
    assert mild["KP110"]["evidence"]["max"] > 5 and mild["KP110"]["evidence"]["saturating_hidden_layers"]
    assert mild["KP105"]["measured"] and not mild["KP105"]["evidence"]["layers_over_threshold_at_init"]
    assert not mild["KP110"]["observed"] and mild["KP110"]["evidence"]["bound_applied"] == 100

    code, report, raw = _run(tmp_path, "raw", SIGMOID_REGRESSION.format(bound=50, features=8))
    assert raw["KP105"]["evidence"]["layers_over_threshold_at_init"] == ["dense"]
    assert raw["KP110"]["observed"] and raw["KP110"]["evidence"]["saturated_at_init"] is True
    assert code == 1 and "unscaled-inputs" in _causes(report)


def test_regression_labels_are_told_apart_from_class_labels(tmp_path):
    """The label facts behind the diagnosis's "loss does not fit the task": MSE on 0/1 labels is a
    classification trained with a regression loss; MSE on continuous targets is a regression."""
    _, _, continuous = _run(tmp_path, "continuous", REGRESSION.format(shift="- 0.5", output="linear"))
    assert continuous["KP111"]["evidence"]["continuous_labels"] is True
    _, _, classes = _run(tmp_path, "classes", REGRESSION.format(shift="> 0", output="linear"))
    assert classes["KP111"]["evidence"]["continuous_labels"] is False
    assert classes["KP111"]["evidence"]["distinct_label_values"] == 2


STEP_SIZE = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(512, 8)).astype("float32")
y = (x @ rng.normal(size=8) > 0).astype("float32")
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"),
                          layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate={lr}), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=512, epochs=100)
'''


def test_a_loss_that_falls_steadily_but_too_slowly_is_diagnosed_as_a_learning_rate_too_low(tmp_path):
    """Full-batch SGD at 3e-4 on a separable problem: the loss falls beyond its noise every window, but over
    the 100 steps the script plans (fewer than the probe runs) the model fits neither 16 samples nor more
    than one class. Nothing saturates or vanishes, so the step size is the cause; at 0.5 it learns."""
    code, report, slow = _run(tmp_path, "slow", STEP_SIZE.format(lr=3e-4))
    assert slow["KP107"]["observed"] and slow["KP109"]["evidence"]["loss_fell"]
    assert not slow["KP101"]["observed"] and not slow["KP105"]["observed"]
    top = report["diagnosis"]["causes"][0]
    assert code == 1 and top["cause"] == "learning-rate-too-low" and top["category"] == "learning_rate"

    _, report, healthy = _run(tmp_path, "healthy", STEP_SIZE.format(lr=0.5))
    assert not healthy["KP107"]["observed"] and not healthy["KP108"]["observed"]
    assert "learning-rate-too-low" not in _causes(report)


INIT_SCALE = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(512, 8)).astype("float32")
y = np.argmax(x[:, :3], axis=1)
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(32, activation="relu"), {norm}
                          layers.Dense(3, activation="softmax",
                                       kernel_initializer=keras.initializers.RandomNormal(stddev={std}))])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=2)
'''


def test_a_loss_at_initialisation_far_above_ln_c_on_a_fitting_output_is_the_weights(tmp_path):
    """KP106: an output layer drawn with stddev 10 gives logits in the tens and a loss far beyond
    init_loss_excess x ln 3; with the loss wanting exactly this softmax, the diagnosis blames the weights.
    The default-sized initialiser starts at ln 3."""
    code, report, broken = _run(tmp_path, "huge", INIT_SCALE.format(norm="", std=10))
    kp106 = broken["KP106"]
    assert kp106["observed"] and kp106["evidence"]["loss_at_init"] > 4 * kp106["evidence"]["expected_ln_c"]
    assert report["model"]["output_activation"] == "softmax"
    assert code == 1 and _causes(report)[0] == "initialisation"
    assert "output-activation-mismatch" not in _causes(report)

    _, _, healthy = _run(tmp_path, "small", INIT_SCALE.format(norm="", std=0.05))
    kp106 = healthy["KP106"]
    assert kp106["measured"] and not kp106["observed"]
    assert abs(kp106["evidence"]["loss_at_init"] - kp106["evidence"]["expected_ln_c"]) < 0.1
    assert "mode" not in kp106["evidence"]  # no BatchNormalization: inference mode only


def test_a_batch_normalised_model_is_read_in_the_mode_closer_to_ln_c(tmp_path):
    """At initialisation BatchNormalization's moving averages normalise nothing; its batch statistics do.
    KP106 reads such a model in both modes and judges the one closer to ln C."""
    _, _, found = _run(tmp_path, "bn", INIT_SCALE.format(norm="layers.BatchNormalization(),", std=0.05))
    evidence = found["KP106"]["evidence"]
    assert evidence["mode"] in ("inference", "training") and "loss_at_init_training_mode" in evidence
    closer = min(abs(evidence["loss_at_init"] - evidence["expected_ln_c"]),
                 abs(evidence["loss_at_init_training_mode"] - evidence["expected_ln_c"]))
    assert evidence["abs_difference"] == pytest.approx(closer, abs=2e-3)  # the evidence is rounded
    assert not found["KP106"]["observed"]
