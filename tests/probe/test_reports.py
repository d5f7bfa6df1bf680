"""Text and HTML rendering of a probe report (no TensorFlow: a report dict built by hand)."""

import math

from kerlint.probe import report_html, report_text


def _report(**overrides):
    report = {
        "script": "/work/train.py", "script_args": [], "status": "ok", "device": "cpu", "steps": 3,
        "max_steps": 3, "seed": 0, "synthetic": False, "elapsed_seconds": 5.2, "exit_code": 1,
        "fit_line": 20,
        "model": {"class": "Sequential", "weight_layers": 2, "loss": "categorical_crossentropy",
                  "optimizer": {"class": "Adam", "learning_rate": 0.001}, "batch_size": 32, "sample_size": 96,
                  "data_source": "arrays"},
        "symptoms": [
            {"code": "KP101", "name": "vanishing-gradients", "measured": True, "observed": True,
             "evidence": {"ratio_first_last": 0.0003, "first_layer_norm": 0.0004, "last_layer_norm": 1.3}},
            {"code": "KP104", "name": "dying-relu", "measured": False, "observed": False, "evidence": {},
             "reason": "no hidden ReLU layers"},
            {"code": "KP112", "name": "non-finite-inputs", "measured": True, "observed": True,
             "evidence": {"non_finite_x": 2, "non_finite_y": 0}},
        ],
        "findings": [{"code": "KL101", "name": "saturating-activation-in-deep-stack", "severity": "warning",
                      "message": "4 hidden Conv2D layers use sigmoid", "filename": "/work/train.py", "cell": None,
                      "location": {"row": 9, "column": 5}, "end_location": {"row": 9, "column": 40}, "fix": None,
                      "verdict": "confirmed", "expected_symptoms": ["KP101", "KP105", "KP107"],
                      "observed_symptoms": ["KP101"], "measured_symptoms": ["KP101", "KP105"]}],
        "unpredicted_symptoms": ["KP112"],
        "curves": {"gradient_norms": [{"layer": "conv2d", "norm": 0.0004}, {"layer": "dense", "norm": 1.3}],
                   "loss": [2.3, 2.31, "nan"], "accuracy": [0.1, 0.12, 0.09], "overfit_loss": [2.3, 2.0],
                   "activations_at_init": [{"layer": "conv2d", "activation": "sigmoid", "saturated_fraction": 0.1}],
                   "activations_after_training": [{"layer": "conv2d", "activation": "sigmoid",
                                                   "saturated_fraction": 0.6}]},
    }
    report.update(overrides)
    return report


def test_text_report_has_symptom_table_then_verdicts_then_fixes():
    text = report_text.render(_report())
    lines = text.splitlines()
    assert lines[0].startswith("kerlint probe /work/train.py (device cpu, 3 training steps, 5.2 s")
    row = next(line for line in lines if line.strip().startswith("KP101"))
    assert "OBSERVED" in row and "ratio_first_last=0.0003" in row
    assert "not measured  no hidden ReLU layers" in text
    assert "train.py:9:5  KL101 saturating-activation-in-deep-stack: confirmed by KP101" in text
    assert "Observed symptoms no finding predicted: KP112" in text
    assert text.index("Symptoms") < text.index("Findings") < text.index("Suggested fixes")
    fixes = text[text.index("Suggested fixes"):]
    assert "KL101:" in fixes and "KP112:" in fixes


def test_error_report_explains_and_keeps_the_traceback_tail():
    report = _report(status="script-error", exit_code=3, symptoms=[], findings=[], unpredicted_symptoms=[],
                     error={"message": "train.py raised ValueError at line 4 before reaching fit(): bad",
                            "line": 4, "code": "x = f()", "traceback_tail": ['  File "train.py", line 4']})
    text = report_text.render(report)
    assert text.startswith("kerlint probe: train.py raised ValueError at line 4 before reaching fit(): bad")
    assert "line 4: x = f()" in text and 'File "train.py", line 4' in text and "exit status 3" in text


def test_html_report_is_self_contained_with_log_scale_gradients():
    html = report_html.render(_report())
    assert html.count("<svg") == 4  # gradients, loss, accuracy, saturation
    assert "saturated share (|x| &gt; 5)" in html
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert ">1e-4<" in html and ">1e0<" in html  # decade ticks of the log axis
    assert 'class="confirmed"' in html
    assert "nan" not in html.split("<polyline")[1].split("/>")[0]  # non-finite points are left out


def test_log_chart_survives_zero_and_non_finite_norms():
    svg = report_html.log_bar_chart("g", ["a", "b", "c"], [0.0, math.inf, 1e-3], "norm")
    assert svg.startswith("<svg") and "inf" in svg
    assert "no finite non-zero values" in report_html.log_bar_chart("g", ["a"], [0.0], "norm")
