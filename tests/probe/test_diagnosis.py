"""The ranked diagnosis over hand-built reports (no TensorFlow): ranking, explaining away, what is shown."""

from kerlint.probe import diagnosis, report_html, report_text
from tests.probe.test_reports import _report


def _symptom(code, observed=True, **evidence):
    return {"code": code, "name": code, "measured": True, "observed": observed, "evidence": evidence}


def _finding(code, row, verdict="confirmed"):
    return {"code": code, "name": code, "severity": "error", "message": f"{code} message", "filename": "t.py",
            "location": {"row": row, "column": 1}, "end_location": {"row": row, "column": 9}, "fix": None,
            "fix_hint": f"{code} fix", "verdict": verdict, "expected_symptoms": [], "observed_symptoms": []}


def test_nan_inputs_explain_the_nan_loss_instead_of_a_learning_rate():
    report = {"symptoms": [_symptom("KP112", non_finite_x=3), _symptom("KP103", non_finite_steps=1),
                           _symptom("KP109", non_finite=True)], "findings": []}
    causes = diagnosis.diagnose(report)["causes"]
    assert [c["cause"] for c in causes] == ["non-finite-data"]
    # without the NaN inputs the same loss points at the learning rate
    report["symptoms"] = report["symptoms"][1:]
    assert [c["cause"] for c in diagnosis.diagnose(report)["causes"]] == ["learning-rate-too-high"]


def test_a_confirmed_static_finding_ranks_its_cause_and_is_cited_with_line_and_fix():
    report = {"symptoms": [_symptom("KP110", max=255.0), _symptom("KP106", loss_at_init=9.1),
                           _symptom("KP108", constant_predictions=True)],
              "findings": [_finding("KL201", 14), _finding("KL401", 3, verdict="not-observed")]}
    causes = diagnosis.diagnose(report)["causes"]
    assert [c["cause"] for c in causes] == ["output-activation-mismatch", "unscaled-inputs"]
    assert causes[0]["rank"] == 1 and causes[0]["level"] == "error" and causes[0]["category"] == "activation"
    assert causes[0]["confirms"] == [{"code": "KL201", "line": 14, "message": "KL201 message", "fix": "KL201 fix"}]
    assert causes[1]["confirms"] == []  # KL401 was not confirmed: not cited as evidence


def test_a_vague_symptom_is_a_cause_only_when_nothing_more_specific_is():
    vague = {"symptoms": [_symptom("KP107", best_training_accuracy=0.4)], "findings": []}
    assert [c["cause"] for c in diagnosis.diagnose(vague)["causes"]] == ["does-not-learn"]
    vague["symptoms"].append(_symptom("KP101", ratio_first_last=1e-5))
    assert [c["cause"] for c in diagnosis.diagnose(vague)["causes"]] == ["saturating-activations"]


def test_a_clean_run_has_no_cause_but_still_says_what_it_cannot_judge():
    report = {"symptoms": [_symptom("KP101", observed=False)], "findings": [], "steps": 200,
              "model": {"samples_available": 1000, "batch_size": 100}, "fit_arguments": {"epochs": 50}}
    ranked = diagnosis.diagnose(report)
    assert ranked["causes"] == []
    assert ranked["cannot_judge"][0] == ("epochs and training length: the probe trained 200 steps, the script "
                                         "plans about 500 (50 epoch(s) of 10 batches)")
    assert any("optimizer" in line for line in ranked["cannot_judge"])


def test_text_and_html_show_the_diagnosis_first():
    report = _report()
    report["diagnosis"] = diagnosis.diagnose(report)
    text = report_text.render(report)
    assert text.index("Diagnosis") < text.index("Symptoms")
    assert "1. [error] NaN or Inf values in the training data (data)" in text
    assert "2. [warning] saturating activations stop the gradient in a deep stack (activation)" in text
    assert "confirms line 9: KL101 4 hidden Conv2D layers use sigmoid" in text
    page = report_html.render(report)
    assert page.index("<h2>Diagnosis</h2>") < page.index("<h2>Symptoms</h2>")


def test_constant_predictions_alone_do_not_blame_the_output_layer():
    """A slow healthy model (still one class after the short run, loss at init fine) is "does not learn";
    with the loss at initialisation off, or KL201 confirmed, the same predictions support the mismatch."""
    slow = {"symptoms": [_symptom("KP108", constant_predictions=True), _symptom("KP107"),
                         _symptom("KP106", observed=False)], "findings": []}
    assert [c["cause"] for c in diagnosis.diagnose(slow)["causes"]] == ["does-not-learn"]
    slow["findings"] = [_finding("KL201", 7)]
    top = diagnosis.diagnose(slow)["causes"][0]
    assert top["cause"] == "output-activation-mismatch" and top["symptoms"] == ["KP107", "KP108"]


