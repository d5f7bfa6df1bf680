"""The verdict mechanism: the catalogue's symptom mapping and the three verdicts (no TensorFlow)."""

from kerlint.catalogue import load_catalogue
from kerlint.probe import join


def _symptom(code, measured=True, observed=False):
    return {"code": code, "name": code, "measured": measured, "observed": observed, "evidence": {}}


def _finding(code):
    return {"code": code, "name": code, "message": "", "severity": "warning"}


def test_every_kp_entry_is_in_the_catalogue_with_a_source_and_threshold():
    docs = load_catalogue()
    for n in range(101, 113):
        doc = docs[f"KP{n}"]
        assert doc.is_symptom and doc.source.strip() and doc.threshold.strip(), doc.code


def test_the_probe_s_thresholds_are_its_symptoms_declared_options():
    from kerlint.probe.evidence import DEFAULT_THRESHOLDS

    assert DEFAULT_THRESHOLDS["overfit_samples"] == 16 and isinstance(DEFAULT_THRESHOLDS["overfit_samples"], int)
    assert DEFAULT_THRESHOLDS["vanishing_ratio"] == 1e-3  # AUTOTRAINER's, as rules/KP101.yaml cites
    for name in ("vanishing_ratio", "dead_relu_fraction", "planned_progress", "noise_z", "batch_class_mix"):
        assert name in DEFAULT_THRESHOLDS


def test_kl1xx_pattern_expands_to_every_kl1_code():
    docs = load_catalogue()
    assert "KP107" in join.symptoms_for("KL101", docs)
    assert "KP107" in join.symptoms_for("KL199", docs)  # any KL1.. code, present or future
    assert "KP107" not in join.symptoms_for("KL301", docs)
    assert set(join.symptoms_for("KL101", docs)) >= {"KP101", "KP105", "KP107"}


def test_confirmed_when_a_mapped_symptom_is_observed():
    docs = load_catalogue()
    findings, unpredicted = join.join([_finding("KL101")],
                                      [_symptom("KP101", observed=True), _symptom("KP105"), _symptom("KP107")],
                                      docs)
    assert findings[0]["verdict"] == "confirmed"
    assert findings[0]["observed_symptoms"] == ["KP101"]
    assert unpredicted == []


def test_not_observed_when_mapped_symptoms_were_measured_and_absent():
    docs = load_catalogue()
    findings, _ = join.join([_finding("KL101")], [_symptom("KP101"), _symptom("KP105", measured=False)], docs)
    assert findings[0]["verdict"] == "not-observed"
    assert findings[0]["measured_symptoms"] == ["KP101"]


def test_inconclusive_when_nothing_maps_or_nothing_was_measured():
    docs = load_catalogue()
    findings, _ = join.join([_finding("KL303"), _finding("KL201")],
                            [_symptom("KP108", measured=False), _symptom("KP106", measured=False)], docs)
    verdicts = {f["code"]: f["verdict"] for f in findings}
    assert verdicts == {"KL303": "inconclusive", "KL201": "inconclusive"}


def test_kl201_is_confirmed_by_flat_accuracy():
    findings, _ = join.join([_finding("KL201")], [_symptom("KP108", observed=True)], load_catalogue())
    assert findings[0]["verdict"] == "confirmed"


def test_observed_symptoms_no_finding_predicted_are_listed():
    docs = load_catalogue()
    _, unpredicted = join.join([_finding("KL101")],
                               [_symptom("KP101", observed=True), _symptom("KP110", observed=True),
                                _symptom("KP112", observed=True), _symptom("KP103")], docs)
    assert unpredicted == ["KP110", "KP112"]
