"""Symptoms re-derived on the DeepLocalize real programs (issue 15, second pass): real tiny CPU runs, a healthy
and a broken variant of each script.

- KP107 also judges regression models (the share of a constant prediction's loss removed on 16 samples);
- KP107/KP108 are judged against the training the script plans (epochs x steps per epoch): a small sigmoid
  network that learns slowly is not "cannot learn" after 200 of the 650 steps its script asks for, and is
  when its script plans fewer steps than the probe ran;
- all-zero gradients (a softmax over a single unit) are KP101, no learning signal, never KP102's 0/0 ratio;
- raw tabular features behind a leading BatchNormalization are scaled by the model (KP110 judges its
  output), and that model's exact match on 9 samples is read with batch statistics (KP107);
- --time-budget caps the measurements once fit() is reached.
"""

import numpy as np
import pytest

from tests.probe.conftest import run_probe_cli, symptoms, write_script

pytestmark = pytest.mark.probe

SLOW_LEARNER = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = np.concatenate([rng.uniform(0.2, 0.4, (200, 2)), rng.uniform(0.5, 0.7, (200, 2))]).astype("float32")
y = np.concatenate([np.zeros(200), np.ones(200)]).astype("float32")
order = rng.permutation(400)
model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(2, activation="sigmoid"),
                          layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x[order], y[order], batch_size=32, epochs={epochs})
'''

OUTPUT = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(256, 4)).astype("float32")
y = (x[:, 0] > 0).astype("float32")
model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(8, activation="relu"),
                          layers.Dense(1, activation="{output}")])
model.compile(optimizer="adam", loss="mse")  # (with binary crossentropy Keras 3 trains the softmax's logit)
model.fit(x, y, batch_size=32, epochs=5)
'''

