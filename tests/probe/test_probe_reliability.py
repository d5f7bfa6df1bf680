"""Issue 14 probe items: a custom train_step is measured as fit() calls it, "nothing measured" is never
a clean exit, findings about a fit() the probe did not run are inconclusive, and the smaller faults
(a script's own stderr on sys.exit, `--epochs` without `--`, raw backticks in HTML)."""

import pytest

from kerlint.probe import report_html, report_text, session
from kerlint.probe.runner import ProbeOutcome, ProbeRequest
from tests.probe.conftest import findings, run_probe_cli, symptoms, write_script
from tests.probe.test_reports import _report

CUSTOM_TRAIN_STEP = '''\
import numpy as np
import keras
import tensorflow as tf
from keras import layers


class Custom(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(32, activation="relu")
        self.out = layers.Dense(3, activation="softmax")

    def call(self, x, training=False):
        return self.out(self.hidden(x))

    def train_step(self, data):
        x, y = data  # fit() hands over (x, y); train_on_batch would hand over (x, y, None)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        for metric in self.metrics:
            metric.update_state(loss) if metric.name == "loss" else metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


rng = np.random.default_rng(0)
y = rng.integers(0, 3, 300)
x = ((rng.normal(size=(300, 8)) + y[:, None]) / 4).astype("float32")
model = Custom()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=3, batch_size=32)
'''

TWO_FITS = '''\
import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(0)
y = rng.integers(0, 3, 300)
x = ((rng.normal(size=(300, 8)) + y[:, None]) / 4).astype("float32")
model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(32, activation="relu"),
                          layers.Dense(3, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x, y, epochs=3, batch_size=32, validation_split=0.2)
model.compile(optimizer=keras.optimizers.SGD(learning_rate=10.0), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x, y, epochs=3, batch_size=32, validation_split=0.2)
'''


@pytest.mark.probe
def test_a_custom_train_step_is_measured_the_way_fit_calls_it(tmp_path):
    script = write_script(tmp_path, "custom.py", CUSTOM_TRAIN_STEP)
    code, report, _, stderr = run_probe_cli(script, "--max-steps", "40", "--output-format", "json", "-q")
    assert report is not None, stderr
    found = symptoms(report)
    for stage_code in ("KP103", "KP107", "KP108", "KP109"):  # all "could not measure: ValueError" before
        assert found[stage_code]["measured"], found[stage_code]
    assert report["steps"] == 40 and len(report["curves"]["loss"]) == 40
    assert report["curves"]["loss"][-1] < report["curves"]["loss"][0]  # the step really trained
    assert code in (0, 1)


@pytest.mark.probe
def test_a_finding_about_the_second_fit_is_inconclusive_not_not_observed(tmp_path):
    script = write_script(tmp_path, "twofits.py", TWO_FITS)
    code, report, _, stderr = run_probe_cli(script, "--max-steps", "30", "--output-format", "json", "-q")
    assert report is not None, stderr
    assert report["fit_line"] == 12
    kl301 = findings(report)["KL301"]  # SGD(learning_rate=10.0) only trains in the fit() at line 15
    assert kl301["location"]["row"] == 13
    assert kl301["verdict"] == "inconclusive" and kl301["other_fit_line"] == 15
    assert kl301["observed_symptoms"] == [] and kl301["measured_symptoms"] == []
    text = report_text.render(report)
    assert "KL301 learning-rate-too-high: inconclusive (about the fit() at line 15; the probe measured " \
           "the one at line 12)" in text


def test_nothing_measured_is_exit_5_and_the_summary_says_so():
    unmeasured = [{"code": c, "measured": False, "observed": False, "evidence": {}, "reason": "could not measure"}
                  for c in ("KP101", "KP103", "KP110")]
    outcome = ProbeOutcome(kind="result", payload={"symptoms": unmeasured, "steps": 0}, elapsed=1.0, log_tail=[])
    report = session.build_report(ProbeRequest(script="train.py"), outcome, session.StaticCheck([]))
    assert report["status"] == "ok" and report["exit_code"] == session.EXIT_PROBE_ERROR
    text = report_text.render(report)
    assert "symptom(s) observed" not in text
    assert text.rstrip().endswith("Nothing could be measured: all 3 symptoms failed (reasons above), so this run "
                                  "says nothing about the model (exit status 5).")
    assert "Nothing could be measured" in report_html.render(report)
    # one measured symptom is enough for a real verdict
    unmeasured[0] = {**unmeasured[0], "measured": True}
    report = session.build_report(ProbeRequest(script="train.py"), outcome, session.StaticCheck([]))
    assert report["exit_code"] == session.EXIT_CLEAN
    assert "0 symptom(s) observed out of 1 measured; 2 could not be measured." in report_text.render(report)


@pytest.mark.probe
def test_a_script_that_sys_exits_before_fit_shows_its_own_stderr(tmp_path):
    script = write_script(tmp_path, "needsargs.py", 'import sys\nprint("usage: needsargs.py DATA_DIR", '
                                                   'file=sys.stderr)\nsys.exit(2)\n')
    code, _, _, err = run_probe_cli(script)
    assert code == 3
    assert "usage: needsargs.py DATA_DIR" in err


def test_script_options_without_double_dash_suggest_it(tmp_path):
    script = write_script(tmp_path, "s.py", "print(1)\n")
    code, _, _, err = run_probe_cli(script, "--epochs", "3")
    assert code == 2
    assert "kerlint probe s.py -- --epochs 3" in err.replace(str(script), "s.py")
    assert "Did you mean" not in err


def test_html_renders_inline_code_instead_of_raw_backticks():
    assert report_html.rich("add `keras.layers.Rescaling(1/255)` <first>") == \
        "add <code>keras.layers.Rescaling(1/255)</code> &lt;first&gt;"
    assert report_html.rich("an odd ` tick") == "an odd ` tick"
    page = report_html.render(_report())
    fixes = page[page.index("Suggested fixes"):]
    assert "<code>" in fixes and "`" not in fixes
