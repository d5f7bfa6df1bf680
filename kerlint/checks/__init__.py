"""Rule logic, by topic. Importing this package registers every check."""

from kerlint.checks import analysis, api, architecture, arrays, data, output, training  # noqa: F401
from kerlint.checks import kl504_lr_argument  # noqa: F401
from kerlint.checks import (  # noqa: F401
    kl201_output_activation_loss,
    kl202_from_logits,
    kl203_output_units,
    kl204_label_encoding,
    kl205_regression_metric,
)
from kerlint.checks.registry import CHECKS, Diagnosis, Finding, rule

__all__ = ["CHECKS", "Diagnosis", "Finding", "rule"]
