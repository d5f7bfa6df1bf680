"""Architecture rules: activations, initialisation, normalisation, regularisation, shapes."""

from __future__ import annotations

from typing import Iterator

from kerlint.checks import graph
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

_HE_LIKE = {"he_normal", "he_uniform", "lecun_normal", "lecun_uniform"}


def hidden_layers(model: ModelIR) -> list[Layer]:
    """Alias of `model.graph.hidden_layers` (kept while the architecture rules move to the new contract)."""
    return model.graph.hidden_layers


def _names(layers: list[Layer]) -> str:
    kinds = sorted({layer.base_kind for layer in layers})
    return "/".join(kinds)


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


@rule("KL101")
def saturating_activation_in_deep_stack(model: ModelIR, opts: Options) -> Iterator[Finding]:
    succ = graph.successors(model)
    saturating = [layer for layer in hidden_layers(model)
                  if layer.effective_activation in SATURATING and not _is_gate(layer, succ)]
    if len(saturating) < int(opts["saturating-min-layers"]):
        return
    acts = sorted({layer.effective_activation for layer in saturating})
    sigmoid = [layer for layer in saturating if layer.effective_activation in ("sigmoid", "hard_sigmoid")]
    # sigmoid (derivative <= 0.25) shrinks the gradient at every layer; tanh (<= 1) only where it saturates,
    # so two or three tanh layers (a GAN's or a small regressor's dense block) are advice, a long stack is a warning
    loud = len(sigmoid) >= int(opts["saturating-warn-sigmoid"]) or len(saturating) >= int(opts["saturating-warn-layers"])
    yield Finding(saturating[0].node,
                  f"{len(saturating)} hidden {_names(saturating)} layers use {'/'.join(acts)}: their gradients "
                  f"shrink at every layer (derivative ≤ 0.25 for sigmoid), so the first layers barely learn",
                  severity=Severity.WARNING if loud else Severity.INFO,
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
    if any(layer.kernel_initializer is not None and getattr(layer.kernel_initializer, "name", None)
           not in ("glorot_uniform", "glorot_normal") for layer in relu):
        return  # an initializer we cannot read, or another one chosen on purpose (KL110 judges constant ones)
    yield Finding(relu[0].node,
                  f"{len(relu)} ReLU-family layers with the default Glorot initialisation and no normalisation: "
                  f"activations shrink or grow layer by layer; He initialisation keeps their variance",
                  subject=relu)


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
        # dropout inside a layer: LSTM/GRU dropout, recurrent_dropout, MultiHeadAttention(dropout=0.1)
        if any(isinstance(layer.args.get(k), (int, float)) and layer.args.get(k) > 0
               for k in ("dropout", "recurrent_dropout", "attention_dropout")):
            return True
    for compile_ in model.compiles:
        opt = compile_.optimizer
        if getattr(opt, "name", "") in ("adamw",):
            return True
    return False


def _feeds_feature_layers(layer: Layer, succ) -> bool:
    """True when convolutions or recurrent layers come after `layer`: it is a projection into a feature
    map (a GAN generator's or a decoder's Dense -> Reshape -> Conv2DTranspose), not a classification head."""
    pending, seen = list(succ.get(id(layer), [])), set()
    while pending:
        nxt = pending.pop()
        if id(nxt) in seen:
            continue
        seen.add(id(nxt))
        if nxt.is_conv or nxt.is_recurrent or nxt.kind.startswith("UpSampling"):
            return True
        pending.extend(succ.get(id(nxt), []))
    return False


@rule("KL104")
def dense_head_without_regularization(model: ModelIR, opts: Options) -> Iterator[Finding]:
    if not model.complete:
        return
    minimum = int(opts["dense-head-min-units"])
    succ = graph.successors(model)
    wide = [layer for layer in hidden_layers(model)
            if layer.is_dense and isinstance(layer.width, int) and layer.width >= minimum
            and not _feeds_feature_layers(layer, succ)]
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
    # A 1x1 map is only a problem for a convolution that still has a kernel to slide: a 1x1 conv on a
    # pooled descriptor (channel attention, squeeze-and-excitation) is a dense layer by design.
    for layer in model.layers:
        if not layer.is_conv or layer.input_shape is None or len(layer.input_shape) < 2:
            continue
        dims = layer.input_shape[:-1]
        kernel = _kernel(layer, len(dims))
        if kernel is None or all(k == 1 for k in kernel):
            continue
        if all(d == 1 for d in dims):
            yield Finding(layer.node,
                          f"this {layer.kind} gets a {_shape_text(layer.input_shape)} feature map: its "
                          f"{'×'.join(map(str, kernel))} kernel sees a single position, so it learns nothing "
                          f"spatial (the map collapsed before it)",
                          severity=Severity.WARNING)
            return


def _kernel(layer: Layer, rank: int):
    """The layer's kernel size as a tuple of `rank` ints, or None when unknown."""
    inner = layer.wraps or layer
    value = inner.args.get("kernel_size")
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * rank
    if isinstance(value, (tuple, list)) and len(value) == rank and all(isinstance(v, int) for v in value):
        return tuple(value)
    return None


def _shape_text(shape) -> str:
    if shape is None:
        return "?"
    return "×".join("?" if d is None else str(d) for d in shape)


# --- KL106-KL111: bottlenecks, dropout, linear stacks, hidden softmax, initialisers, unflattened maps ----------

def _head_layers(model: ModelIR) -> set[int]:
    """ids of the layers that make up the model's output heads (`model.graph.output_layers`)."""
    return model.graph.output_layers


def _after_output_activation(model: ModelIR) -> set[int]:
    """ids of the layers placed after an output's last activation (where dropout corrupts predictions)."""
    ids: set[int] = set()
    for out in graph.model_outputs(model):
        head = graph.output_head(out)
        if head is not None:
            start = head.path.index(head.activation_layer) + 1
            ids.update(id(layer) for layer in head.path[start:])
    return ids


def _next_in_chain(layer: Layer, succ) -> Layer | None:
    """The next weight layer along a plain chain (pooling, Flatten, dropout... but no merge or branch)."""
    current = layer
    while True:
        after = succ.get(id(current), [])
        if len(after) != 1 or len(graph.predecessors(after[0])) != 1:
            return None
        current = after[0]
        if current.is_weight:
            return current


def _family(layer: Layer) -> str:
    return "conv" if layer.is_conv else "dense" if layer.is_dense else "recurrent" if layer.is_recurrent else ""


@rule("KL106")
def abrupt_bottleneck(model: ModelIR, opts: Options) -> Iterator[Finding]:
    if not model.complete:
        return  # layers may be missing between the two we would compare
    ratio = float(opts["bottleneck-ratio"])
    hidden = hidden_layers(model)
    hidden_ids = {id(layer) for layer in hidden}
    succ = graph.successors(model)
    for layer in hidden:
        before = graph.previous_weight_layer(layer, through=lambda other: not other.is_weight)
        if before is None or id(before) not in hidden_ids or _family(before) != _family(layer):
            continue
        wide, narrow = before.width, layer.width
        if not (isinstance(wide, int) and isinstance(narrow, int) and narrow > 0 and wide >= ratio * narrow):
            continue
        after = _next_in_chain(layer, succ)
        if after is None:
            continue  # the narrow layer feeds a residual merge, attention or a custom op: not a bottleneck
        if isinstance(after.width, int) and after.width >= wide:
            continue  # squeeze-and-excitation style reduce/expand pair: a deliberate design
        unit = "filters" if layer.is_conv else "units"
        yield Finding(layer.node,
                      f"{unit} drop from {wide} to {narrow} ({wide / narrow:.0f}×) between consecutive hidden "
                      f"layers: such an abrupt bottleneck discards features the next layers need; shrink "
                      f"gradually (e.g. halve per layer)", subject=[before, layer])


_RATE_DROPOUTS = frozenset({"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout",
                            "GaussianDropout"})


def _on_feature_map(layer: Layer) -> bool:
    """A dropout applied to a conv feature map (before any Flatten/GlobalPooling/Dense)."""
    if layer.kind.startswith("SpatialDropout"):
        return True
    before = graph.previous_weight_layer(
        layer, through=lambda other: not (other.kind in ("Flatten", "Reshape") or other.kind.startswith("Global")))
    return before is not None and before.is_conv


@rule("KL107")
def suspicious_dropout(model: ModelIR, opts: Options) -> Iterator[Finding]:
    high, high_conv = float(opts["dropout-max-rate"]), float(opts["conv-dropout-max-rate"])
    after_output = _after_output_activation(model) if model.compiles else set()
    for layer in model.layers:
        if layer.kind not in _RATE_DROPOUTS:
            continue
        rate = layer.args.get("rate")
        if isinstance(rate, bool) or not isinstance(rate, (int, float)):
            continue
        if id(layer) in after_output:
            yield Finding(layer.node,
                          f"{layer.kind}({rate}) after the output layer: during training it zeroes some predictions "
                          f"at random and rescales the rest, so the loss is computed on corrupted outputs "
                          f"(softmax probabilities no longer sum to 1). Put dropout before the output layer",
                          severity=Severity.ERROR, subject=layer)
        elif rate >= 1 or rate < 0:
            # rate == 0 is how configurable models switch dropout off (keras-io deit, gcvit): not reported
            what = "drops every unit" if rate >= 1 else "is invalid"
            yield Finding(layer.node,
                          f"{layer.kind}(rate={rate}) {what}: the rate must be strictly between 0 and 1 "
                          f"(it is the fraction of units dropped)", severity=Severity.ERROR, subject=layer)
        elif rate >= high:
            yield Finding(layer.node,
                          f"{layer.kind}({rate}) drops {rate:.0%} of the units at every step: the layer after it "
                          f"sees almost nothing and the model underfits. Typical rates are 0.2–0.5 "
                          f"(rate is the fraction dropped, not kept)", severity=Severity.WARNING, subject=layer)
        elif rate > high_conv and _on_feature_map(layer):
            yield Finding(layer.node,
                          f"{layer.kind}({rate}) on a convolutional feature map: neighbouring activations are "
                          f"correlated, and dropping more than half of them mostly slows learning. Use 0.1–0.3 "
                          f"after conv blocks, and higher rates only in the dense head",
                          severity=Severity.WARNING, subject=layer)


def _is_bottleneck(layer: Layer, after: Layer, autoencoder: bool) -> bool:
    """A linear layer narrower than the layer it feeds, and than its own input (or inside an autoencoder):
    a low-rank code or embedding (a linear autoencoder's code is PCA), chosen for its width, not for capacity."""
    width, next_width = layer.width, after.width
    if not (isinstance(width, int) and isinstance(next_width, int) and width < next_width):
        return False
    fan_in = _channels_in(layer)
    return autoencoder or (isinstance(fan_in, int) and not isinstance(fan_in, bool) and width < fan_in)


@rule("KL108", scope="file")
def linear_hidden_stack(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Per model (see _linear_hidden_stack); a layer that is the output of another model of the file (an
    encoder's linear embedding, used on its own as well as inside the bigger model) is linear on purpose."""
    outputs = {id(model): {id(layer) for layer in graph.model_outputs(model)} for model in file.models}
    for model in file.models:
        others = set().union(*(ids for key, ids in outputs.items() if key != id(model)))
        for finding in _linear_hidden_stack(model):
            if id(finding.subject[0]) not in others:
                yield finding


def _linear_hidden_stack(model: ModelIR) -> Iterator[Finding]:
    """A hidden weight layer with no activation whose output goes, through shape-only layers, into another
    Dense/conv layer. Not reported for a Dense that projects a vector into a feature map for convolutions
    (a GAN generator's or decoder's Dense -> Reshape -> Conv2DTranspose) nor for a linear bottleneck (see
    _is_bottleneck): both are linear on purpose."""
    if not model.complete:
        return  # an activation may be among the layers we cannot see
    succ = graph.successors(model)
    autoencoder = graph.reconstructs_its_input(model)
    for layer in hidden_layers(model):
        if layer.activation != "linear" or layer.effective_activation != "linear":
            continue
        path = graph.weight_path(layer, succ, graph.through_linear)
        after = path[-1] if path else None
        if after is None or not (after.is_conv or after.is_dense):
            continue
        if (layer.is_dense and after.is_conv) or _is_bottleneck(layer, after, autoencoder):
            continue
        pooled = next((p.kind for p in path if p.kind in graph.MAX_POOLING), None)
        how = (f"its only non-linearity before {after.base_kind} is {pooled}, which picks one value per window "
               f"and gives no unit a non-linearity of its own, so the stack is nearly linear" if pooled else
               f"two linear layers in a row collapse into one linear map")
        yield Finding(layer.node,
                      f"{layer.base_kind} without an activation feeds {'straight ' if not pooled else ''}into "
                      f"{after.base_kind}: {how}, so this layer adds parameters but no "
                      f"capacity. Add activation='relu' (or an Activation/ReLU layer after it)",
                      subject=[layer, after])


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


@rule("KL109")
def softmax_in_hidden_layer(model: ModelIR, opts: Options) -> Iterator[Finding]:
    if not model.complete:
        return
    head = _head_layers(model)
    succ = graph.successors(model)
    for layer in model.layers:
        if layer.activation != "softmax" or id(layer) in head or graph.is_conditional(layer):
            continue
        after = graph.next_weight_layer(layer, succ, graph.through_features)
        if after is None:
            continue  # attention weights multiplied into features, gates: softmax is the point there
        yield Finding(layer.node,
                      f"softmax on a hidden layer feeding {after.base_kind}: it squeezes the features into a "
                      f"distribution that sums to 1, so the next layer sees tiny, competing values and gradients. "
                      f"Use relu here; keep softmax for the output layer", subject=layer)


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
