"""KL110 degenerate-initializer: a kernel initializer that keeps the units identical or starts them far
too large.

A constant kernel (zeros, ones, constant, a normal with stddev 0, a uniform with minval == maxval) starts
every unit of a layer identical: with zero weights, a zero bias and relu every unit outputs 0 and relu passes
no gradient at 0 (an error); when the next weight layer is constant too, every unit gets the same gradient
for ever (an error); otherwise only the next layer's random weights pull them apart (a warning). Not
reported for an output head (each class gets its own error) nor for a layer feeding a merge or a custom op
(FCN score layers, a residual branch starting as the identity, PointNet's T-net: by design). A
random_normal/truncated_normal with stddev ≥ `init-max-stddev` on a layer with fan-in ≥
`wide-layer-min-fan-in` starts activations ~√fan_in too large (a warning). The fix (unsafe) is he_normal
for a ReLU-family layer, else the argument removed (Keras' default glorot_uniform).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import ERROR, WARNING
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import without_arg
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.fix.keras_edits import he_initialized
from kerlint.ir import graph
from kerlint.ir.model import RELU_FAMILY, Layer, ModelIR
from kerlint.violation import Fix, Severity

_CONSTANT_INITS = frozenset({"zeros", "ones", "constant"})
_ADVICE = "Use the default glorot_uniform, or he_normal with relu"


@dataclass(frozen=True, eq=False)
class _Initializer(Diagnosis):
    """`layer`'s kernel initializer is degenerate."""

    layer: Layer

    @property
    def node(self) -> cst.CSTNode:
        return self.layer.node

    @property
    def initializer(self):
        return (self.layer.wraps or self.layer).kernel_initializer

    def fix(self, ctx: FixContext) -> Fix | None:
        inner = self.layer.wraps or self.layer
        call, arg = inner.node, inner.arg_nodes.get("kernel_initializer")
        if not isinstance(call, cst.Call) or arg is None or not any(a is arg for a in call.args) \
                or ctx.mixed_roles(call):
            return None
        if self.layer.effective_activation in RELU_FAMILY:
            return ctx.fix("Initialise this ReLU layer with he_normal", UNSAFE,
                           [ctx.replace(call, he_initialized(call, inner))])
        return ctx.fix("Remove the initializer (Keras' default glorot_uniform)", UNSAFE,
                       [ctx.replace(call, without_arg(call, arg))])


@dataclass(frozen=True, eq=False)
class DeadReluLayer(_Initializer):
    """Zero kernel, zero bias and relu: every unit outputs 0 and gets no gradient."""

    severity: Severity | None = ERROR

    @property
    def message(self) -> str:
        return (f"kernel_initializer={self.initializer.name!r}: zero weights and relu: every unit outputs 0 and "
                f"relu passes no gradient at 0, so the layer never trains. {_ADVICE}")


@dataclass(frozen=True, eq=False)
class IdenticalUnits(_Initializer):
    """A constant kernel feeding `after`, whose kernel is constant too."""

    after: Layer
    severity: Severity | None = ERROR

    @property
    def message(self) -> str:
        after = self.after
        return (f"kernel_initializer={self.initializer.name!r}: every unit starts identical and so does the next "
                f"layer ({after.base_kind}, also {(after.wraps or after).kernel_initializer.name}): all units "
                f"receive the same gradient and never differ. {_ADVICE}")


@dataclass(frozen=True, eq=False)
class ConstantHiddenKernel(_Initializer):
    """A constant kernel on a hidden layer feeding a randomly initialised one."""

    severity: Severity | None = WARNING

    @property
    def message(self) -> str:
        return (f"kernel_initializer={self.initializer.name!r} on a hidden {self.layer.base_kind}: all its units "
                f"start identical, and only the next layer's random weights can pull them apart. {_ADVICE}")


@dataclass(frozen=True, eq=False)
class WideRandomNormal(_Initializer):
    """A normal initializer with a large `stddev` on a layer summing `width` terms (`fan_in` when known,
    else None and `width` is the layer's units)."""

    stddev: float
    fan_in: int | None
    width: int
    severity: Severity | None = WARNING

    @property
    def message(self) -> str:
        what = f"fan-in {self.fan_in}" if self.fan_in is not None else f"{self.width} units"
        return (f"{self.initializer.name} initializer with stddev={self.stddev} on a layer with {what}: each output "
                f"sums {self.width} terms of that size, so activations (and gradients) start "
                f"~{self.width ** 0.5:.0f}× too large — saturated or exploding. Use glorot/he initialisation "
                f"(stddev ≈ √(2/fan_in))")


@rule("KL110", diagnoses=(DeadReluLayer, IdenticalUnits, ConstantHiddenKernel, WideRandomNormal))
def degenerate_initializer(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    head = model.graph.output_layers
    succ = model.graph.successors if model.complete else {}  # incomplete: what follows a layer is unknown
    max_stddev, min_fan = float(opts["init-max-stddev"]), int(opts["wide-layer-min-fan-in"])
    for layer in model.layers:
        if not (layer.is_conv or layer.is_dense):
            continue
        init = (layer.wraps or layer).kernel_initializer
        if _constant_init(layer):
            if id(layer) in head:
                continue  # a constant (e.g. zero) output layer still learns: each class gets its own error
            after = graph.next_weight_layer(layer, succ, graph.through_per_channel)
            if _zero_init(layer) and layer.effective_activation in ("relu", "relu6") and _zero_bias(layer):
                yield DeadReluLayer(layer)
            elif after is not None and _constant_init(after):
                yield IdenticalUnits(layer, after)
            elif after is not None:  # feeding a merge/custom op (FCN score layers, PointNet T-net): by design
                yield ConstantHiddenKernel(layer)
            continue
        name = getattr(init, "name", None)
        stddev = (getattr(init, "args", {}) or {}).get("stddev")
        if name not in ("random_normal", "truncated_normal") or isinstance(stddev, bool) \
                or not isinstance(stddev, (int, float)) or stddev < max_stddev:
            continue
        fan_in = _fan_in(layer)
        width = fan_in if fan_in is not None else layer.width
        if isinstance(width, int) and width >= min_fan:
            yield WideRandomNormal(layer, stddev, fan_in, width)


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
