"""What every measurement returns: a `Symptom` with its evidence numbers, and the thresholds.

Shared by measure.py (model stages) and data_checks.py (KP110-KP112). No TensorFlow here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from kerlint.catalogue import load_catalogue

# The thresholds are the probe symptoms' options, declared (with their published sources, types and ranges) in
# rules/KP1xx.yaml and nowhere else. `--threshold NAME=VALUE` overrides them.
DEFAULT_THRESHOLDS = {option.name: option.default
                      for doc in load_catalogue().values() if doc.is_symptom for option in doc.options}

# The kinds of KP111 label problem (its evidence's "problem_kinds", one per entry of "problems"); the
# diagnosis files each kind under its own cause.
ENCODING = "encoding"  # the labels' encoding does not fit the loss or the output width
UNREACHABLE = "unreachable"  # values the output activation can never produce
LABEL_DATA = "data"  # values outside the classes, imbalance, batches sorted by class


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
