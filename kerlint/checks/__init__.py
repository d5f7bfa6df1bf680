"""Rule logic, by topic. Importing this package registers every check."""

from kerlint.checks import analysis, api, architecture, arrays, data, output, training  # noqa: F401
from kerlint.checks.registry import CHECKS, Finding, rule

__all__ = ["CHECKS", "Finding", "rule"]
