"""Rule logic, by topic. Importing this package registers every check."""

from kerlint.checks import analysis, api, architecture, arrays, data, output, training  # noqa: F401
from kerlint.checks import (  # noqa: F401
    kl501_experimental_preprocessing,
    kl502_image_data_generator,
    kl503_fit_generator,
    kl504_lr_argument,
    kl505_removed_module,
    kl506_keras1_argument,
    kl507_removed_method,
    kl508_tf1_api,
)
from kerlint.checks.registry import CHECKS, Diagnosis, Finding, rule

__all__ = ["CHECKS", "Diagnosis", "Finding", "rule"]
