"""Rules that compare the arrays fed to fit()/evaluate()/predict() with the model (facts: kerlint/ir/arrays.py).

- KL404: the data's per-sample shape is not the model's input shape.
- KL206: the labels' rank does not fit the output and the loss (sequence labels on a per-sample head,
  integer labels on a multi-unit binary cross-entropy head).
- KL207: the output activation cannot produce the targets (sigmoid/softmax outside [0, 1], relu below 0,
  tanh outside [-1, 1]).
- KL405: numeric (non-image) inputs or regression targets of known large magnitude, never scaled.

Each fires only on shapes and ranges the IR knows for certain; a dimension that is unknown is never compared.
"""

from __future__ import annotations

import math
from typing import Iterator

from kerlint.checks.data import model_scales_inputs
from kerlint.checks.graph import labels_of, single_head, trainings
from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.model import Data, Loss, ModelIR
from kerlint.ir.vocabulary import ACTIVATION_RANGE, BINARY_CE, ONE_HOT_CE, REGRESSION_LOSSES, SPARSE_CE

TOKEN_LAYERS = frozenset({"Embedding", "CategoryEncoding", "IntegerLookup", "StringLookup", "Hashing",
                          "TextVectorization"})


def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(shape) -> str:
    """(None, 28, 28): the sample dimension as None, unknown dimensions as '?'."""
    dims = ["None" if i == 0 else str(d) if _int(d) else "?" for i, d in enumerate(shape)]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


def _features(data: Data):
    """The per-sample shape of an array (not a dataset), when every dimension is known."""
    if data.is_dataset or not isinstance(data.shape, tuple) or not data.shape:
        return None
    rest = tuple(data.shape[1:])
    return rest if all(_int(d) for d in rest) else None


def _loss(compile_) -> Loss | None:
    loss = compile_.loss
    return loss if isinstance(loss, Loss) and loss.name != "unknown" else None


# --- KL404 -------------------------------------------------------------------------------------------------

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
    differs = [i for i, (e, f) in enumerate(zip(expected, features)) if _int(e) and e != f]
    if not differs:
        return False
    if functional:
        return True
    if first_layer in LAST_AXIS_LAYERS:
        return len(expected) - 1 in differs
    if first_layer == "Flatten" and all(_int(e) for e in expected):
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


@rule("KL404")
def input_shape_mismatch(model: ModelIR, opts: Options) -> Iterator[Finding]:
    expected = model.input_shape
    if not isinstance(expected, tuple) or not expected or len(model.input_layers) > 1:
        return
    if not all(d is None or _int(d) for d in expected):
        return
    for data, node, where in _fed_arrays(model):
        features = _features(data)
        if features is None or not input_shape_conflict(expected, features, model.style != "sequential",
                                                        _first_layer(model)):
            continue
        name = data.name or "the input array"
        yield Finding(node,
                      f"the model expects inputs of shape {_text((None,) + expected)} but {name} passed to {where} "
                      f"has shape {_text(data.shape)}: Keras rejects it when the first layer is called. Make the "
                      f"model's input shape {features} (input_shape=/Input(shape=)), or reshape the data",
                      subject={"data": data})
        return  # the first mismatch says it all


# --- KL206 -------------------------------------------------------------------------------------------------

def label_rank_conflict(loss: str, labels: tuple, output: tuple) -> bool:
    """Do Keras 3's cross-entropies reject labels of per-sample shape `labels` against outputs of per-sample
    shape `output` for a rank reason? Sparse CE wants one id per output row (output rank - 1, or a trailing 1);
    categorical/binary CE want the output's rank, after Keras squeezes or expands a trailing 1."""
    if loss in SPARSE_CE:
        if len(labels) == len(output) and labels and labels[-1] == 1:
            labels = labels[:-1]
        return len(labels) != len(output) - 1
    if len(labels) == len(output) + 1 and labels[-1] == 1:
        labels = labels[:-1]
    elif len(labels) + 1 == len(output) and output[-1] == 1:
        output = output[:-1]
    return len(labels) != len(output)


def _covered_by_kl204(loss: str, labels: Data) -> bool:
    return (loss in SPARSE_CE and labels.label_encoding == "onehot") or (
        loss in ONE_HOT_CE and labels.label_encoding in ("sparse", "binary"))