REGRESSION = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(256, 4)).astype("float32")
y = (x @ np.array([0.8, -0.5, 0.3, 0.2])).astype("float32")  # targets of both signs
model = keras.Sequential([keras.Input(shape=(4,)), layers.Dense(16, activation="relu"),
                          layers.Dense(1, activation="{output}")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
model.fit(x, y, batch_size=32, epochs=5)
'''

RAW_FEATURES = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(3)
x = rng.normal(size=(9, 16)) * np.logspace(0, 5, 16)  # raw features, ones to hundreds of thousands
y = keras.utils.to_categorical((x[:, 0] > 0).astype(int), 2)
model = keras.Sequential([keras.Input(shape=(16,))])
{normalise}model.add(layers.Dense(64, activation="tanh"))
model.add(layers.Dropout(0.5))
model.add(layers.Dense(64, activation="tanh"))
model.add(layers.Dropout(0.5))
model.add(layers.Dense(2, activation="sigmoid"))
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9, nesterov=True),
              loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=16, epochs=20)
'''


def _run(tmp_path, name, text, *args):
    script = write_script(tmp_path, f"{name}.py", text)
    code, report, _, stderr = run_probe_cli(script, "--output-format", "json", "-q", *args)
    assert report is not None and report["status"] == "ok", stderr
    return code, report, symptoms(report)


def test_a_slow_learner_is_judged_against_the_training_its_script_plans(tmp_path):
    _, report, planned_long = _run(tmp_path, "slow_650", SLOW_LEARNER.format(epochs=50), "--max-steps", "200")
    assert report["steps"] == 200 and report["fit_arguments"]["epochs"] == 50
    for code in ("KP107", "KP108"):
        symptom = planned_long[code]
        assert not symptom["measured"] and symptom["evidence"]["planned_steps"] == 650, symptom
        assert "plans 650 steps" in symptom["reason"]
    assert planned_long["KP109"]["evidence"]["loss_fell"]
    assert "does-not-learn" not in [c["cause"] for c in report["diagnosis"]["causes"]]

    # the same model when its script trains 65 steps: the 200 the probe ran cover that, the verdict stands
    code, report, planned_short = _run(tmp_path, "slow_65", SLOW_LEARNER.format(epochs=5), "--max-steps", "200")
    assert code == 1 and planned_short["KP107"]["measured"] and planned_short["KP107"]["observed"]
    assert planned_short["KP107"]["evidence"]["best_training_accuracy"] < 0.9


def test_all_zero_gradients_are_no_learning_signal_not_exploding_gradients(tmp_path):
    code, report, broken = _run(tmp_path, "softmax1", OUTPUT.format(output="softmax"), "--max-steps", "40")
    top = report["diagnosis"]["causes"][0]
    assert top["cause"] == "output-activation-mismatch" and top["category"] == "activation"
    kp101, kp102 = broken["KP101"], broken["KP102"]
    assert kp101["observed"] and kp101["evidence"]["zero_gradients"] and kp101["evidence"]["max_layer_norm"] == 0
    assert kp101["evidence"]["ratio_first_last"] == "0/0"
    assert kp102["measured"] and not kp102["observed"]
    assert code == 1

    _, _, healthy = _run(tmp_path, "sigmoid1", OUTPUT.format(output="sigmoid"), "--max-steps", "40")
    assert not healthy["KP101"]["observed"] and not healthy["KP101"]["evidence"]["zero_gradients"]
    assert healthy["KP101"]["evidence"]["ratio_first_last"] > 1e-2 and not healthy["KP102"]["observed"]


def test_a_leading_batchnormalization_scales_raw_features_and_is_read_with_batch_statistics(tmp_path):
    _, _, healthy = _run(tmp_path, "bn_first", RAW_FEATURES.format(normalise="model.add(layers.BatchNormalization())\n"),
                         "--max-steps", "200")
    kp110 = healthy["KP110"]
    assert kp110["evidence"]["max"] > 1e4 and kp110["evidence"]["rescaled_inside_model"]
    assert abs(kp110["evidence"]["after_preprocessing_max"]) < 5 and not kp110["observed"]
    kp107 = healthy["KP107"]
    assert kp107["evidence"]["accuracy"] == "exact match" and kp107["evidence"]["samples"] == 9
    assert kp107["measured"] and not kp107["observed"] and kp107["evidence"]["best_training_accuracy"] >= 0.9

    code, _, broken = _run(tmp_path, "raw", RAW_FEATURES.format(normalise=""), "--max-steps", "60")
    assert code == 1 and broken["KP110"]["observed"] and "rescaled_inside_model" not in broken["KP110"]["evidence"]
    assert broken["KP105"]["observed"]  # the raw features saturate the first tanh layer


def test_a_regression_model_must_fit_16_samples_far_better_than_a_constant(tmp_path):
    code, _, healthy = _run(tmp_path, "reg_linear", REGRESSION.format(output="linear"), "--max-steps", "200")
    kp107 = healthy["KP107"]
    assert kp107["measured"] and not kp107["observed"], kp107
    assert kp107["evidence"]["accuracy"] == "1 - loss / constant-prediction loss"
    assert kp107["evidence"]["best_training_accuracy"] >= 0.9 and kp107["evidence"]["constant_baseline_loss"] > 0
    assert code == 0

    # a sigmoid output can never produce the negative targets: stuck well short of the fit
    code, _, broken = _run(tmp_path, "reg_sigmoid", REGRESSION.format(output="sigmoid"), "--max-steps", "200")
    assert code == 1 and broken["KP107"]["observed"]
    assert broken["KP107"]["evidence"]["best_training_accuracy"] < 0.7


def test_the_time_budget_cuts_the_training_run_short(tmp_path):
    code, report, found = _run(tmp_path, "budget", SLOW_LEARNER.format(epochs=1000), "--max-steps", "1000000",
                               "--time-budget", "2")
    assert "training run" in report["time_limited_stages"]
    assert 0 < report["steps"] < 1000000
    # what the cut-short stages could not judge says so; nothing is reported as observed on a guess
    assert not found["KP107"]["observed"]


def test_value_ranges_are_exact_on_the_extremes_and_sampled_for_the_moments():
    from kerlint.probe.data_checks import STATISTICS_ROWS, value_range

    x = np.zeros((3 * STATISTICS_ROWS, 5), dtype=np.uint8)
    x[1, 2] = 255  # one extreme between the sampled rows still counts
    stats = value_range(x)
    assert stats["min"] == 0 and stats["max"] == 255 and stats["mean"] < 0.01
    floats = np.array([[1.0, np.nan], [np.inf, -2.0]])
    assert value_range(floats) == {"min": -2.0, "max": 1.0, "mean": -0.5, "std": 1.5}