def test_zero_gradients_point_at_the_output_activation_and_a_regression_loss_for_labels_at_the_loss():
    # a softmax over one unit: no gradient reaches any layer, the predictions are constant
    zero = {"symptoms": [_symptom("KP101", zero_gradients=True, max_layer_norm=0.0),
                         _symptom("KP108", constant_predictions=True)], "findings": []}
    top = diagnosis.diagnose(zero)["causes"][0]
    assert top["cause"] == "output-activation-mismatch" and top["category"] == "activation"
    assert top["symptoms"] == ["KP101", "KP108"]
    assert "saturating-activations" not in [c["cause"] for c in diagnosis.diagnose(zero)["causes"]]
    # a real vanishing ratio is still the saturating stack's
    vanishing = {"symptoms": [_symptom("KP101", zero_gradients=False, ratio_first_last=3e-4)], "findings": []}
    assert diagnosis.diagnose(vanishing)["causes"][0]["cause"] == "saturating-activations"
    # an accuracy metric with MSE (KL205 confirmed by constant predictions): the loss is the fault
    mse = {"symptoms": [_symptom("KP108", constant_predictions=True)], "findings": [_finding("KL205", 9)]}
    assert diagnosis.diagnose(mse)["causes"][0]["category"] == "loss"


def test_an_accuracy_metric_on_continuous_targets_is_not_a_wrong_loss():
    """KL205 (accuracy on a regression loss) confirms "the loss does not fit the task" only for class labels."""
    def report(continuous):
        return {"symptoms": [_symptom("KP107", best_training_accuracy=0.2),
                             {**_symptom("KP111", observed=False, continuous_labels=continuous), "measured": False}],
                "findings": [_finding("KL205", 9)]}

    assert [c["cause"] for c in diagnosis.diagnose(report(False))["causes"]] == ["loss-for-task"]
    assert [c["cause"] for c in diagnosis.diagnose(report(True))["causes"]] == ["does-not-learn"]


def test_a_loss_at_init_that_large_inputs_or_weights_explain_does_not_blame_the_output_layer():
    """Unscaled inputs (KP110) or layers saturated at initialisation (KP105) give large logits, and large
    logits a loss far above ln C: KP106 then supports their cause. Alone, or below ln C, it points at the
    output layer."""
    high = _symptom("KP106", loss_at_init=28.0, expected_ln_c=0.693, classes=2)
    unscaled = {"symptoms": [high, _symptom("KP110", min=0.0, max=1305.0)], "findings": []}
    causes = diagnosis.diagnose(unscaled)["causes"]
    assert [c["cause"] for c in causes] == ["unscaled-inputs"]
    assert causes[0]["symptoms"] == ["KP106", "KP110"]

    saturated = {"symptoms": [_symptom("KP106", loss_at_init=7.6, expected_ln_c=2.303, classes=10),
                              _symptom("KP105", layers_over_threshold_at_init=["dense"])],
                 "findings": [_finding("KL110", 12)]}
    causes = diagnosis.diagnose(saturated)["causes"]
    assert [c["cause"] for c in causes] == ["initialisation", "saturating-activations"]
    assert all("KP106" in c["symptoms"] for c in causes)
    # saturated only after training: the loss at initialisation is not its consequence
    saturated["symptoms"][1] = _symptom("KP105", layers_over_threshold_at_init=[],
                                        layers_over_threshold_after_training=["dense"])
    assert diagnosis.diagnose(saturated)["causes"][0]["cause"] == "output-activation-mismatch"

    alone = {"symptoms": [high], "findings": []}
    assert [c["cause"] for c in diagnosis.diagnose(alone)["causes"]] == ["output-activation-mismatch"]
    # a loss below ln C is never what large logits give: the output layer stays the cause
    low = {"symptoms": [_symptom("KP106", loss_at_init=0.0, expected_ln_c=0.693, classes=2),
                        _symptom("KP110", min=0.0, max=1305.0)], "findings": []}
    assert diagnosis.diagnose(low)["causes"][0]["cause"] == "output-activation-mismatch"


