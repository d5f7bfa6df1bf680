"""Data problems are data findings (issue 15, item 2): an empty training set and non-numeric features
are KP113, out-of-range labels KP111, NaN KP112 — never gradient symptoms or a probe failure (exit 5).
Real tiny CPU runs; and the installed Keras's own fit() rejects the same data."""

import subprocess
import sys

import pytest

from tests.probe.conftest import run_probe_cli, symptoms, write_script

pytestmark = pytest.mark.probe

TABULAR = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x_train = rng.normal(size=(512, 6)).astype("float32")
y_train = rng.integers(0, 3, 512)
{prepare}
model = keras.Sequential([keras.Input(shape=(6,)), layers.Dense(16, activation="relu"),
                          layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=32, epochs=2)
'''


def _run(tmp_path, name, prepare, keep_report=False):
    script = write_script(tmp_path, f"{name}.py", TABULAR.format(prepare=prepare))
    code, report, _, stderr = run_probe_cli(script, "--max-steps", "30", "--output-format", "json", "-q")
    assert report is not None and report["status"] == "ok", stderr
    return code, ((symptoms(report), report) if keep_report else symptoms(report))


def test_an_empty_training_set_is_a_data_finding_not_exploding_gradients(tmp_path):
    code, found = _run(tmp_path, "empty", "x_train, y_train = x_train[10000:], y_train[10000:]  # sized for 60k",
                       keep_report=True)
    found, report = found
    assert code == 1
    assert [c["cause"] for c in report["diagnosis"]["causes"]] == ["unusable-training-data"]
    assert found["KP113"]["observed"] and found["KP113"]["evidence"]["problems"] == ["no training samples"]
    for other in ("KP102", "KP107", "KP109"):  # before: exploding (0/0 shown as inf), cannot-overfit, diverging
        assert not found[other]["measured"] and "unusable" in found[other]["reason"]


def test_non_numeric_features_are_a_data_finding_not_a_probe_failure(tmp_path):
    code, found = _run(tmp_path, "objects", 'x_train = x_train.astype(object)\nx_train[:, 0] = "id-7"')
    assert code == 1  # was exit 5, "the probe itself failed"
    assert found["KP113"]["observed"] and found["KP113"]["evidence"]["features_dtypes"] == ["object"]


def test_labels_outside_the_output_range_are_label_problems(tmp_path):
    code, found = _run(tmp_path, "labels", "y_train = y_train + 1  # 1..3 for 3 output units")
    assert code == 1 and not found["KP113"]["observed"]
    assert "labels outside [0, 3)" in found["KP111"]["evidence"]["problems"]


def test_a_healthy_run_has_no_data_finding(tmp_path):
    code, found = _run(tmp_path, "healthy", "")
    assert not found["KP113"]["observed"] and found["KP113"]["evidence"]["samples"] == 512
    assert not found["KP111"]["observed"] and not found["KP112"]["observed"]


def test_the_installed_keras_fit_cannot_train_on_the_same_data():
    """The claim in rules/KP113.yaml: Keras's own fit() trains no step on an empty set (it only warns that
    the input "ran out of data") and raises on object features."""
    code = '''
import numpy as np, keras
model = keras.Sequential([keras.Input(shape=(6,)), keras.layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
before = model.get_weights()[0].copy()
model.fit(np.zeros((0, 6), "float32"), np.zeros((0,), "int64"), epochs=1, verbose=0)
print("empty", "unchanged" if np.array_equal(before, model.get_weights()[0]) else "trained")
try:
    model.fit(np.full((8, 6), "id-7", dtype=object), np.zeros((8,), "int64"), epochs=1, verbose=0)
    print("object trained")
except Exception as exc:
    print("object rejected", type(exc).__name__)
'''
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "empty unchanged" in done.stdout and "ran out of data" in done.stderr, done.stdout + done.stderr
    assert "object rejected" in done.stdout, done.stdout + done.stderr


def test_tabular_features_of_a_few_tens_are_fine_for_relu_but_raw_thousands_are_not(tmp_path):
    code, found = _run(tmp_path, "tens", "x_train = x_train * 8 + 12  # unscaled features around 12 +- 24")
    kp110 = found["KP110"]
    assert kp110["measured"] and kp110["evidence"]["max"] > 5 and not kp110["observed"]
    assert kp110["evidence"]["saturating_hidden_layers"] is False
    code, found = _run(tmp_path, "thousands", "x_train = x_train * 400 + 2000  # prices")
    assert found["KP110"]["observed"] and found["KP110"]["evidence"]["max"] > 100 and code == 1


OFFSET = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.uniform(65, 70, size=(300, 1))  # heights in inches: a narrow band far from zero
{prepare}
y = (x[:, 0] > np.median(x[:, 0])).astype("float32")
model = keras.Sequential([keras.Input(shape=(1,)), layers.Dense(8, activation="relu"),
                          layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=16, epochs=10)
'''


def test_a_feature_in_a_narrow_band_far_from_zero_is_not_centred(tmp_path):
    """Efficient BackProp's rule (inputs with a mean close to zero), with kerlint's bound: |mean| >= 10 x std.
    Heights of 65-70 are below the tabular bound of 100, and the model does not learn on them."""
    script = write_script(tmp_path, "offset.py", OFFSET.format(prepare=""))
    code, report, _, stderr = run_probe_cli(script, "--max-steps", "200", "--output-format", "json", "-q")
    kp110 = symptoms(report)["KP110"]
    assert kp110["observed"] and kp110["evidence"]["max"] < 100, kp110
    assert kp110["evidence"]["offset_features"] == 1 and kp110["evidence"]["largest_mean_over_std"] > 10
    assert code == 1 and "unscaled-inputs" in [c["cause"] for c in report["diagnosis"]["causes"]]

    script = write_script(tmp_path, "centred.py", OFFSET.format(prepare="x = (x - x.mean()) / x.std()"))
    code, report, _, _ = run_probe_cli(script, "--max-steps", "200", "--output-format", "json", "-q")
    found = symptoms(report)
    assert found["KP110"]["measured"] and found["KP110"]["evidence"]["offset_features"] == 0
    assert code == 0 and not any(s["observed"] for s in found.values())


TOKENS = '''\
import numpy as np
import keras
from keras import layers


class TokenAndPosition(layers.Layer):  # the keras-io pattern: the Embedding lives inside a custom layer
    def __init__(self):
        super().__init__()
        self.tokens = layers.Embedding(1000, 8)

    def call(self, x):
        return self.tokens(x)


rng = np.random.default_rng(0)
x_train = rng.integers(0, 1000, size=(256, 12)).astype("{dtype}")
y_train = rng.integers(0, 2, 256)
inputs = keras.Input(shape=(12,))
x = {first}
x = layers.Flatten()(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=32, epochs=2)
'''


def test_token_ids_into_an_embedding_inside_a_custom_layer_are_not_unscaled_inputs(tmp_path):
    """Word ids 0-999 are indices, not magnitudes, also when the Embedding sits inside a custom layer; the
    same numbers fed to a Dense layer as features are unscaled inputs."""
    script = write_script(tmp_path, "ids.py", TOKENS.format(dtype="int32", first="TokenAndPosition()(inputs)"))
    _, report, _, stderr = run_probe_cli(script, "--max-steps", "30", "--output-format", "json", "-q")
    assert report is not None and report["status"] == "ok", stderr
    kp110 = symptoms(report)["KP110"]
    assert not kp110["measured"] and "Embedding" in kp110["reason"]

    script = write_script(tmp_path, "features.py", TOKENS.format(
        dtype="float32", first='layers.Dense(16, activation="relu")(layers.Reshape((12,))(inputs))'))
    _, report, _, stderr = run_probe_cli(script, "--max-steps", "30", "--output-format", "json", "-q")
    assert report is not None and report["status"] == "ok", stderr
    kp110 = symptoms(report)["KP110"]
    assert kp110["observed"] and kp110["evidence"]["max"] > 900