@rule("KL206")
def label_shape_mismatch(model: ModelIR, opts: Options) -> Iterator[Finding]:
    head = single_head(model)
    if head is None:
        return
    output = head.path[-1].output_shape if head.path else head.layer.output_shape
    if not isinstance(output, tuple) or len(output) != 1:
        return  # per-sample heads only: a Dense on an unflattened feature map is KL111's
    for compile_, fits in trainings(model):
        loss = _loss(compile_)
        if loss is None or loss.name not in SPARSE_CE | ONE_HOT_CE | BINARY_CE:
            continue
        for fit in fits:
            labels = fit.y if isinstance(fit.y, Data) else None
            shape = _features(labels) if labels is not None else None
            if shape is None or _covered_by_kl204(loss.name, labels) or not label_rank_conflict(
                    loss.name, shape, output):
                continue
            name = labels.name or "the labels"
            if loss.name in SPARSE_CE:
                want = f"one class id per output row, shape {_text((None,) + tuple(output[:-1]))}"
            else:
                want = f"the output's shape {_text((None,) + tuple(output))}"
            hint = ""
            if len(shape) > len(output):
                hint = (" The labels hold a value per timestep/position but the model predicts one per sample: "
                        "keep the label of each sample (e.g. y[:, -1]) or return sequences from the model")
            elif loss.name in BINARY_CE and len(shape) < len(output):
                hint = (f" Integer labels with a {output[-1]}-unit head: use Dense(1, activation='sigmoid') for a "
                        f"binary target, or one-hot encode the labels")
            yield Finding(fit.arg_nodes.get("y", fit.node),
                          f"{name} has shape {_text(labels.shape)} but {loss.name} on this model's output "
                          f"{_text((None,) + tuple(output))} needs {want}: Keras stops with a rank error on the "
                          f"first batch.{hint}", subject={"labels": labels, "loss": loss})
            return


# --- KL207 -------------------------------------------------------------------------------------------------

def _outside(span, produced) -> bool:
    low, high = produced
    return (low is not None and span[0] < low) or (high is not None and span[1] > high)


def _fmt(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


@rule("KL207")
def output_range_mismatch(model: ModelIR, opts: Options) -> Iterator[Finding]:
    head = single_head(model)
    if head is None or head.activation not in ACTIVATION_RANGE:
        return
    produced = ACTIVATION_RANGE[head.activation]
    for compile_, fits in trainings(model):
        loss = _loss(compile_)
        if loss is None or loss.name not in REGRESSION_LOSSES | BINARY_CE:
            continue
        for fit in fits:
            labels = labels_of(fit)
            span = labels.value_range if isinstance(labels, Data) else None
            if span is None or not _outside(span, produced):
                continue
            low, high = produced
            can = f"[{_fmt(low)}, {_fmt(high)}]" if high is not None else f"[{_fmt(low)}, ∞)"
            yield Finding(head.activation_layer.node,
                          f"the output uses {head.activation}, which only produces values in {can}, but "
                          f"the targets ({_named(fit, 'y', labels)}) range over [{_fmt(span[0])}, {_fmt(span[1])}]: the "
                          f"targets outside the activation's range can never be predicted and the loss stays "
                          f"high. Use a linear output for regression (and scale the targets), or map the targets "
                          f"into the activation's range", subject=[head.layer, head.activation_layer, labels])
            return


# --- KL405 -------------------------------------------------------------------------------------------------

def _named(fit, arg: str, data: Data) -> str:
    """How the array reads in a message: the fit() argument as written (`x / 100.0`), else its variable."""
    return fit.arg_texts.get(arg) or data.name or arg


def _magnitude(span) -> float:
    return max(abs(span[0]), abs(span[1]))


@rule("KL405")
def unscaled_numeric_data(model: ModelIR, opts: Options) -> Iterator[Finding]:
    limit = float(opts["numeric-scale-limit"])
    if model.has(TOKEN_LAYERS):
        return  # integer token / category ids are indices, not magnitudes
    for fit in model.fits:
        x = fit.x
        # the range is known only when every step was followed exactly: a scaling step would have shrunk it
        if isinstance(x, Data) and not x.is_dataset and not x.image_like and x.scaled is not True \
                and x.value_range is not None and _magnitude(x.value_range) >= limit \
                and model_scales_inputs(model) is False:
            yield Finding(fit.arg_nodes.get("x", fit.node),
                          f"the training input ({_named(fit, 'x', x)}) ranges over [{_fmt(x.value_range[0])}, "
                          f"{_fmt(x.value_range[1])}] and is never scaled: inputs this large saturate the first "
                          f"layer's units and make the gradients depend on the input scale. Standardise them "
                          f"(StandardScaler, (x - mean) / std) or add a Normalization layer",
                          subject={"data": x})
            return
    head = single_head(model)
    if head is None or head.activation != "linear":
        return
    for compile_, fits in trainings(model):
        loss = _loss(compile_)
        if loss is None or loss.name not in ("mse", "huber", "log_cosh"):
            continue
        for fit in fits:
            y = fit.y if isinstance(fit.y, Data) else None
            if y is None or y.scaled is True or y.value_range is None or _magnitude(y.value_range) < limit:
                continue
            yield Finding(fit.arg_nodes.get("y", fit.node),
                          f"the regression targets ({_named(fit, 'y', y)}) range over [{_fmt(y.value_range[0])}, "
                          f"{_fmt(y.value_range[1])}] and are never scaled: {loss.name} on targets this large "
                          f"gives huge gradients at the start of training (the loss is the squared error), so "
                          f"the learning rate that suits the weights is wrong for the loss. Scale the targets "
                          f"(divide by their std or max, or StandardScaler) and invert the scaling on predictions",
                          subject={"data": y})
            return
