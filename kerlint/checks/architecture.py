"""Architecture rules: activations, initialisation, normalisation, regularisation, shapes."""

from __future__ import annotations

from typing import Iterator

from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.model import (
    AUGMENTATION_LAYERS,
    DROPOUT_LAYERS,
    RELU_FAMILY,
    SATURATING,
    Layer,
    ModelIR,
)
from kerlint.violation import Severity

_HE_LIKE = {"he_normal", "he_uniform", "lecun_normal", "lecun_uniform"}


def hidden_layers(model: ModelIR) -> list[Layer]:
    """Conv and Dense layers that are not the model's output layer (recurrent gates excluded)."""
    outputs = {id(layer) for layer in model.outputs}
    out = model.output_layer
    if out is not None:
        outputs.add(id(out))
    return [layer for layer in model.layers
            if (layer.is_conv or layer.is_dense) and id(layer) not in outputs]


def _names(layers: list[Layer]) -> str:
    kinds = sorted({layer.base_kind for layer in layers})
    return "/".join(kinds)


@rule("KL101")
def saturating_activation_in_deep_stack(model: ModelIR, opts: Options) -> Iterator[Finding]:
    saturating = [layer for layer in hidden_layers(model) if layer.effective_activation in SATURATING]
    if len(saturating) < int(opts["saturating-min-layers"]):
        return
    acts = sorted({layer.effective_activation for layer in saturating})
    yield Finding(saturating[0].node,
                  f"{len(saturating)} hidden {_names(saturating)} layers use {'/'.join(acts)}: their gradients "
                  f"shrink at every layer (derivative ≤ 0.25 for sigmoid), so the first layers barely learn",
                  subject=saturating + _activation_layers_of(model, saturating))


def _activation_layers_of(model: ModelIR, layers: list[Layer]) -> list[Layer]:
    """The Activation layers that give linear `layers` their effective activation (the fixer edits them)."""
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


def _is_he_like(layer: Layer) -> bool:
    init = layer.kernel_initializer
    if init is None or not hasattr(init, "name"):
        return False
    if init.name in _HE_LIKE:
        return True
    return init.name == "variance_scaling" and init.args.get("scale", 1.0) in (2, 2.0)


@rule("KL102")
def relu_stack_without_he_init(model: ModelIR, opts: Options) -> Iterator[Finding]:
    if not model.complete or model.pretrained or any(layer.is_norm for layer in model.layers):
        return
    relu = [layer for layer in hidden_layers(model) if layer.effective_activation in RELU_FAMILY]
    minimum = int(opts["relu-stack-min-layers"])
    if len(relu) < minimum or any(_is_he_like(layer) for layer in relu):
        return
    if any(layer.kernel_initializer is not None and not hasattr(layer.kernel_initializer, "name")
           for layer in relu):
        return  # an initializer we cannot read: stay silent
    severity = Severity.WARNING if len(relu) >= 2 * minimum else None
    yield Finding(relu[0].node,
                  f"{len(relu)} ReLU-family layers with the default Glorot initialisation and no normalisation: "
                  f"activations shrink or grow layer by layer; He initialisation keeps their variance",
                  severity=severity, subject=relu)


@rule("KL103")
def deep_stack_without_normalization(model: ModelIR, opts: Options) -> Iterator[Finding]:
    if not model.complete or model.pretrained:
        return
    convs = [layer for layer in model.layers if layer.is_conv]
    if len(convs) < int(opts["deep-stack-min-conv"]) or any(layer.is_norm for layer in model.layers):
        return
    yield Finding(convs[0].node,
                  f"{len(convs)} convolution layers and no BatchNormalization/LayerNormalization: deep stacks "
                  f"without normalisation train slowly and are sensitive to initialisation and learning rate")


def _regularized(model: ModelIR) -> bool:
    for layer in model.layers:
        if layer.kind in DROPOUT_LAYERS or layer.kind in AUGMENTATION_LAYERS or layer.kind == "ActivityRegularization":
            return True
        if any(key.endswith("_regularizer") and value is not None for key, value in layer.args.items()):
            return True
        if layer.is_recurrent and any(layer.args.get(k) for k in ("dropout", "recurrent_dropout")):
            return True
    for compile_ in model.compiles:
        opt = compile_.optimizer
        if getattr(opt, "name", "") in ("adamw",):
            return True
    return False


@rule("KL104")
def dense_head_without_regularization(model: ModelIR, opts: Options) -> Iterator[Finding]:
    if not model.complete:
        return
    minimum = int(opts["dense-head-min-units"])
    wide = [layer for layer in hidden_layers(model)
            if layer.is_dense and isinstance(layer.width, int) and layer.width >= minimum]
    if not wide or _regularized(model):
        return
    yield Finding(wide[0].node,
                  f"hidden Dense({wide[0].width}) and no Dropout or weight regularisation anywhere in the model: "
                  f"a wide dense head memorises the training set (high training, low validation accuracy)")


def _spatial(layer: Layer):
    shape = layer.output_shape
    if shape is None or len(shape) < 2:
        return None
    return shape[:-1]


@rule("KL105")
def feature_map_collapse(model: ModelIR, opts: Options) -> Iterator[Finding]:
    spatial_layers = [layer for layer in model.layers
                      if layer.output_shape is not None and len(layer.output_shape) >= 2
                      and (layer.is_conv or layer.kind.startswith(("MaxPooling", "AveragePooling")))]
    for layer in spatial_layers:
        dims = _spatial(layer)
        if dims and any(d is not None and d <= 0 for d in dims):
            yield Finding(layer.node,
                          f"the feature map reaches {_shape_text(layer.output_shape)} at this {layer.kind}: "
                          f"the model cannot be built (input {_shape_text(model.input_shape)})",
                          severity=Severity.ERROR)
            return
    convs = [layer for layer in model.layers if layer.is_conv]
    if not convs:
        return
    last_conv = convs[-1]
    for layer in spatial_layers:
        if layer is last_conv or layer.order >= last_conv.order:
            break
        dims = _spatial(layer)
        if dims and all(d == 1 for d in dims if d is not None) and all(d is not None for d in dims):
            yield Finding(layer.node,
                          f"the feature map is already {_shape_text(layer.output_shape)} after this {layer.kind}, "
                          f"before the last convolution: later convolutions see a single position",
                          severity=Severity.WARNING)
            return


def _shape_text(shape) -> str:
    if shape is None:
        return "?"
    return "×".join("?" if d is None else str(d) for d in shape)
