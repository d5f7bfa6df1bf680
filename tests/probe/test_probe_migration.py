"""`kerlint probe` runs Keras 1/2 scripts unchanged: the safe migration rewrites are applied in memory, listed in
the report, the file is never touched, and every line reported is the file's. Real tiny CPU runs."""

import hashlib

import jsonschema
import pytest

from kerlint.probe.schema import PROBE_REPORT
from tests.probe.conftest import run_probe_cli, write_script

LEGACY_XOR = '''\
import time
import numpy as np
import keras
from keras.models import Sequential
from keras.layers.core import Dense, Activation
from keras.optimizers import SGD
from keras.utils import np_utils

start = time.clock()
x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 8, dtype="float32")
y = np_utils.to_categorical(np.array([0, 1, 1, 0] * 8), 2)
model = Sequential()
model.add(Dense(input_dim=2, output_dim=8, init="uniform"))
model.add(Activation("tanh"))
model.add(Dense(output_dim=2, init="uniform"))
model.add(Activation("softmax"))
model.compile(loss="categorical_crossentropy", optimizer=SGD(lr=0.1, decay=1e-6, momentum=0.9))
model.fit(x, y, nb_epoch=5, batch_size=4,
          callbacks=[keras.callbacks.SomeForkOnlyCallback(x, y, startTime=start)])
'''

# the rewrites keep lines, so an error after them is reported at the file's own line
LEGACY_FAILS_LATER = '''\
from keras.models import Sequential
from keras.layers.core import Dense


model = Sequential()
model.add(Dense(input_dim=2, output_dim=1, init="uniform"))
data = open("no-such-data.csv").read()
model.compile(loss="mse", optimizer="sgd")
model.fit(data, data, nb_epoch=1)
'''


@pytest.mark.probe
def test_legacy_script_reaches_fit_with_in_memory_rewrites_and_the_file_untouched(tmp_path):
    script = write_script(tmp_path, "legacy_xor.py", LEGACY_XOR)
    digest = hashlib.sha256(script.read_bytes()).hexdigest()
    code, report, _, _ = run_probe_cli(script, "--max-steps", "20", "--output-format", "json", "-q")
    assert report["status"] == "ok", report.get("error")
    assert code in (0, 1)
    jsonschema.validate(report, PROBE_REPORT)
    assert report["fit_line"] == 18  # the line of fit() in the file, not in some rewritten copy
    applied = {(m["code"], m["line"]) for m in report["migrations"]}
    assert {("KL505", 5), ("KL505", 7), ("KL506", 13), ("KL504", 17), ("KL506", 18)} <= applied
    shims = {m.get("shim") for m in report["migrations"]}
    assert {"time.clock", "keras.callbacks.SomeForkOnlyCallback"} <= shims
    assert hashlib.sha256(script.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["legacy_xor.py"]  # nothing written next to it
    # the static findings still describe the file as written
    assert {"KL505", "KL506", "KL504"} <= {f["code"] for f in report["findings"]}


@pytest.mark.probe
def test_text_report_lists_the_rewrites(tmp_path):
    script = write_script(tmp_path, "legacy_xor.py", LEGACY_XOR)
    _, _, out, err = run_probe_cli(script, "--max-steps", "20", "-q")
    text = out + err
    assert "in-memory rewrite(s)" in text and "your file is unchanged" in text
    assert "line 18: KL506 Rename `nb_epoch=` to `epochs=`" in text
    assert "time.clock() (removed in Python 3.8) ran as time.perf_counter()" in text


@pytest.mark.probe
def test_no_migrate_runs_the_script_as_written(tmp_path):
    script = write_script(tmp_path, "legacy_xor.py", LEGACY_XOR)
    code, report, _, _ = run_probe_cli(script, "--no-migrate", "--output-format", "json", "-q")
    assert code == 3 and report["status"] == "script-error"
    assert report["error"]["exception"] == "ModuleNotFoundError" and report["error"]["line"] == 5  # keras.layers.core
    assert "migrations" not in report


@pytest.mark.probe
def test_error_after_the_rewrites_is_reported_at_the_files_line(tmp_path):
    script = write_script(tmp_path, "legacy_fails.py", LEGACY_FAILS_LATER)
    code, report, _, _ = run_probe_cli(script, "--output-format", "json", "-q")
    assert code == 3 and report["status"] == "missing-data"  # a missing local file has its own status
    assert report["error"]["exception"] == "FileNotFoundError"
    assert report["error"]["missing_paths"] == ["no-such-data.csv"]
    assert report["error"]["line"] == 7
    assert report["error"]["code"] == 'data = open("no-such-data.csv").read()'  # the file's text at that line
    assert {m["line"] for m in report["migrations"]} == {2, 6, 9}


OLD_LIBRARIES = '''\
import numpy as np
import tensorflow as tf
from keras.wrappers.scikit_learn import KerasClassifier
from tensorflow import keras

tf.set_random_seed(0)
x = np.random.rand(32, 3).astype(np.float)
y = (x.sum(axis=1) > 1.5).astype(np.int)
model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(8, activation="relu"),
                          keras.layers.Dense(1, activation="sigmoid")])
model.compile(loss="binary_crossentropy", optimizer="adam")
model.fit(x, y, epochs=2, batch_size=8)
'''


@pytest.mark.probe
def test_stand_ins_for_removed_library_names_are_used_and_listed(tmp_path):
    script = write_script(tmp_path, "old_libraries.py", OLD_LIBRARIES)
    _, report, _, _ = run_probe_cli(script, "--max-steps", "10", "--output-format", "json", "-q")
    assert report["status"] == "ok", report.get("error")
    used = {m["shim"]: m["line"] for m in report["migrations"] if "shim" in m}
    assert used == {"keras.wrappers.scikit_learn": 3, "tensorflow.set_random_seed": 6, "numpy.float": 7,
                    "numpy.int": 8}


@pytest.mark.probe
def test_legacy_notebook_is_migrated_and_placed_by_cell(tmp_path):
    import json

    cells = [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": ["import numpy as np\n", "from keras.models import Sequential\n", "from keras.layers.core import Dense\n"]},
        {"cell_type": "markdown", "metadata": {}, "source": ["## Train"]},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": ["model = Sequential([Dense(output_dim=1, input_dim=2, init='uniform')])\n",
                    "model.compile(loss='mse', optimizer='sgd')\n",
                    "model.fit(np.zeros((8, 2)), np.zeros((8, 1)), nb_epoch=2)\n"]},
    ]
    notebook = tmp_path / "legacy.ipynb"
    notebook.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
                        encoding="utf-8")
    before = notebook.read_bytes()
    _, report, _, _ = run_probe_cli(notebook, "--max-steps", "5", "--output-format", "json", "-q")
    assert report["status"] == "ok", report.get("error")
    assert (report["fit_cell"], report["fit_line_in_cell"]) == (3, 3)
    places = {(m["code"], m["cell"], m["line_in_cell"]) for m in report["migrations"]}
    assert places == {("KL505", 1, 3), ("KL506", 3, 1), ("KL506", 3, 3)}
    assert notebook.read_bytes() == before
