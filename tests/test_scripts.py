"""The realistic-script corpus (tests/scripts/): each whole script must produce exactly the codes its header names.

Every script starts with

    # expect: KL101, KL303        (or `# expect: none` for a clean script)
    # why: one line describing the scenario

and the set of codes kerlint reports for it must equal that set: the test fails on a missing finding and
on a false alarm alike. Clean scripts may list info-level codes only. Notebooks (`*.ipynb`) carry the same
header in their first code cell and are linted as files, magics and all.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from kerlint.catalogue import builtin_codes, lint_rules
from kerlint.checks import CHECKS
from kerlint.engine import lint_text
from kerlint.violation import Severity

SCRIPTS = Path(__file__).parent / "scripts"
_EXPECT = re.compile(r"^#\s*expect:\s*(.+?)\s*$")
_WHY = re.compile(r"^#\s*why:\s*\S")
_CODE = re.compile(r"^KL\d{3}$")

# The codes a script may expect: every catalogue rule (kerlint's own KL000/KL001/KL999 excepted). Their
# severities are not copied here: a rule's default is its entry's and a case may raise or lower it
# (kerlint.checks.Diagnosis.severity), so the tests below judge the severities kerlint actually reports.
RULE_CODES = set(lint_rules()) - builtin_codes()


def _corpus(pattern: str = "*") -> list[Path]:
    """The corpus: scripts, and notebooks (whose first code cell carries the header)."""
    return sorted(list(SCRIPTS.glob(f"{pattern}.py")) + list(SCRIPTS.glob(f"{pattern}.ipynb")))


def _lines(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        first = next(cell for cell in cells if cell["cell_type"] == "code")
        return "".join(first["source"]).splitlines()
    return path.read_text(encoding="utf-8").splitlines()


def _header(path: Path) -> tuple[set[str], str]:
    lines = _lines(path)
    assert len(lines) >= 2, f"{path.name}: too short for a header"
    match = _EXPECT.match(lines[0])
    assert match, f"{path.name}: first line must be '# expect: KL101, KL303' or '# expect: none'"
    assert _WHY.match(lines[1]), f"{path.name}: second line must be '# why: ...'"
    raw = match.group(1).strip()
    if raw.lower() == "none":
        return set(), lines[1]
    codes = {code.strip() for code in raw.split(",")}
    assert all(_CODE.match(code) for code in codes), f"{path.name}: bad code in header: {raw}"
    return codes, lines[1]


# Known false alarms (and misses) of landed rules, reported to the rule owners (strict: the marker must go once
# fixed).
KNOWN_FALSE_ALARMS = {
}


def _cases():
    for path in _corpus():
        expected, _ = _header(path)
        missing = sorted(code for code in expected if code not in CHECKS)
        marks = []
        if missing:
            marks.append(pytest.mark.xfail(strict=True, reason=f"rule {', '.join(missing)} not implemented yet"))
        elif path.stem in KNOWN_FALSE_ALARMS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FALSE_ALARMS[path.stem]))
        yield pytest.param(path, expected, id=path.stem, marks=marks)


@functools.lru_cache(maxsize=None)
def _reported(path: Path) -> list:
    if path.suffix == ".ipynb":
        from kerlint.config import Settings
        from kerlint.engine import lint_file

        violations, internal = lint_file(str(path), Settings())
        assert not internal
        return violations
    return lint_text(path.read_text(encoding="utf-8"), path=str(path))


@pytest.mark.parametrize("path,expected", list(_cases()))
def test_script_reports_exactly_its_expected_codes(path, expected):
    violations = _reported(path)
    found = {v.code for v in violations}
    details = "\n".join(f"  {v.location.row}: {v.code} [{v.severity.label}] {v.message}" for v in violations)
    assert found == expected, (f"{path.name}: expected {sorted(expected) or 'none'}, got {sorted(found) or 'none'}"
                               f"\n  missing: {sorted(expected - found)}  unexpected: {sorted(found - expected)}"
                               f"\n{details}")


@pytest.mark.parametrize("path", [
    pytest.param(path, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FALSE_ALARMS[path.stem])]
                 if path.stem in KNOWN_FALSE_ALARMS else [])
    for path in _corpus("clean_*")], ids=lambda p: p.stem)
def test_clean_script_gets_no_warning_or_error(path):
    loud = [v for v in _reported(path) if v.severity >= Severity.WARNING]
    assert not loud, [f"{v.location.row}: {v.code} [{v.severity.label}] {v.message}" for v in loud]


def test_corpus_size_and_balance():
    headers = {path.name: _header(path)[0] for path in _corpus()}
    assert len(headers) >= 45
    clean = [name for name in headers if name.startswith("clean_")]
    buggy = [name for name in headers if name.startswith("bug_")]
    assert len(clean) + len(buggy) == len(headers), "scripts are named clean_*.py or bug_*.py"
    assert len(clean) >= len(headers) // 4, "about a third of the corpus should be clean scripts"
    assert all(headers[name] for name in buggy), "a buggy script expects a finding"


def test_a_buggy_script_has_one_to_three_problems():
    """Problems: the codes reported at warning or error (info findings are advice, not counted)."""
    many = {}
    for path in _corpus("bug_*"):
        problems = {v.code for v in _reported(path) if v.severity >= Severity.WARNING}
        if len(problems) > 3:
            many[path.name] = sorted(problems)
    assert not many, f"buggy scripts with more than three problems: {many}"


def test_corpus_covers_every_rule():
    covered = set().union(*(_header(path)[0] for path in _corpus("bug_*")))
    assert not RULE_CODES - covered, f"rules no buggy script exercises: {sorted(RULE_CODES - covered)}"
    headers = set().union(*(_header(path)[0] for path in _corpus()))
    assert headers <= RULE_CODES, f"headers name unknown codes: {sorted(headers - RULE_CODES)}"


def test_corpus_covers_every_model_style():
    import libcst as cst

    from kerlint.ir import extract

    styles = {"clean": set(), "bug": set()}
    for path in SCRIPTS.glob("*.py"):
        file_ir = extract(cst.parse_module(path.read_text(encoding="utf-8")))
        styles[path.name.split("_")[0]] |= {model.style for model in file_ir.models if model.fits}
    for kind, seen in styles.items():
        assert {"sequential", "functional", "subclassed"} <= seen, (kind, seen)


# --- extractor facts the corpus depends on (gaps found while writing it) ----------------------------------

def _globals(source: str) -> dict:
    import libcst as cst

    from kerlint.ir.extractor import Extractor

    extractor = Extractor(cst.parse_module(source), source)
    extractor.run()
    return extractor.globals.names


def test_array_shapes_follow_the_common_idioms():
    from kerlint.ir import UNKNOWN

    names = _globals(
        "import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\n"
        "(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()\n"
        "a = x_train.reshape(x_train.shape[0], 28, 28, 1).astype('float32') / 255\n"
        "b = x_train[..., tf.newaxis]\nc = np.expand_dims(x_train / 255.0, -1)\nd = x_train.reshape(-1, 784)\n"
        "e = x_train.reshape(len(x_train), -1)\nf = x_train[:1000]\ng = x_train[0]\n"
        "h = tf.expand_dims(tf.cast(x_train, tf.float32), axis=3)\ni = np.reshape(x_train, (-1, 28, 28, 1))\n"
        "j = x_train.T\nshape = x_train.shape[1:]\n")
    four_d = (UNKNOWN, 28, 28, 1)
    assert names["a"].shape == names["b"].shape == names["c"].shape == names["h"].shape == names["i"].shape == four_d
    assert names["d"].shape == names["e"].shape == (UNKNOWN, 784)
    assert names["f"].shape == (UNKNOWN, 28, 28)
    assert names["g"].shape == (28, 28) and names["j"].shape == (28, 28, UNKNOWN)  # rank changes: numpy's result
    assert names["shape"] == (28, 28)


def test_input_shape_from_the_training_array_enables_shape_inference():
    import libcst as cst

    from kerlint.ir import extract

    source = (SCRIPTS / "bug_input_shape_from_array.py").read_text(encoding="utf-8")
    (model,) = extract(cst.parse_module(source)).models
    assert model.input_shape == (32, 32, 3)
    assert model.layers[-1].output_shape == (10,)


def test_functional_preprocess_input_keeps_the_graph_and_scales():
    import libcst as cst

    from kerlint.ir import extract

    source = (SCRIPTS / "clean_transfer_mobilenet_finetune.py").read_text(encoding="utf-8")
    (model,) = extract(cst.parse_module(source)).models
    assert model.complete
    assert [layer.kind for layer in model.layers][:4] == ["RandomFlip", "RandomRotation", "PreprocessInput",
                                                          "Application"]


def test_residual_shortcut_condition_on_tensor_shape_is_resolved():
    import libcst as cst

    from kerlint.ir import extract

    source = (SCRIPTS / "clean_cifar10_resnet_functional.py").read_text(encoding="utf-8")
    (model,) = extract(cst.parse_module(source)).models
    assert model.complete
    assert sum(layer.kind == "Conv2D" for layer in model.layers) == 1 + 6 * 2 + 2  # stem, 6 blocks, 2 projections


def test_bidirectional_lstm_output_shape():
    import libcst as cst

    from kerlint.ir import extract

    source = (SCRIPTS / "clean_imdb_lstm.py").read_text(encoding="utf-8")
    (model,) = extract(cst.parse_module(source)).models
    assert [layer.output_shape for layer in model.layers if layer.kind == "Bidirectional"] == [(None, 128), (128,)]


def test_reshape_with_minus_one_is_inferred_not_taken_literally():
    from kerlint.ir import shapes

    assert shapes.infer("Reshape", {"target_shape": (-1, 193, 1)}, (None, 193)) == (None, 193, 1)
    assert shapes.infer("Reshape", {"target_shape": (-1, 28, 1)}, (28, 28)) == (28, 28, 1)
    # DeepSpeech-style spectrogram model (keras-io ctc_asr): no false "feature map reaches 0" error
    source = ("from tensorflow.keras import layers\nimport tensorflow as tf\n"
              "inp = layers.Input((None, 193))\nx = layers.Reshape((-1, 193, 1))(inp)\n"
              "x = layers.Conv2D(32, [11, 41], strides=[2, 2], padding='same')(x)\n"
              "x = layers.BatchNormalization()(x)\nx = layers.Flatten()(x)\n"
              "model = tf.keras.Model(inp, layers.Dense(10, activation='softmax')(x))\n"
              "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n")
    assert "KL105" not in {v.code for v in lint_text(source)}


# --- the demo examples report what examples/README.md says ------------------------------------------------

EXAMPLES = Path(__file__).parent.parent / "examples"


def _readme_claims() -> dict:
    claims = {}
    for line in (EXAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^- `([\w.]+\.py)` — (.*)$", line)
        if match:
            claims[match.group(1)] = set(re.findall(r"\bKL\d{3}\b", match.group(2)))
    return claims


def test_examples_readme_lists_every_example():
    assert set(_readme_claims()) == {path.name for path in EXAMPLES.glob("*.py")}


@pytest.mark.parametrize("name", sorted(_readme_claims()))
def test_example_reports_what_the_readme_says(name):
    claimed = _readme_claims()[name]
    found = {v.code for v in lint_text((EXAMPLES / name).read_text(encoding="utf-8"), path=name)}
    if name == "deep_sigmoid_cnn.py":  # owned by the probe: only its headline finding is pinned here
        assert "KL101" in found
    else:
        assert found == claimed, f"{name}: README says {sorted(claimed) or 'nothing'}, kerlint reports {sorted(found)}"


def test_channels_first_inputs_are_not_read_channels_last():
    # Keras 1/2 'th' ordering (keras.json or set_image_dim_ordering): reading (1, 28, 28) as H=1 invents a KL105 error
    for prelude in ("", "from keras import backend as K\nK.set_image_dim_ordering('th')\n",
                    "import tensorflow as tf\ntf.keras.backend.set_image_data_format('channels_first')\n"):
        source = (prelude + "from keras.models import Sequential\nfrom keras.layers import Conv2D, MaxPooling2D, "
                  "Flatten, Dense\nmodel = Sequential()\nmodel.add(Conv2D(32, (5, 5), input_shape=(1, 28, 28), "
                  "activation='relu'))\nmodel.add(MaxPooling2D((2, 2)))\nmodel.add(Conv2D(64, (3, 3), "
                  "activation='relu'))\nmodel.add(Flatten())\nmodel.add(Dense(10, activation='softmax'))\n"
                  "model.compile(optimizer='adam', loss='categorical_crossentropy')\n")
        assert "KL105" not in {v.code for v in lint_text(source)}, prelude


def test_rnn_return_state_and_initial_state_join_the_graph():
    import libcst as cst

    from kerlint.ir import extract

    source = (SCRIPTS / "clean_seq2seq_lstm_states.py").read_text(encoding="utf-8")
    (model,) = extract(cst.parse_module(source)).models
    assert model.complete
    assert [layer.kind for layer in model.layers] == ["LSTM", "LSTM", "Dense"]  # the encoder reached via its states


def test_multi_output_heads_ending_in_activation_layers_are_not_hidden():
    # keras-io cyclegan: call() returns several generators whose last Conv2D is followed by Activation("tanh")
    source = ("from tensorflow import keras\nfrom tensorflow.keras import layers\n"
              "inputs = keras.Input(shape=(64, 64, 3))\n"
              "x = layers.Conv2D(32, 3, padding='same', activation='relu')(inputs)\n"
              "a = layers.Activation('tanh')(layers.Conv2D(3, 3, padding='same')(x))\n"
              "b = layers.Activation('tanh')(layers.Conv2D(3, 3, padding='same')(x))\n"
              "model = keras.Model(inputs, [a, b])\nmodel.compile(optimizer='adam', loss='mae')\n"
              "model.fit(x_train, [y_a, y_b], epochs=10, validation_split=0.1)\n")
    assert "KL101" not in {v.code for v in lint_text(source)}


def test_no_missing_validation_for_a_model_with_its_own_train_step():
    found = {v.code for v in _reported(SCRIPTS / "clean_vae_custom_train_step.py")}
    assert "KL303" not in found  # train_step without test_step: nothing to validate with


def test_evaluate_records_the_names_its_result_is_assigned_to():
    import libcst as cst

    from kerlint.ir import extract

    source = (SCRIPTS / "bug_test_score_from_training_arrays.py").read_text(encoding="utf-8")
    (model,) = extract(cst.parse_module(source)).models
    assert [e.result_names for e in model.evaluates] == [("test_loss", "test_acc")]
