"""Rule logic, by topic. Importing this package registers every check."""

from kerlint.checks import output  # noqa: F401
from kerlint.checks import (  # noqa: F401
    kl002_partial_analysis,
    kl101_saturating_activation,
    kl102_relu_without_he,
    kl103_deep_stack_without_norm,
    kl104_dense_head_without_regularization,
    kl105_feature_map_collapse,
    kl106_abrupt_bottleneck,
    kl107_suspicious_dropout,
    kl108_linear_hidden_layer,
    kl109_hidden_softmax,
    kl110_degenerate_initializer,
    kl111_dense_on_feature_map,
    kl206_label_shape_mismatch,
    kl207_output_range_mismatch,
    kl301_learning_rate_too_high,
    kl302_learning_rate_too_low,
    kl303_missing_validation,
    kl304_unshuffled_data,
    kl305_schedule_never_decays,
    kl306_model_reused,
    kl307_validation_is_training_data,
    kl308_no_early_stopping,
    kl309_too_few_epochs,
    kl401_unnormalized_inputs,
    kl402_augmentation_on_eval_data,
    kl403_inconsistent_eval_preprocessing,
    kl404_input_shape_mismatch,
    kl405_unscaled_numeric_data,
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
