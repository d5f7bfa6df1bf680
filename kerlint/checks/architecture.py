"""Architecture rules: activations, initialisation, normalisation, regularisation, shapes."""

from __future__ import annotations

from typing import Iterator

from kerlint.checks import graph
from kerlint.checks.layers import hidden_layers
from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.keras_api import DATASETS
from kerlint.ir.model import (
    AUGMENTATION_LAYERS,
    Data,
    FileIR,
    DROPOUT_LAYERS,
    RELU_FAMILY,
    SATURATING,
    Layer,
    ModelIR,
)
from kerlint.violation import Severity

# --- KL106-KL111: bottlenecks, dropout, linear stacks, hidden softmax, initialisers, unflattened maps ----------

def _head_layers(model: ModelIR) -> set[int]:
    """ids of the layers that make up the model's output heads (weight layer + trailing activation/dropout)."""
    ids: set[int] = set()
    for out in graph.model_outputs(model):
        head = graph.output_head(out)
        ids.update(id(layer) for layer in (head.path if head is not None else [out]))
    return ids


_CONSTANT_INITS = frozenset({"zeros", "ones", "constant"})


def _constant_init(layer: Layer) -> bool:
    init = (layer.wraps or layer).kernel_initializer
    name = getattr(init, "name", None)
    if name in _CONSTANT_INITS:
        return True
    args = getattr(init, "args", {}) or {}
    if name in ("random_normal", "truncated_normal") and args.get("stddev") in (0, 0.0):
        return True
    return name == "random_uniform" and "minval" in args and args.get("minval") == args.get("maxval")


def _zero_init(layer: Layer) -> bool:
    init = (layer.wraps or layer).kernel_initializer
    name = getattr(init, "name", None)
    return name == "zeros" or (name == "constant" and (getattr(init, "args", {}) or {}).get("value", 0) in (0, 0.0))


def _zero_bias(layer: Layer) -> bool:
    """The bias starts at zero: the Keras default, or `bias_initializer="zeros"` (also through a variable)."""
    bias = (layer.wraps or layer).args.get("bias_initializer")
    if bias is None or (isinstance(bias, str) and bias.lower() in ("zeros", "zero")):
        return True
    return getattr(bias, "name", None) == "zeros" and (layer.wraps or layer).args.get("use_bias") is not False


def _fan_in(layer: Layer):
    shape = layer.input_shape
    channels = shape[-1] if shape else None
    if not isinstance(channels, int):
        return None
    if layer.is_dense:
        return channels
    kernel = layer.args.get("kernel_size")
    rank = len(shape) - 1
    if isinstance(kernel, int) and not isinstance(kernel, bool):
        kernel = (kernel,) * rank
    if isinstance(kernel, (tuple, list)) and all(isinstance(k, int) for k in kernel):
        size = 1
        for k in kernel:
            size *= k
        return size * channels
    return None