def test_each_label_problem_is_filed_under_its_cause_by_its_kind_not_its_wording():
    """data_checks.label_problems types every KP111 problem (evidence.py's kinds); the diagnosis reads the
    kinds, so rewording a message never moves a problem to another cause."""
    import numpy as np

    from kerlint.probe import data_checks
    from kerlint.probe.evidence import DEFAULT_THRESHOLDS
    from kerlint.probe.model_tools import LossInfo

    def causes_for(y, loss, activation):
        symptom, _ = data_checks.label_problems(y, loss, DEFAULT_THRESHOLDS, output_activation=activation)
        evidence = symptom.evidence
        assert len(evidence["problems"]) == len(evidence["problem_kinds"])
        report = {"symptoms": [symptom.to_dict()], "findings": []}
        return evidence["problem_kinds"], [c["cause"] for c in diagnosis.diagnose(report)["causes"]]

    rng = np.random.default_rng(0)
    integers = rng.integers(0, 3, size=300)
    categorical = LossInfo("categorical_crossentropy", "categorical", False, 3)
    # class indices 0-2 against a one-hot loss, and the 2s are also values a softmax never produces
    assert causes_for(integers, categorical, "softmax") == (
        ["encoding", "unreachable"], ["labels-do-not-match-loss", "output-cannot-produce-labels"])
    multi_hot = (rng.random((300, 3)) < 0.5).astype(np.float32)
    assert causes_for(multi_hot, categorical, "softmax") == (["unreachable"], ["output-cannot-produce-labels"])
    sparse = LossInfo("sparse_categorical_crossentropy", "sparse", False, 3)
    assert causes_for(integers + 5, sparse, "softmax")[1] == ["label-data"]
    targets = rng.normal(0, 3, size=300)
    regression = LossInfo("mse", "regression", False, 1)
    assert causes_for(targets, regression, "tanh") == (["unreachable"], ["output-cannot-produce-labels"])
    # "binary labels outside [0, 1]" is a label-value problem, not also an unreachable one
    binary = LossInfo("binary_crossentropy", "binary", False, 1)
    kinds, causes = causes_for(rng.integers(0, 3, size=300), binary, "sigmoid")
    assert kinds[0] == "data" and "unreachable" not in kinds and causes[0] == "label-data"


def test_a_loss_that_falls_too_slowly_points_at_the_learning_rate_unless_the_gradients_explain_it():
    falling = _symptom("KP109", observed=False, loss_fell=True, net_change_z=-15.8)
    slow = {"symptoms": [_symptom("KP107", best_training_accuracy=0.56), _symptom("KP108"), falling],
            "findings": []}
    causes = diagnosis.diagnose(slow)["causes"]
    assert [c["cause"] for c in causes] == ["learning-rate-too-low"]
    assert causes[0]["category"] == "learning_rate" and causes[0]["symptoms"] == ["KP107", "KP108"]
    # a flat loss says nothing about the step size
    flat = {**slow, "symptoms": slow["symptoms"][:2] + [_symptom("KP109", observed=False, loss_fell=False)]}
    assert [c["cause"] for c in diagnosis.diagnose(flat)["causes"]] == ["does-not-learn"]
    # vanishing gradients explain a slow fall
    vanishing = {**slow, "symptoms": slow["symptoms"] + [_symptom("KP101", ratio_first_last=1e-5)]}
    assert [c["cause"] for c in diagnosis.diagnose(vanishing)["causes"]] == ["saturating-activations"]



def test_a_loss_at_init_far_above_ln_c_on_an_output_the_loss_wants_points_at_the_weights():
    """Softmax + categorical cross-entropy is the right pairing: a loss of 24.8 against ln 10 then comes from
    logits the weights make too large (a weight-standardised conv stack), not from the output layer."""
    high = _symptom("KP106", loss_at_init=24.8, expected_ln_c=2.303, classes=10)
    fitting = {"symptoms": [high], "findings": [],
               "model": {"task": "categorical", "output_activation": "softmax", "from_logits": None, "output_units": 10}}
    causes = diagnosis.diagnose(fitting)["causes"]
    assert [c["cause"] for c in causes] == ["initialisation"] and causes[0]["level"] == "warning"
    wrong = {**fitting, "model": {**fitting["model"], "output_activation": "relu"}}
    assert [c["cause"] for c in diagnosis.diagnose(wrong)["causes"]] == ["output-activation-mismatch"]
    unknown = {**fitting, "model": {}}  # a subclassed model: its output activation is not known
    assert [c["cause"] for c in diagnosis.diagnose(unknown)["causes"]] == ["output-activation-mismatch"]
