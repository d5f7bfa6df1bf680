"""What every measurement returns: a `Symptom` with its evidence numbers, and the thresholds.

Shared by measure.py (model stages) and data_checks.py (KP110-KP112). No TensorFlow here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

# Defaults follow the published sources cited in rules/KP1xx.yaml. `--threshold NAME=VALUE` overrides.
DEFAULT_THRESHOLDS = {
    "vanishing_ratio": 1e-3,  # KP101: first/last weight-layer gradient-norm ratio below (AUTOTRAINER)
    "vanishing_first_norm": 1e-4,  # KP101: AUTOTRAINER's first-layer norm (reported, not required)
    "exploding_ratio": 70.0,  # KP102: ratio above (AUTOTRAINER)
    "exploding_norm": 1e3,  # KP102: any layer's gradient norm above
    "loss_blowup": 1e3,  # KP103: a classification loss at or above this counts as blown up
    "regression_blowup_factor": 100.0,  # KP103: a regression loss this many times its value at initialisation
    "dead_relu_fraction": 0.9,  # KP104: share of a ReLU layer's units <= 0 for every sampled input (Lu et al.)
    "dead_relu_rise": 0.25,  # KP104: ...having risen by this much since initialisation (units died in training)
    "dead_relu_init_fraction": 0.9,  # KP104: or this share dead from the start
    "saturation_fraction": 0.5,  # KP105: share of sigmoid/tanh inputs outside +-saturation_bound
    "saturation_bound": 5.0,
    "saturation_after_fraction": 0.9,  # KP105: share saturated after training that counts too
    "overfit_samples": 16,  # KP107 (TheDeepChecker / Karpathy's recipe)
    "overfit_accuracy": 0.9,
    "planned_length_share": 1.0,  # KP107/KP108: a loss still falling is judged only after this share of the
    # steps the script's fit() plans (epochs x steps per epoch)...
    "planned_progress": 0.1,  # ...when its trend, continued to the planned length, falls this share below its start
    "planned_extrapolation_max": 10.0,  # ...continued at most this many times the steps the probe ran
    "overfit_still_learning": 0.02,  # KP107: loss drop over the last fifth of the steps that means "still learning"
    "flat_accuracy_delta": 0.02,  # KP108: accuracy gain below this between the first and last window
    "divergence_factor": 2.0,  # KP109: smoothed loss rises to this multiple of its minimum (AUTOTRAINER)
    "oscillation_sign_changes": 0.5,  # KP109: share of sign changes of the windowed loss
    "oscillation_amplitude": 0.1,  # KP109: ...with mean swing at least this share of the loss level
    "oscillation_noise_ratio": 3.0,  # KP109: ...and at least this many times the swing batch noise alone gives
    "noise_z": 2.0,  # KP109: standard errors a change must exceed to count as more than batch noise
    "input_bound": 5.0,  # KP110: inputs beyond +-bound (images, or tabular data into sigmoid/tanh layers)
    "tabular_bound": 100.0,  # KP110: tabular inputs beyond +-this when no hidden layer saturates
    "image_max": 1.5,  # KP110: non-negative image-like inputs with max above this
    "imbalance_ratio": 10.0,  # KP111: majority/minority class count
    "batch_class_mix": 0.5,  # KP111: classes per batch below this share of a shuffled batch's = sorted
}


@dataclass
class Symptom:
    code: str
    measured: bool = True
    observed: bool = False
    evidence: dict = field(default_factory=dict)
    reason: str = ""  # why it was not measured

    def to_dict(self) -> dict:
        out = {"code": self.code, "measured": self.measured, "observed": self.observed,
               "evidence": self.evidence}
        if self.reason:
            out["reason"] = self.reason
        return out


def num(value, digits: int = 4):
    """A float for the JSON evidence: rounded to significant digits; NaN/Inf become strings."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return 0.0
    return float(f"{value:.{digits}g}")
