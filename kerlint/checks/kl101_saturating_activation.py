"""KL101 saturating-activation-in-deep-stack: hidden sigmoid/tanh layers in a deep stack.

sigmoid's derivative is at most 0.25, so the gradient shrinks at every sigmoid layer; tanh's is at most 1
and shrinks only where it saturates. So enough sigmoid layers (`saturating-warn-sigmoid`) or a long stack
(`saturating-warn-layers`) is a warning, two or three tanh layers (a GAN's or a small regressor's dense block)
are advice. Gates (a sigmoid/tanh whose output only scales other features: squeeze-and-excitation, attention,
GLU) are not counted. The fix (unsafe) turns every saturating hidden layer into relu with he_normal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import INFO, WARNING
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.fix.keras_edits import he_initialized, with_activation
from kerlint.ir.model import SATURATING, Layer, ModelIR
from kerlint.violation import Fix, Severity
from kerlint.ir.vocabulary import SIGMOID_LIKE


@dataclass(frozen=True, eq=False)
class _SaturatingStack(Diagnosis):
    """The saturating hidden layers (`layers`, the first is where the finding points) and the Activation
    layers that give linear ones among them their saturating activation (`activation_layers`)."""

    layers: tuple[Layer, ...]
    activation_layers: tuple[Layer, ...]

    @property
    def node(self) -> cst.CSTNode:
        return self.layers[0].node

    @property
    def message(self) -> str:
        acts = sorted({layer.effective_activation for layer in self.layers})
        kinds = "/".join(sorted({layer.base_kind for layer in self.layers}))
        return (f"{len(self.layers)} hidden {kinds} layers use {'/'.join(acts)}: their gradients "
                f"shrink at every layer (derivative ≤ 0.25 for sigmoid), so the first layers barely learn")

    def fix(self, ctx: FixContext) -> Fix | None:
        """Every layer is changed in one fix, or none is: a fix that left two saturating layers would leave
        the finding. An activation spelled through a variable (`activation=act`) may be shared: no fix."""
        layers = [layer.wraps or layer for layer in self.layers + self.activation_layers]
        edits, done = [], set()
        for layer in layers:
            if id(layer.node) in done:  # one call building several layers (a loop): edit it once
                continue
            done.add(id(layer.node))
            if ctx.mixed_roles(layer.node):  # a helper building the output layer too: leave it alone
                return None
            new = _relu_call(layer)
            if new is None:
                return None
            edits.append(ctx.replace(layer.node, new))
        weight = sum(1 for layer in layers if not layer.is_activation_layer)
        return ctx.fix(f"Use relu with he_normal initialisation in the {weight} hidden layers (changes the model)",
                       UNSAFE, edits)


@dataclass(frozen=True, eq=False)
class VanishingGradientStack(_SaturatingStack):
    """Enough sigmoid layers, or a long saturating stack: the gradient vanishes (a warning)."""

    severity: Severity | None = WARNING


@dataclass(frozen=True, eq=False)
class SaturatingStack(_SaturatingStack):
    """A short stack (two or three tanh layers): the gradient shrinks only where they saturate (advice)."""

    severity: Severity | None = INFO


def _relu_call(layer: Layer) -> cst.Call | None:
    """The layer's constructor call rewritten, or None when it cannot be rewritten with certainty."""
    if layer.is_activation_layer:
        return with_activation(layer, "relu")
    call = with_activation(layer, "relu") if layer.activation in SATURATING else layer.node
    return he_initialized(call, layer) if isinstance(call, cst.Call) else None


@rule("KL101", diagnoses=(VanishingGradientStack, SaturatingStack))
def saturating_activation_in_deep_stack(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    succ = model.graph.successors
    saturating = [layer for layer in model.graph.hidden_layers
                  if layer.effective_activation in SATURATING and not _is_gate(layer, succ)]
    if len(saturating) < int(opts["saturating-min-layers"]):
        return
    sigmoid = [layer for layer in saturating if layer.effective_activation in SIGMOID_LIKE]
    loud = len(sigmoid) >= int(opts["saturating-warn-sigmoid"]) or len(saturating) >= int(opts["saturating-warn-layers"])
    case = VanishingGradientStack if loud else SaturatingStack
    yield case(tuple(saturating), tuple(_activation_layers_of(model, saturating)))


def _activation_layers_of(model: ModelIR, layers: list[Layer]) -> list[Layer]:
    """The Activation layers that give linear `layers` their effective activation (the fix edits them)."""
    linear = {id(layer) for layer in layers if layer.activation == "linear"}
    found = []
    for layer in model.layers:
        if not layer.is_activation_layer or len(layer.inputs) != 1:
            continue
        source = layer.inputs[0]
        while (source.is_norm or source.is_dropout) and len(source.inputs) == 1:
            source = source.inputs[0]
        if id(source) in linear:
            found.append(layer)
    return found


def _is_multiply(layer: Layer) -> bool:
    return layer.kind == "Multiply" or (layer.kind == "TensorOp" and layer.args.get("op") == "Multiply")


def _is_gate(layer: Layer, succ) -> bool:
    """A sigmoid/tanh whose output only scales other features (squeeze-and-excitation, attention and
    GLU gates): it multiplies a signal instead of feeding the next layer of a stack."""
    consumers, seen = list(succ.get(id(layer), [])), set()
    if not consumers:
        return False
    while consumers:
        nxt = consumers.pop()
        if id(nxt) in seen:
            continue
        seen.add(id(nxt))
        if _is_multiply(nxt):
            continue
        if nxt.kind in ("Reshape", "Flatten", "Permute", "RepeatVector") or nxt.is_dropout or (
                nxt.is_activation_layer and nxt.activation in SATURATING):
            following = succ.get(id(nxt), [])
            if not following:
                return False
            consumers.extend(following)
            continue
        return False
    return True
