"""The model graph vocabulary: outputs, output heads, roles (output / hidden) and the walks the rules share.

Computed once per model at extraction (`resolve(model)`, called when the extractor finalises a model) and
stored as `ModelIR.graph`, a `ModelGraph`; every check, fixer and the probe read it from here:

- `outputs`: the layers producing the model's outputs, or none when that is unknown (a Sequential whose last
  add() was unknown or conditional: its output is not the last layer we know). A functional or subclassed
  model's outputs are the tensors it returns.
- `heads`: per output, its `Head` (the weight layer that makes the prediction, the activation applied last,
  the layers in between), or None when something we cannot reason about is in the way.
- `roles`: every layer of the model is OUTPUT (it belongs to an output head, or may be the output) or
  HIDDEN. `hidden_layers` are the hidden Conv/Dense layers.
- `successors`: who consumes each layer's output.

Layers looked through: between an output and the weight layer computing it, every layer without weights
for the roles (`walk_to_weights`), and only activation layers, dropout, normalisation and Flatten/Reshape
for a `Head` (whose activation and units the output rules read); `through_linear` / `through_per_channel` /
`through_features` for the architecture rules' walks between two weight layers.

Disagreements this module settles (each was answered differently by one of five older definitions):
- A Sequential whose last layers come from an unknown loop or condition: its outputs are unknown (no head:
  the output rules stay silent), and the layers at its known end may be the output, so they are not hidden.
- A BatchNormalization (any normalisation) after the softmax Dense: the Dense is the head's weight layer (its
  units and shape are known, so are its roles), but the head's activation is UNKNOWN: normalised
  probabilities are neither probabilities nor logits.
- A model with no known outputs (a subclassed model whose call() was not followed): its last layer may be the
  output (as for the open-ended Sequential).
- A layer placed under an undecided condition on the way to an output: the head is unknown (it may not
  exist); its roles are still walked (a model built in a function called under a condition has every layer
  conditional: its output layer is still its output layer).
- Weightless layers other than activation/dropout/normalisation/reshaping between the last weight layer and
  the output (GlobalAveragePooling, a Lambda): the fixers' roles and the probe looked through them (a Conv
  before GlobalAveragePooling computes the output), the checks' `hidden_layers` did not (a hidden Conv);
  now every role looks through them: that Conv is the output layer, never hidden. A `Head` still does not
  (its activation and units are only read through the layers that keep them).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from kerlint.ir.model import UNKNOWN, Layer, ModelIR
from kerlint.ir.walk import output_block, walk_to_weights  # noqa: F401 - output_block: the probe's view

RESHAPING = frozenset({"Flatten", "Reshape"})


class Role(enum.Enum):
    OUTPUT = "output"  # belongs to an output head (weight layer + what follows it), or may be the output
    HIDDEN = "hidden"


def predecessors(layer: Layer) -> list[Layer]:
    """Every layer feeding `layer`, over all its calls: a shared layer applied twice has both inputs."""
    return layer.all_inputs or layer.inputs


@dataclass(frozen=True, eq=False)
class Head:
    """What one model output is made of: `layer` computes it, `activation` is applied last."""

    layer: Layer  # the weight layer (Dense/Conv/...) producing the prediction
    activation: Any  # canonical activation name, or UNKNOWN
    activation_layer: Layer  # where that activation is set: `layer` itself or an Activation/Softmax layer
    path: tuple  # every layer from `layer` to the output, inclusive

    @property
    def units(self):
        """Width of the output's last axis: the weight layer's units, unless a Flatten/Reshape on the way
        changed the axis (Dense(1) per token, Flatten, softmax over the tokens)."""
        shape = self.path[-1].output_shape
        if shape and isinstance(shape[-1], int):
            return shape[-1]
        if any(layer.kind in RESHAPING for layer in self.path):
            return UNKNOWN
        return self.layer.width


def output_head(out: Layer) -> Head | None:
    """The head behind output `out`, or None when something we cannot reason about is in the way
    (a Lambda, a merge, a layer placed conditionally). A normalisation after the last activation leaves the
    head known but its activation UNKNOWN."""
    activation, activation_layer, normalised = None, None, False
    layer, path = out, []
    while not layer.is_weight:
        path.append(layer)
        if len(predecessors(layer)) != 1 or layer.conditional:
            return None
        if layer.is_activation_layer:
            if activation is None:
                activation, activation_layer = layer.activation, layer
                if layer.kind == "Softmax" and layer.args.get("axis", -1) != -1:
                    activation = UNKNOWN  # a softmax over another axis: not over the units
        elif layer.is_norm:
            normalised = normalised or activation is None  # after the last activation
        elif not (layer.is_dropout or layer.kind in RESHAPING):
            return None
        layer = predecessors(layer)[0]
    if layer.conditional:
        return None
    path.append(layer)
    if activation is None:
        activation = (layer.wraps or layer).activation
        activation_layer = layer
    if normalised:
        activation = UNKNOWN  # neither probabilities nor plain logits
    return Head(layer, UNKNOWN if activation is None else activation, activation_layer, tuple(path[::-1]))


def output_path(out: Layer) -> list[Layer]:
    """The layers that belong to output `out` (see `walk_to_weights`)."""
    return walk_to_weights(out, predecessors, lambda layer: layer.is_weight)


@dataclass(frozen=True, eq=False)
class ModelGraph:
    """The graph facts of one model (see the module docstring)."""

    outputs: tuple = ()  # Layers producing the outputs; () when unknown
    heads: tuple = ()  # per output: Head or None
    roles: dict = field(default_factory=dict)  # id(layer) -> Role, for every layer of the model
    successors: dict = field(default_factory=dict)  # id(layer) -> the model's layers that take it as input
    layers: tuple = ()  # the model's layers, in model order
    output_layer: Layer | None = None  # a single-output model: the weight layer computing its output

    @property
    def single_head(self) -> Head | None:
        """The head of a single-output model; None for several outputs or an unknown one."""
        return self.heads[0] if len(self.heads) == 1 else None

    def role(self, layer: Layer) -> Role:
        return self.roles.get(id(layer), Role.HIDDEN)

    def is_output(self, layer: Layer) -> bool:
        return self.roles.get(id(layer)) is Role.OUTPUT

    @property
    def output_layers(self) -> set[int]:
        """ids of the layers that make up the output heads (weight layer + what follows it), or may."""
        return {key for key, role in self.roles.items() if role is Role.OUTPUT}

    @property
    def hidden_layers(self) -> list[Layer]:
        """Conv and Dense layers that are not part of an output head (recurrent layers excluded)."""
        return [layer for layer in self.layers
                if (layer.is_conv or layer.is_dense) and self.roles.get(id(layer)) is Role.HIDDEN]

    @property
    def hidden_weight_layers(self) -> list[Layer]:
        """Weight layers (any kind) that are not part of an output head."""
        return [layer for layer in self.layers if layer.is_weight and self.roles.get(id(layer)) is Role.HIDDEN]


def _known_outputs(model: ModelIR) -> list[Layer]:
    if model.style == "sequential":
        if not model.layers or model.open_end or model.layers[-1].conditional:
            return []
        return model.layers[-1:]
    return list(model.outputs)


def resolve(model: ModelIR) -> ModelGraph:
    """The graph facts of `model` (its layers, inputs and outputs are final)."""
    outputs = _known_outputs(model)
    members = {id(layer) for layer in model.layers}
    succ: dict[int, list[Layer]] = {}
    for layer in model.layers:
        for parent in predecessors(layer):
            if id(parent) in members:
                succ.setdefault(id(parent), []).append(layer)
    roles = {id(layer): Role.HIDDEN for layer in model.layers}
    paths = [output_path(out) for out in outputs or model.layers[-1:]]  # unknown: the last layer may be it
    for path in paths:
        for layer in path:
            roles[id(layer)] = Role.OUTPUT
    single = paths[0][-1] if len(outputs) == 1 and paths[0][-1].is_weight else None
    return ModelGraph(tuple(outputs), tuple(output_head(out) for out in outputs), roles, succ,
                      tuple(model.layers), single)


def roles_by_node(models: Iterable[ModelIR]) -> tuple[set[int], set[int]]:
    """(ids of the calls building output-head layers, ids of the calls building hidden layers), over
    `models`: a call in both (a helper building hidden and output layers) builds layers of mixed roles."""
    output, hidden = set(), set()
    for model in models:
        for layer in model.layers:
            into = output if model.graph.is_output(layer) else hidden
            for built in (layer, layer.wraps):
                if built is not None:
                    into.add(id(built.node))
    return output, hidden


# --- walks between weight layers (the architecture rules) ----------------------------------------------

def _transparent(layer: Layer) -> bool:
    """Layers that pass values on without a non-linearity of their own (at inference)."""
    return (layer.is_dropout or layer.is_norm or layer.kind in RESHAPING
            or (layer.is_activation_layer and layer.activation == "linear"))


# What each chain rule looks through between two weight layers, beyond `_transparent` (say so in the rule's
# documentation). Linear: the layer's output still reaches the next weight layer through a linear map.
LINEAR_SHAPE_LAYERS = frozenset({
    "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
    "GlobalAveragePooling3D", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "Cropping1D", "Cropping2D",
    "Cropping3D", "UpSampling1D", "UpSampling2D", "UpSampling3D", "Permute", "RepeatVector",
})
MAX_POOLING = frozenset({"MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
                         "GlobalMaxPooling3D"})


def through_linear(layer: Layer) -> bool:
    """KL108: layers that add no non-linearity; max pooling too, reported in its own words (see the rule).
    Not merges: a linear projection into a residual stream (transformer blocks, ResNets) or a linear
    up-sampling concatenated with a skip connection (U-Net) is the design, not a missing activation."""
    return _transparent(layer) or layer.kind in LINEAR_SHAPE_LAYERS or layer.kind in MAX_POOLING


def through_per_channel(layer: Layer) -> bool:
    """KL110: layers that treat every channel alike (pooling, padding, up-sampling): identical units stay
    identical through them. Not merges: a zero-initialised layer feeding an Add or Concatenate is a
    deliberate choice (a residual branch that starts as the identity, FCN score layers)."""
    return _transparent(layer) or layer.kind in LINEAR_SHAPE_LAYERS or layer.kind in MAX_POOLING


def through_features(layer: Layer) -> bool:
    """KL109: layers that pass a softmax's squeezed values on as features (pooling, reshaping, concatenation
    with other features). Not Add/Multiply: a softmax added or multiplied in is attention or gating."""
    return _transparent(layer) or layer.kind in LINEAR_SHAPE_LAYERS or layer.kind in MAX_POOLING \
        or layer.kind == "Concatenate"


def weight_path(layer: Layer, succ: dict[int, list[Layer]], through: Callable[[Layer], bool] = _transparent
                ) -> list[Layer] | None:
    """The layers from `layer` (exclusive) to the weight layer that alone consumes its output (inclusive),
    through layers accepted by `through`; None when there is none."""
    current, path = layer, []
    while True:
        after = succ.get(id(current), [])
        if len(after) != 1:
            return None
        current = after[0]
        path.append(current)
        if current.is_weight:
            return path
        if not through(current) or current.conditional:
            return None


def next_weight_layer(layer: Layer, succ: dict[int, list[Layer]], through: Callable[[Layer], bool] = _transparent
                      ) -> Layer | None:
    """The weight layer that alone consumes `layer`'s output through transparent layers (or those `through`
    accepts), or None."""
    path = weight_path(layer, succ, through)
    return path[-1] if path else None


def previous_weight_layer(layer: Layer, through: Callable[[Layer], bool] = lambda layer: True) -> Layer | None:
    """The nearest weight layer feeding `layer` along a single-input chain of layers accepted by `through`."""
    current = layer
    while True:
        if len(predecessors(current)) != 1:
            return None
        current = predecessors(current)[0]
        if current.is_weight:
            return current
        if not through(current):
            return None