@rule("KL110")
def degenerate_initializer(model: ModelIR, opts: Options) -> Iterator[Finding]:
    head = _head_layers(model)
    succ = graph.successors(model) if model.complete else {}  # incomplete: what follows a layer is unknown
    max_stddev, min_fan = float(opts["init-max-stddev"]), int(opts["wide-layer-min-fan-in"])
    for layer in model.layers:
        if not (layer.is_conv or layer.is_dense):
            continue
        init = (layer.wraps or layer).kernel_initializer
        if _constant_init(layer):
            if id(layer) in head:
                continue  # a constant (e.g. zero) output layer still learns: each class gets its own error
            after = graph.next_weight_layer(layer, succ, graph.through_per_channel)
            dead = _zero_init(layer) and layer.effective_activation in ("relu", "relu6") \
                and _zero_bias(layer)
            if dead or (after is not None and _constant_init(after)):
                why = ("zero weights and relu: every unit outputs 0 and relu passes no gradient at 0, so the "
                       "layer never trains" if dead else
                       f"every unit starts identical and so does the next layer ({after.base_kind}, also "
                       f"{(after.wraps or after).kernel_initializer.name}): all units receive the same gradient "
                       f"and never differ")
                yield Finding(layer.node, f"kernel_initializer={init.name!r}: {why}. Use the default "
                                          f"glorot_uniform, or he_normal with relu", severity=Severity.ERROR,
                              subject=layer)
            elif after is not None:  # feeding a merge/custom op (FCN score layers, PointNet T-net): by design
                yield Finding(layer.node,
                              f"kernel_initializer={init.name!r} on a hidden {layer.base_kind}: all its units start "
                              f"identical, and only the next layer's random weights can pull them apart. Use the "
                              f"default glorot_uniform, or he_normal with relu", severity=Severity.WARNING,
                              subject=layer)
            continue
        name = getattr(init, "name", None)
        stddev = (getattr(init, "args", {}) or {}).get("stddev")
        if name not in ("random_normal", "truncated_normal") or isinstance(stddev, bool) \
                or not isinstance(stddev, (int, float)) or stddev < max_stddev:
            continue
        fan_in = _fan_in(layer)
        width = fan_in if fan_in is not None else layer.width
        if isinstance(width, int) and width >= min_fan:
            what = f"fan-in {fan_in}" if fan_in is not None else f"{width} units"
            yield Finding(layer.node,
                          f"{init.name} initializer with stddev={stddev} on a layer with {what}: each output sums "
                          f"{width} terms of that size, so activations (and gradients) start ~{width ** 0.5:.0f}× "
                          f"too large — saturated or exploding. Use glorot/he initialisation (stddev ≈ "
                          f"√(2/fan_in))", severity=Severity.WARNING, subject=layer)


def _is_ancestor(layer: Layer, of: Layer) -> bool:
    stack, seen = [of], set()
    while stack:
        current = stack.pop()
        if current is layer:
            return True
        if id(current) in seen:
            continue
        seen.add(id(current))
        stack.extend(graph.predecessors(current))
    return False


@rule("KL111")
def dense_on_unflattened_feature_map(model: ModelIR, opts: Options) -> Iterator[Finding]:
    outputs = graph.model_outputs(model)
    if len(outputs) != 1 or not model.complete:
        return
    out_shape = outputs[0].output_shape
    if out_shape is None or len(out_shape) < 2:
        return  # the prediction is one vector per sample: something flattened the map
    fit_inputs = [fit.x.inputs for fit in model.fits if isinstance(fit.x, Data)]
    image_input = any(x.image_like for x in fit_inputs)
    for layer in model.layers:
        shape = layer.input_shape
        if layer.kind != "Dense" or shape is None or len(shape) < (2 if image_input else 3):
            continue
        if not _is_ancestor(layer, outputs[0]):
            continue
        labels = [graph.labels_of(fit) for fit in model.fits]
        per_sample = any(lab is not None and lab.origin in DATASETS and isinstance(lab.num_classes, int)
                         for lab in labels)
        map_text = "×".join("?" if d is None else str(d) for d in shape)
        if per_sample:
            yield Finding(layer.node,
                          f"Dense applied to a {map_text} feature map without Flatten/GlobalPooling: Dense acts on "
                          f"the last axis only, so the model predicts per position "
                          f"({'×'.join('?' if d is None else str(d) for d in out_shape)}) while the labels have one "
                          f"class per sample. Add Flatten() or GlobalAveragePooling2D() before it",
                          severity=Severity.ERROR, subject=layer)
        else:
            yield Finding(layer.node,
                          f"Dense applied to a {map_text} feature map without Flatten/GlobalPooling: Dense acts on "
                          f"the last axis only, so the model outputs one prediction per position. Unless this is "
                          f"per-pixel/per-step prediction, add Flatten() or GlobalAveragePooling2D() before it",
                          severity=Severity.WARNING, subject=layer)
        return
