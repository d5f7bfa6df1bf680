"""Small graph questions the architecture and output rules share, asked of the IR only.

- `output_head(layer)`: walking back from a model output, the weight layer that makes the prediction and
  the activation applied last (`Dense(10)` + `Activation("softmax")` is a softmax head).
- `successors(model)` and the `next_weight_layer` / `previous_weight_layer` walks through layers that do
  not change what a layer computes (dropout, normalisation, Flatten/Reshape, identity activations).
- `trainings(model)`: each compile() with the fit() calls that use it, and `labels_of(fit)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from kerlint.ir.model import UNKNOWN, Compile, Data, Fit, Layer, ModelIR

RESHAPING = frozenset({"Flatten", "Reshape"})


def predecessors(layer: Layer) -> list[Layer]:
    """Every layer feeding `layer`, over all its calls: a shared layer applied twice has both inputs."""
    return layer.all_inputs or layer.inputs


def is_conditional(layer: Layer) -> bool:
    """Placed under a condition or loop the extractor could not decide: it may not exist at run time."""
    return bool(getattr(layer, "_conditional", False))


@dataclass
class Head:
    """What one model output is made of: `layer` computes it, `activation` is applied last."""

    layer: Layer  # the weight layer (Dense/Conv/...) producing the prediction
    activation: Any  # canonical activation name, or UNKNOWN
    activation_layer: Layer  # where that activation is set: `layer` itself or an Activation/Softmax layer
    path: list  # every layer from `layer` to the output, inclusive

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
    (a Lambda, a merge, a normalisation after the last activation, a layer placed conditionally)."""
    activation, activation_layer = None, None
    layer, path = out, []
    while not layer.is_weight:
        path.append(layer)
        if len(predecessors(layer)) != 1 or is_conditional(layer):
            return None
        if layer.is_activation_layer:
            if activation is None:
                activation, activation_layer = layer.activation, layer
                if layer.kind == "Softmax" and layer.args.get("axis", -1) != -1:
                    activation = UNKNOWN  # a softmax over another axis: not over the units
        elif layer.is_norm:
            if activation is None:
                return None  # normalised after the last activation: neither probabilities nor plain logits
        elif not (layer.is_dropout or layer.kind in RESHAPING):
            return None
        layer = predecessors(layer)[0]
    if is_conditional(layer):
        return None
    path.append(layer)
    if activation is None:
        activation = (layer.wraps or layer).activation
        activation_layer = layer
    return Head(layer, UNKNOWN if activation is None else activation, activation_layer, path[::-1])


def model_outputs(model: ModelIR) -> list[Layer]:
    """The layers producing the model's outputs (a Sequential's last layer). An incomplete Sequential
    still has a known output when its last add() was a known, unconditional layer (hidden layers added in
    a loop over an unknown list, then the output layer)."""
    if model.style == "sequential":
        if not model.layers or model.open_end or is_conditional(model.layers[-1]):
            return []
        return model.layers[-1:]
    return list(model.outputs)


def single_head(model: ModelIR) -> Head | None:
    """The head of a single-output model; None for several outputs or an unknown one."""
    outputs = model_outputs(model)
    if len(outputs) != 1:
        return None
    return output_head(outputs[0])


def successors(model: ModelIR) -> dict[int, list[Layer]]:
    """id(layer) -> the model's layers that take it as input."""
    members = {id(layer) for layer in model.layers}
    out: dict[int, list[Layer]] = {}
    for layer in model.layers:
        for parent in predecessors(layer):
            if id(parent) in members:
                out.setdefault(id(parent), []).append(layer)
    return out


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


def weight_path(layer: Layer, succ: dict[int, list[Layer]], through=_transparent) -> list[Layer] | None:
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
        if not through(current) or is_conditional(current):
            return None


def next_weight_layer(layer: Layer, succ: dict[int, list[Layer]], through=_transparent) -> Layer | None:
    """The weight layer that alone consumes `layer`'s output through transparent layers (or those `through`
    accepts), or None."""
    path = weight_path(layer, succ, through)
    return path[-1] if path else None


def previous_weight_layer(layer: Layer, through=lambda layer: True) -> Layer | None:
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


def trainings(model: ModelIR) -> Iterator[tuple[Compile, list[Fit]]]:
    """Each compile() with the fit() calls made before the next compile()."""
    current: Compile | None = None
    fits: list[Fit] = []
    for event in model.events:
        if isinstance(event, Compile):
            if current is not None:
                yield current, fits
            current, fits = event, []
        elif isinstance(event, Fit) and current is not None:
            fits.append(event)
    if current is not None:
        yield current, fits


def labels_of(fit: Fit) -> Data | None:
    """The training labels of a fit(): `y`, or the label element of a dataset / generator of pairs."""
    if isinstance(fit.y, Data):
        return fit.y
    x = fit.x
    if isinstance(x, Data) and x.is_dataset and x.elements and len(x.elements) > 1:
        return x.elements[1]
    return None


def reconstructs_its_input(model: ModelIR) -> bool:
    """An autoencoder: some fit() trains the model to output its own input (`fit(x, x)`)."""
    for fit in model.fits:
        x_text, y_text = fit.arg_texts.get("x"), fit.arg_texts.get("y")
        if (isinstance(fit.x, Data) and fit.y is fit.x) or (x_text is not None and x_text == y_text):
            return True
    return False
