"""Real (tiny) probe runs on CPU: each symptom produced by a real bug and absent on the healthy variant.

Each script is probed once per module (fixtures below) and several tests read the same report.
Measured on this machine (seed 0, 512 samples, --max-steps 60) the evidence is far from the
thresholds: see bench/RESULTS-probe.md for the figures.
"""

import jsonschema
import pytest

from kerlint.catalogue import load_catalogue

from kerlint.probe.schema import PROBE_REPORT
from tests.probe import scripts
from tests.probe.conftest import findings, run_probe_cli, symptoms, write_script

pytestmark = pytest.mark.probe
STEPS = "60"


def _probe(tmp_path_factory, name, text, *extra):
    directory = tmp_path_factory.mktemp(name)
    script = write_script(directory, f"{name}.py", text)
    code, report, _, stderr = run_probe_cli(script, "--max-steps", STEPS, "--output-format", "json", *extra)
    assert report is not None, stderr
    return code, report, directory


@pytest.fixture(scope="module")
def sigmoid(tmp_path_factory):
    return _probe(tmp_path_factory, "sigmoid", scripts.SIGMOID_STACK)


@pytest.fixture(scope="module")
def healthy(tmp_path_factory):
    return _probe(tmp_path_factory, "healthy", scripts.HEALTHY_STACK)


@pytest.fixture(scope="module")
def single_unit_softmax(tmp_path_factory):
    return _probe(tmp_path_factory, "softmax1", scripts.SINGLE_UNIT_SOFTMAX)


@pytest.fixture(scope="module")
def uint8_high_lr(tmp_path_factory):
    return _probe(tmp_path_factory, "uint8", scripts.UINT8_HIGH_LR)


def test_sigmoid_stack_shows_vanishing_gradients_and_confirms_kl101(sigmoid):
    code, report, _ = sigmoid
    kp101 = symptoms(report)["KP101"]
    assert kp101["observed"], kp101
    assert kp101["evidence"]["ratio_first_last"] < 1e-3
    assert kp101["evidence"]["first_layer_norm"] < kp101["evidence"]["last_layer_norm"] / 100
    assert code == 1
    kl101 = findings(report)["KL101"]
    assert kl101["verdict"] == "confirmed" and "KP101" in kl101["observed_symptoms"]


def test_sigmoid_stack_does_not_learn_in_the_short_run(sigmoid):
    _, report, _ = sigmoid
    kp108 = symptoms(report)["KP108"]
    assert kp108["observed"] and kp108["evidence"]["accuracy_last_window"] < 0.3


def test_healthy_stack_has_no_vanishing_gradients_and_overfits_16_samples(healthy):
    code, report, _ = healthy
    found = symptoms(report)
    assert not found["KP101"]["observed"] and found["KP101"]["evidence"]["ratio_first_last"] > 0.01
    assert found["KP107"]["measured"] and not found["KP107"]["observed"]
    assert found["KP107"]["evidence"]["best_training_accuracy"] >= 0.9
    assert found["KP108"]["evidence"]["accuracy_last_window"] > 0.8
    assert [s["code"] for s in report["symptoms"] if s["observed"]] == []
    assert code == 0
    assert "KL101" not in findings(report)


def test_single_unit_softmax_predicts_a_constant(single_unit_softmax):
    code, report, _ = single_unit_softmax
    kp108 = symptoms(report)["KP108"]
    assert kp108["observed"] and kp108["evidence"]["constant_predictions"]
    assert kp108["evidence"]["score_spread"] == 0
    assert kp108["evidence"]["distinct_predicted_classes"] == 1
    assert report["model"]["data_source"] == "tf.data.Dataset"
    assert code == 1
    kl201 = findings(report)["KL201"]  # softmax on a single unit, found statically...
    assert kl201["verdict"] == "confirmed" and "KP108" in kl201["observed_symptoms"]  # ...and seen


def test_uint8_inputs_with_lr_half_show_raw_inputs_and_a_blown_up_loss(uint8_high_lr):
    code, report, _ = uint8_high_lr
    found = symptoms(report)
    assert found["KP110"]["observed"] and found["KP110"]["evidence"]["max"] > 200
    assert found["KP110"]["evidence"]["dtype"] == "uint8"
    assert found["KP103"]["observed"] or found["KP109"]["observed"]
    assert code == 1
    assert findings(report)["KL301"]["verdict"] == "confirmed"  # SGD learning rate 0.5 > 0.1


def test_every_symptom_code_is_reported_with_evidence(sigmoid, healthy):
    for _, report, _ in (sigmoid, healthy):
        codes = [s["code"] for s in report["symptoms"]]
        assert codes == sorted(code for code, doc in load_catalogue().items() if doc.is_symptom)  # every one
        assert codes == [f"KP{n}" for n in range(101, 101 + len(codes))]
        for s in report["symptoms"]:
            assert s["measured"] == bool(s["evidence"]) or not s["measured"], s
            assert s["measured"] or s["reason"]


def test_json_output_matches_the_schema(sigmoid, healthy, single_unit_softmax, uint8_high_lr):
    for _, report, _ in (sigmoid, healthy, single_unit_softmax, uint8_high_lr):
        jsonschema.validate(report, PROBE_REPORT)
        assert report["device"] == "cpu" and report["steps"] > 0


def test_the_probe_writes_nothing_into_the_scripts_folder(sigmoid, healthy):
    for _, report, directory in (sigmoid, healthy):
        assert sorted(p.name for p in directory.iterdir()) == [f"{directory.name.rstrip('0123456789')}.py"]
