"""KL108 linear-hidden-layer: a hidden Dense/conv layer without activation whose output goes, through
shape-only layers, into another Dense/conv layer.

Two linear layers in a row compute one linear map (`W2 @ (W1 @ x)`), so the first adds parameters but no
capacity; max pooling between them picks one value per window and gives no unit a non-linearity of its own
(said in its own words). Not reported for an incomplete model (an activation may be among the layers we
cannot see), a Dense projecting into a feature map for convolutions (a GAN generator's or a decoder's
Dense -> Reshape -> Conv2DTranspose), a linear bottleneck (narrower than what it feeds and than its input, or
inside an autoencoder: a low-rank code, as in PCA), nor a layer that is the output of another model of the
file (an encoder's embedding). The fix (unsafe) adds `activation="relu"` (and `kernel_initializer=
"he_normal"` when the layer names none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.training import reconstructs_its_input
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.fix.keras_edits import he_initialized, with_activation
from kerlint.ir import graph
from kerlint.ir.model import FileIR, Layer, ModelIR
from kerlint.violation import Fix

_ADVICE = "so this layer adds parameters but no capacity. Add activation='relu' (or an Activation/ReLU layer after it)"


@dataclass(frozen=True, eq=False)
class _LinearHidden(Diagnosis):
    """`layer` (linear, hidden) feeds the weight layer `after`."""

    layer: Layer
    after: Layer

    @property
    def node(self) -> cst.CSTNode:
        return self.layer.node

    def fix(self, ctx: FixContext) -> Fix | None:
        layer = self.layer.wraps or self.layer
        call = with_activation(layer, "relu")
        if call is None or ctx.mixed_roles(layer.node):
            return None
        if layer.kernel_initializer is None:
            call = he_initialized(call, layer)
        return ctx.fix(f"Give this {layer.kind} a relu activation", UNSAFE, [ctx.replace(layer.node, call)])


@dataclass(frozen=True, eq=False)
class LinearIntoWeightLayer(_LinearHidden):
    """Nothing but shape-only layers between the two."""

    @property
    def message(self) -> str:
        return (f"{self.layer.base_kind} without an activation feeds straight into {self.after.base_kind}: two "
                f"linear layers in a row collapse into one linear map, {_ADVICE}")


@dataclass(frozen=True, eq=False)
class LinearThroughMaxPooling(_LinearHidden):
    """A max pooling layer (`pooling`, its kind) is the only non-linearity between the two."""

    pooling: str

    @property
    def message(self) -> str:
        return (f"{self.layer.base_kind} without an activation feeds into {self.after.base_kind}: its only "
                f"non-linearity before {self.after.base_kind} is {self.pooling}, which picks one value per window "
                f"and gives no unit a non-linearity of its own, so the stack is nearly linear, {_ADVICE}")


@rule("KL108", scope="file", diagnoses=(LinearIntoWeightLayer, LinearThroughMaxPooling))
def linear_hidden_stack(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    """Per model (see _linear_hidden_stack); a layer that is the output of another model of the file (an
    encoder's linear embedding, used on its own as well as inside the bigger model) is linear on purpose."""
    outputs = {id(model): {id(layer) for layer in model.graph.outputs} for model in file.models}
    for model in file.models:
        others = set().union(*(ids for key, ids in outputs.items() if key != id(model)))
        for diagnosis in _linear_hidden_stack(model):
            if id(diagnosis.layer) not in others:
                yield diagnosis


def _linear_hidden_stack(model: ModelIR) -> Iterator[_LinearHidden]:
    if not model.complete:
        return  # an activation may be among the layers we cannot see
    succ = model.graph.successors
    autoencoder = reconstructs_its_input(model)
    for layer in model.graph.hidden_layers:
        if layer.activation != "linear" or layer.effective_activation != "linear":
            continue
        path = graph.weight_path(layer, succ, graph.through_linear)
        after = path[-1] if path else None
        if after is None or not (after.is_conv or after.is_dense):
            continue
        if (layer.is_dense and after.is_conv) or _is_bottleneck(layer, after, autoencoder):
            continue
        pooled = next((p.kind for p in path if p.kind in graph.MAX_POOLING), None)
        yield LinearThroughMaxPooling(layer, after, pooled) if pooled else LinearIntoWeightLayer(layer, after)


def _is_bottleneck(layer: Layer, after: Layer, autoencoder: bool) -> bool:
    """A linear layer narrower than the layer it feeds, and than its own input (or inside an autoencoder):
    a low-rank code or embedding (a linear autoencoder's code is PCA), chosen for its width, not for capacity."""
    width, next_width = layer.width, after.width
    if not (isinstance(width, int) and isinstance(next_width, int) and width < next_width):
        return False
    fan_in = _channels_in(layer)
    return autoencoder or (isinstance(fan_in, int) and not isinstance(fan_in, bool) and width < fan_in)


def _channels_in(layer: Layer):
    """The width of what `layer` reads: its input shape's last axis, else the nearest layer before it that
    sets a width (depthwise convolutions, pooling and normalisation keep it)."""
    if layer.input_shape and isinstance(layer.input_shape[-1], int):
        return layer.input_shape[-1]
    current = layer
    for _ in range(32):
        before = graph.predecessors(current)
        if len(before) != 1:
            return None
        current = before[0]
        if current.output_shape and isinstance(current.output_shape[-1], int):
            return current.output_shape[-1]
        if current.is_weight and not current.base_kind.startswith("Depthwise"):
            return current.width if isinstance(current.width, int) else None
    return None
