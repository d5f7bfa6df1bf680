"""Models that train through their own train_step (issue 15: healthy keras-io programs). Real tiny CPU runs.

- A trainer whose train_step logs only its metrics (keras-io's "trainer pattern") has no loss for the probe to
  read: KP103 and KP109 are not measured, with the reason; they were a NaN loss, "non-finite, diverging".
- A model with no call() (a VAE, a GAN: train_step drives its sub-models) was "the probe itself failed"
  (exit 5). The probe now measures the loss its own train_step logs and says why nothing else is measured.
- A model whose own layers raise on the training data fails Keras's fit() the same way: a script error (exit 3),
  not "the probe itself failed".
"""

import pytest

from tests.probe.conftest import run_probe_cli, symptoms, write_script

pytestmark = pytest.mark.probe

TRAINER = '''\
import numpy as np
import keras
import tensorflow as tf
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(512, 8)).astype("float32")
y = (x[:, 0] > 0).astype("int64")


class Trainer(keras.Model):
    def __init__(self, model):
        super().__init__()
        self.model = model
        self.loss_fn = keras.losses.SparseCategoricalCrossentropy()
        self.accuracy = keras.metrics.SparseCategoricalAccuracy()

    @property
    def metrics(self):
        return [self.accuracy]

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            loss = self.loss_fn(y, self.model(x, training=True))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.accuracy.update_state(y, self.model(x))
        return {{"accuracy": self.accuracy.result(){extra}}}

    def call(self, x):
        return self.model(x)


inner = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(16, activation="relu"),
                          layers.Dense(2, activation="softmax")])
trainer = Trainer(inner)
trainer.compile(optimizer=keras.optimizers.SGD(learning_rate={lr}))
trainer.fit(x, y, batch_size=32, epochs=3)
'''

NO_CALL = '''\
import numpy as np
import keras
import tensorflow as tf
from keras import layers

rng = np.random.default_rng(0)
x = rng.normal(size=(512, 8)).astype("float32")


class AutoEncoder(keras.Model):  # no call(): train_step drives the encoder and the decoder
    def __init__(self):
        super().__init__()
        self.encoder = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(3, activation="relu")])
        self.decoder = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(8)])

    def train_step(self, data):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(data - self.decoder(self.encoder(data))))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {{"loss": loss}}


model = AutoEncoder()
model.compile(optimizer=keras.optimizers.SGD(learning_rate={lr}))
model.fit(x, batch_size=32, epochs=10)
'''


def _probe(tmp_path, name, text):
    script = write_script(tmp_path, f"{name}.py", text)
    code, report, _, stderr = run_probe_cli(script, "--output-format", "json", "-q", "--max-steps", "60")
    assert report is not None, stderr
    return code, report


def test_a_train_step_that_logs_no_loss_leaves_the_loss_symptoms_unmeasured(tmp_path):
    code, report = _probe(tmp_path, "metrics_only", TRAINER.format(extra="", lr=0.05))
    assert report["status"] == "ok"
    found = symptoms(report)
    for key in ("KP103", "KP109"):
        assert not found[key]["measured"] and "returns no 'loss'" in found[key]["reason"], found[key]
    assert code == 0 and report["steps"] == 60  # it still trained, through its own train_step (--max-steps 60)

    # the same trainer logging its loss, at a learning rate that blows it up: measured and observed
    code, report = _probe(tmp_path, "exploding", TRAINER.format(extra=', "loss": loss', lr=1e6))
    assert code == 1 and symptoms(report)["KP103"]["observed"]


def test_a_model_without_call_is_measured_through_its_own_train_step(tmp_path):
    code, report = _probe(tmp_path, "autoencoder", NO_CALL.format(lr=0.05))
    assert report["status"] == "ok" and code == 0, report.get("error")  # was exit 5, "the probe itself failed"
    found = symptoms(report)
    assert found["KP109"]["measured"] and not found["KP109"]["observed"]
    assert found["KP103"]["measured"] and not found["KP103"]["observed"]
    for key in ("KP101", "KP106", "KP107", "KP108"):
        assert not found[key]["measured"] and "no call()" in found[key]["reason"]

    code, report = _probe(tmp_path, "autoencoder_blowup", NO_CALL.format(lr=1e6))
    assert report["status"] == "ok" and code == 1 and symptoms(report)["KP103"]["observed"]


BROKEN_LAYER = '''\
import numpy as np
import keras
from keras import layers


class Patches(layers.Layer):
    def call(self, x):
        if x.shape[0] is not None and {broken}:  # traced with a symbolic batch, the model builds
            raise TypeError("extract_patches() got an unexpected keyword argument 'image'")
        return x


rng = np.random.default_rng(0)
x = rng.normal(size=(256, 8)).astype("float32")
y = (x[:, 0] > 0).astype("int64")
inputs = keras.Input(shape=(8,))
outputs = layers.Dense(2, activation="softmax")(Patches()(inputs))
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=1)
'''


def test_a_model_that_fails_on_its_own_data_is_the_scripts_error_not_the_probes(tmp_path):
    """A layer that raises when called (an API the installed Keras changed: keras-io's perceiver calls
    extract_patches(image=...)) fails Keras's own fit() at its first step; the probe says so, exit 3, where it
    said "the probe itself failed" (exit 5)."""
    text = BROKEN_LAYER.format(broken="True")
    import subprocess
    import sys
    script = write_script(tmp_path, "broken.py", text)
    plain = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert plain.returncode != 0 and "Error" in plain.stderr  # Keras's own fit() fails on the first batch
    code, report = _probe(tmp_path, "broken_probe", text)
    assert code == 3 and report["status"] == "script-error"
    message = report["error"]["message"]
    assert "model raised TypeError" in message and "first training batch" in message
    assert "extract_patches() got an unexpected keyword argument 'image'" in message
    assert "\x1b[" not in message  # Keras's bold names, without their terminal codes

    code, report = _probe(tmp_path, "fine", BROKEN_LAYER.format(broken="False"))
    assert code == 0 and report["status"] == "ok"
