"""Rule logic, by topic. Importing this package registers every check."""

from kerlint.checks import analysis, api, architecture, arrays, data, output, training  # noqa: F401
from kerlint.checks import kl504_lr_argument  # noqa: F401
from kerlint.checks.registry import CHECKS, Diagnosis, Finding, rule

__all__ = ["CHECKS", "Diagnosis", "Finding", "rule"]
