"""Rule logic, by topic. Importing this package registers every check."""

from kerlint.checks import analysis, api  # noqa: F401
from kerlint.checks import kl101_saturating_activation, kl102_relu_without_he, kl103_deep_stack_without_norm  # noqa: F401
from kerlint.checks import kl104_dense_head_without_regularization, kl105_feature_map_collapse  # noqa: F401
from kerlint.checks import kl106_abrupt_bottleneck, kl107_suspicious_dropout  # noqa: F401
from kerlint.checks import kl108_linear_hidden_layer, kl109_hidden_softmax  # noqa: F401
from kerlint.checks import kl110_degenerate_initializer, kl111_dense_on_feature_map  # noqa: F401
from kerlint.checks import arrays, data, output, training  # noqa: F401
from kerlint.checks import kl504_lr_argument  # noqa: F401
from kerlint.checks.registry import CHECKS, Diagnosis, Finding, rule

__all__ = ["CHECKS", "Diagnosis", "Finding", "rule"]
