"""Symptoms judged by task and against the run's own noise (issue 15, item 1): real tiny CPU runs, each a
healthy variant and a broken one of the same script.

- KP109 on a healthy batch-size-1 run (noisy but falling) vs Adam at learning rate 3.0;
- KP102/KP103 on a healthy regression with targets in the thousands (squared errors of 1e7 and gradient
  norms of 1e4 are its normal scale) vs SGD at 0.1 on the same data (the loss overflows);
- KP107/KP108 on a multi-label model (several sigmoid labels per sample, exact-match accuracy) vs the
  same model with a softmax output, which can never switch two labels on.
"""

import pytest

from tests.probe.conftest import run_probe_cli, symptoms, write_script

pytestmark = pytest.mark.probe

NOISY_BINARY = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
y = rng.integers(0, 2, 400).astype("float32")
x = (rng.normal(0, 0.6, size=(400, 2)) + y[:, None]).astype("float32")
model = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(16, activation="relu"),
                          layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate={lr}), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=1, epochs=2)
'''

BIG_TARGET_REGRESSION = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(512, 8)).astype("float32")
y = (1000 * (x @ rng.normal(size=8)) + 5000).astype("float32")  # prices, say
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"), layers.Dense(1)])
model.compile(optimizer=keras.optimizers.{optimizer}, loss="mse")
model.fit(x, y, batch_size=32, epochs=5)
'''

MULTI_LABEL = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(512, 20)).astype("float32")
y = (x[:, :5] > 0.5).astype("float32")  # five tags, about half the samples have two or more
model = keras.Sequential([keras.Input(shape=(20,)), layers.Dense(32, activation="relu"),
                          layers.Dense(5, activation="{output}")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=5)
'''


def _run(tmp_path, name, text, steps=100):
    script = write_script(tmp_path, f"{name}.py", text)
    code, report, _, stderr = run_probe_cli(script, "--max-steps", str(steps), "--output-format", "json", "-q")
    assert report is not None and report["status"] == "ok", stderr
    return code, report, symptoms(report)


def test_a_noisy_but_falling_loss_is_not_oscillation_and_a_too_high_rate_is(tmp_path):
    _, _, healthy = _run(tmp_path, "noisy_ok", NOISY_BINARY.format(lr="1e-3"))
    kp109 = healthy["KP109"]
    # per-sample batches: window means still flip sign half the time, but the loss fell beyond its noise
    assert kp109["measured"] and not kp109["observed"]
    assert kp109["evidence"]["loss_fell"] and kp109["evidence"]["swing_over_noise"] < 3
    assert not healthy["KP103"]["observed"] and not healthy["KP104"]["observed"]
    # Adam takes 200 steps on these 16 samples: still learning at the 100-step cap, not "cannot overfit"
    assert not healthy["KP107"]["observed"]

    code, report, broken = _run(tmp_path, "noisy_bad", NOISY_BINARY.format(lr="3.0"))
    assert code == 1 and broken["KP109"]["observed"] and broken["KP109"]["evidence"]["oscillating"]
    assert broken["KP109"]["evidence"]["swing_over_noise"] > 10 and not broken["KP109"]["evidence"]["loss_fell"]
    # one ranked diagnosis, first in the JSON: the learning rate, confirming the static KL301 at line 10
    assert list(report)[:4] == ["script", "script_args", "status", "diagnosis"]
    top = report["diagnosis"]["causes"][0]
    assert top["cause"] == "learning-rate-too-high" and top["category"] == "learning_rate"
    assert "KP109" in top["symptoms"] and [(f["code"], f["line"]) for f in top["confirms"]] == [("KL301", 10)]
    assert any("epochs" in item for item in report["diagnosis"]["cannot_judge"])


def test_regression_losses_and_gradients_are_judged_on_their_own_scale(tmp_path):
    code, report, healthy = _run(tmp_path, "reg_ok", BIG_TARGET_REGRESSION.format(optimizer="Adam(learning_rate=0.5)"))
    assert report["model"]["task"] == "regression"
    assert healthy["KP103"]["evidence"]["max_loss"] > 1e6 and not healthy["KP103"]["observed"]
    assert healthy["KP102"]["evidence"]["max_layer_norm"] > 1e3 and not healthy["KP102"]["observed"]
    assert not healthy["KP109"]["observed"]
    assert code == 0

    code, _, broken = _run(tmp_path, "reg_bad", BIG_TARGET_REGRESSION.format(optimizer="SGD(learning_rate=0.1)"))
    assert code == 1
    assert broken["KP103"]["observed"] and broken["KP103"]["evidence"]["non_finite_steps"] >= 1


def test_multi_label_outputs_are_judged_by_exact_match_not_argmax(tmp_path):
    code, _, healthy = _run(tmp_path, "ml_ok", MULTI_LABEL.format(output="sigmoid"))
    assert healthy["KP107"]["evidence"]["accuracy"] == "exact match"
    assert not healthy["KP107"]["observed"] and healthy["KP107"]["evidence"]["best_training_accuracy"] >= 0.9
    assert not healthy["KP108"]["observed"] and healthy["KP108"]["evidence"]["distinct_predicted_label_sets"] > 10
    assert not healthy["KP111"]["observed"]  # mostly-zero tags are not "class imbalance"
    assert healthy["KP106"]["evidence"]["expected_ln_c"] == pytest.approx(0.6931, abs=1e-3)  # ln 2 per label
    assert code == 0

    code, _, broken = _run(tmp_path, "ml_bad", MULTI_LABEL.format(output="softmax"))
    # Keras trains the softmax's logits as if they were sigmoid logits (the loss falls to ~0), but the
    # softmax outputs sum to one: two tags can never both be on
    assert code == 1 and broken["KP107"]["observed"]
    assert broken["KP107"]["evidence"]["best_training_accuracy"] < 0.6
