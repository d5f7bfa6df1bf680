"""Scripts that train with their own loop (`model.train_on_batch(x, y)` per step: GANs, TF1-era tutorials) are
probed like fit(): the first trained model's batches are recorded (each call answered by test_on_batch, so its
weights stay at initialisation), then measured. Real tiny CPU runs, healthy and broken."""

import pytest

from tests.probe.conftest import run_probe_cli, symptoms, write_script

pytestmark = pytest.mark.probe

LOOP = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(5000, 8)).astype("float32")
y = {labels}
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"),
                          layers.Dense({units}, activation="{output}")])
model.compile(optimizer="adam", loss="{loss}", metrics=["accuracy"])
other = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(1)])
other.compile(optimizer="sgd", loss="mse")
before = other.get_weights()[0].copy()
for step in range({steps}):
    index = rng.integers(0, len(x), 32)
    loss = model.train_on_batch(x[index], y[index])
    other.train_on_batch(x[index], x[index, :1])  # a second model of the loop trains for real
    if step == 5:
        with open("other_model_trained.txt", "w") as fh:
            fh.write(str(not np.array_equal(before, other.get_weights()[0])))
'''

BINARY = '(x[:, 0] + x[:, 1] > 0).astype("float32")'
ONE_HOT = 'keras.utils.to_categorical(np.argmax(x[:, :3], axis=1), 3)'


def _run(tmp_path, name, **fields):
    script = write_script(tmp_path, f"{name}.py", LOOP.format(**fields))
    code, report, out, stderr = run_probe_cli(script, "--max-steps", "100", "--output-format", "json", "-q")
    assert report is not None and report["status"] == "ok", stderr[-3000:]
    return code, report, symptoms(report)


def test_a_healthy_train_on_batch_loop_is_measured_on_its_batches(tmp_path):
    code, report, found = _run(tmp_path, "healthy", labels=BINARY, units=1, output="sigmoid",
                               loss="binary_crossentropy", steps=600)
    assert report["model"]["data_source"] == "train_on_batch loop"
    assert report["model"]["batch_size"] == 32 and report["model"]["sample_size"] == 64 * 32
    assert report["fit_line"] == 16  # the train_on_batch call
    assert code == 0 and not any(s["observed"] for s in found.values())
    assert (tmp_path / "other_model_trained.txt").read_text() == "True"


def test_a_broken_train_on_batch_loop_shows_its_symptom_even_when_shorter_than_the_recording(tmp_path):
    # 20 calls: fewer than the 64 batches the probe records, so it measures when the script ends
    code, report, found = _run(tmp_path, "sigmoid_cce", labels=ONE_HOT, units=3, output="sigmoid",
                               loss="categorical_crossentropy", steps=20)
    assert report["model"]["data_source"] == "train_on_batch loop" and report["model"]["sample_size"] == 20 * 32
    assert found["KP114"]["observed"] and code == 1
    assert "output-activation-mismatch" in [c["cause"] for c in report["diagnosis"]["causes"]]
