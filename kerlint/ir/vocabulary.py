"""The Keras vocabulary the rules, the fixers and the probe share: what a loss or an activation means.

Names are kerlint's canonical ones (`Loss.name`, `Layer.activation`: see kerlint/ir/keras_api.py for how
spellings map to them). One place for each family, so that a check, the fix of its diagnosis and the probe's
reading of a live model agree on what "a categorical cross-entropy" or "a probability output" is.

What Keras does with them (checked on the installed Keras in tests/test_vocabulary.py): a categorical
cross-entropy wants one-hot targets (its sparse form integer class ids) and a distribution over the units;
a binary cross-entropy scores every unit as an independent yes/no; `from_logits=False` (the default) clips
the prediction into [1e-7, 1 - 1e-7] before the log.
"""

from __future__ import annotations

# --- losses ---------------------------------------------------------------------------------------------

SPARSE_CE = frozenset({"sparse_categorical_crossentropy"})  # integer class ids, a distribution over the units
ONE_HOT_CE = frozenset({"categorical_crossentropy", "categorical_focal_crossentropy"})  # one-hot targets
CATEGORICAL_CE = SPARSE_CE | ONE_HOT_CE  # one distribution over the classes (softmax)
BINARY_CE = frozenset({"binary_crossentropy", "binary_focal_crossentropy"})  # one yes/no per unit (sigmoid)
CROSSENTROPY = CATEGORICAL_CE | BINARY_CE  # the losses `from_logits` applies to
# Losses comparing a prediction with a continuous target by its distance: an accuracy metric means nothing
# with them, and their targets must lie in the output activation's range.
REGRESSION_LOSSES = frozenset({"mse", "mae", "huber", "log_cosh", "mape", "msle"})

# The task a loss trains for: "sparse" / "categorical" (one class per sample, integer ids / one-hot),
# "binary" (yes/no per unit, hinge losses too), "regression".
LOSS_FAMILIES = {
    **{name: "sparse" for name in SPARSE_CE},
    **{name: "categorical" for name in ONE_HOT_CE},
    "categorical_hinge": "categorical", "kld": "categorical",
    **{name: "binary" for name in BINARY_CE},
    "hinge": "binary", "squared_hinge": "binary",
    **{name: "regression" for name in REGRESSION_LOSSES},
    "poisson": "regression", "cosine_similarity": "regression",
}


def loss_family(name: str) -> str:
    """The family of a canonical loss name (LOSS_FAMILIES); for another spelling (a live loss object's
    snake-cased class or config name, a custom function's name) the family its words name, else "unknown"."""
    family = LOSS_FAMILIES.get(name)
    if family is not None:
        return family
    if "sparse" in name and "crossentropy" in name:
        return "sparse"
    if "categorical" in name and ("crossentropy" in name or "hinge" in name) or name == "kl_divergence":
        return "categorical"
    if "binary" in name:
        return "binary"
    if any(k in name for k in ("mse", "mae", "mean_squared", "mean_absolute", "huber", "log_cosh",
                               "logcosh", "mape", "msle", "poisson", "cosine")):
        return "regression"
    return "unknown"


# The cross-entropy that matches a label encoding (labels' `label_encoding`).
CE_FOR_ENCODING = {"onehot": "categorical_crossentropy", "sparse": "sparse_categorical_crossentropy"}

# --- activations ----------------------------------------------------------------------------------------

SIGMOID_LIKE = frozenset({"sigmoid", "hard_sigmoid"})  # independent probabilities per unit
PROBABILITY = SIGMOID_LIKE | {"softmax"}  # activations whose outputs are probabilities
RELU_FAMILY = frozenset({"relu", "relu6", "leaky_relu", "elu", "selu", "prelu", "gelu", "swish", "silu",
                         "mish", "celu", "softplus"})
DYING_RELU = frozenset({"relu", "relu6"})  # zero output and zero gradient for every negative input: units can die
SATURATING = frozenset({"sigmoid", "tanh", "hard_sigmoid", "softsign", "hard_tanh"})
# the values an output activation can produce: (low, high), None for unbounded
ACTIVATION_RANGE = {
    "sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "hard_sigmoid": (0.0, 1.0),
    "relu": (0.0, None), "softplus": (0.0, None), "relu6": (0.0, 6.0),
    "tanh": (-1.0, 1.0), "softsign": (-1.0, 1.0), "hard_tanh": (-1.0, 1.0),
}


def output_fits_loss(family: str, activation: str | None, from_logits: bool | None, units: int | None) -> bool | None:
    """Whether an output activation is the one a cross-entropy family wants: a softmax over several units for
    a (sparse) categorical cross-entropy, sigmoid units for a binary one, and for either a linear output
    when `from_logits=True`. None when the family is not a cross-entropy or the activation is unknown."""
    if family not in ("sparse", "categorical", "binary") or activation is None:
        return None
    if from_logits:
        return activation == "linear"
    if family == "binary":
        return activation in SIGMOID_LIKE
    return activation == "softmax" and (units or 0) > 1
