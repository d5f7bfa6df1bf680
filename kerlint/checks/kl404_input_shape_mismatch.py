"""KL404 input-shape-mismatch: the per-sample shape of the array fed to fit()/evaluate()/predict() is not the
model's input shape, in a way Keras 3 rejects when the first layer is called.

Keras adjusts a rank that differs by a trailing 1; a functional model checks every fixed dimension; a Sequential
model leaves it to its first layer (see input_shape_conflict, checked on the installed Keras in
tests/test_keras_array_claims.py). Only fully known shapes are compared; the first mismatch is reported. No fix:
whether the model or the data is wrong is the user's call.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.arrays import is_int, per_sample_shape, shape_text
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import Data, ModelIR


@dataclass(frozen=True, eq=False)
class InputShapeMismatch(Diagnosis):
    """The array argument (`node`) of `where` ("fit()", "predict()"...): `data`, of per-sample shape `features`,
    on a model built for `expected`."""

    node: cst.CSTNode
    data: Data
    where: str
    expected: tuple
    features: tuple

    @property
    def message(self) -> str:
        name = self.data.name or "the input array"
        return (f"the model expects inputs of shape {shape_text((None,) + self.expected)} but {name} passed to "
                f"{self.where} has shape {shape_text(self.data.shape)}: Keras rejects it when the first layer is "
                f"called. Make the model's input shape {self.features} (input_shape=/Input(shape=)), or reshape "
                f"the data")


# first layers whose weights are sized by the input's last axis (features / channels)
LAST_AXIS_LAYERS = frozenset({"Dense", "Conv1D", "Conv2D", "Conv3D", "SeparableConv1D", "SeparableConv2D",
                              "DepthwiseConv1D", "DepthwiseConv2D", "Conv1DTranspose", "Conv2DTranspose",
                              "Conv3DTranspose", "LSTM", "GRU", "SimpleRNN", "BatchNormalization",
                              "LayerNormalization"})
PASS_THROUGH = frozenset({"Dropout", "AlphaDropout", "GaussianDropout", "GaussianNoise", "Activation", "ReLU",
                          "LeakyReLU", "ELU", "PReLU", "Softmax", "InputLayer", "Input"})


def input_shape_conflict(expected: tuple, features: tuple, functional: bool = True, first_layer: str = "") -> bool:
    """Would Keras 3 reject per-sample inputs of shape `features` on a model built for `expected`?

    Keras adjusts a rank that differs by a trailing 1 ((n, 28, 28) into (28, 28, 1), (n,) into (1,)); any other
    rank difference is an error. With the same rank, a functional model checks every fixed dimension; a
    Sequential model leaves it to its layers: the first layer with weights (`first_layer`, after dropout and
    activations) fails when it is sized by a last axis that differs, a Flatten when the number of values per
    sample differs, and anything else (pooling, recurrence over time) may accept other sizes: not judged."""
    if len(features) + 1 == len(expected) and expected[-1] == 1:
        expected = expected[:-1]
    elif len(features) == len(expected) + 1 and features[-1] == 1:
        features = features[:-1]
    if len(features) != len(expected):
        return True
    differs = [i for i, (e, f) in enumerate(zip(expected, features)) if is_int(e) and e != f]
    if not differs:
        return False
    if functional:
        return True
    if first_layer in LAST_AXIS_LAYERS:
        return len(expected) - 1 in differs
    if first_layer == "Flatten" and all(is_int(e) for e in expected):
        return math.prod(expected) != math.prod(features)
    return False


def _first_layer(model: ModelIR) -> str:
    for layer in model.layers:
        if layer.kind not in PASS_THROUGH:
            return layer.kind
    return ""


def _fed_arrays(model: ModelIR):
    for fit in model.fits:
        if isinstance(fit.x, Data):
            yield fit.x, fit.arg_nodes.get("x", fit.node), "fit()"
    for evaluate in model.evaluates:
        if isinstance(evaluate.x, Data):
            yield evaluate.x, evaluate.x_node or evaluate.node, f"{evaluate.method}()"


@rule("KL404", diagnoses=(InputShapeMismatch,))
def input_shape_mismatch(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    expected = model.input_shape
    if not isinstance(expected, tuple) or not expected or len(model.input_layers) > 1:
        return
    if not all(d is None or is_int(d) for d in expected):
        return
    for data, node, where in _fed_arrays(model):
        features = per_sample_shape(data)
        if features is None or not input_shape_conflict(expected, features, model.style != "sequential",
                                                        _first_layer(model)):
            continue
        yield InputShapeMismatch(node, data, where, expected, features)
        return  # the first mismatch says it all
