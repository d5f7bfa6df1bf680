"""Keras layers: layer classes (`keras.layers.Dense(...)`), `keras.Input`, the merge functions
(`keras.layers.add`), activation functions applied to tensors (`keras.activations.relu(x)`, `keras.ops.relu(x)`),
and Keras 1/2 global image data format (`K.set_image_data_format("channels_first")`).

A layer call makes a `Layer` (kerlint.ir.model) with its arguments named by the layer's signature, Keras 1/2
keywords renamed to Keras 3's (the legacy-API facts recorded on the way), its activation and initializer
resolved; the interpreter places it in a graph when it is applied to a tensor.
"""

from __future__ import annotations

import libcst as cst

from kerlint.ir import keras_api as api
from kerlint.ir import legacy, shapes
from kerlint.ir.handlers.registry import handles
from kerlint.ir.model import ACTIVATION_LAYERS, UNKNOWN, Initializer, Layer
from kerlint.ir.values import Ref, Tensor


@handles(family="keras", when=lambda site: api.layer_class(site.rest) is not None)
def layer(ex, args, kwargs, node, call):
    kind = api.layer_class(call.rest)
    if kind == "Input":
        shape = kwargs.get("shape", args[0] if args else None)
        if shape is None and "batch_shape" in kwargs and isinstance(kwargs["batch_shape"], (tuple, list)):
            shape = tuple(kwargs["batch_shape"])[1:]
        layer = Layer("Input", node, {"shape": shape}, order=ex._next_order())
        layer.output_shape = shape_tuple(shape)
        return Tensor(layer, layer.output_shape)
    return make_layer(ex, kind, args, kwargs, node, call.arg_nodes)


@handles(family="keras", when=lambda site: site.last in api.MERGE_FUNCTIONS and "layers" in site.rest.split("."))
def merge_function(ex, args, kwargs, node, call):
    """keras.layers.add([a, b]): the merge layer applied to its inputs."""
    layer = make_layer(ex, api.MERGE_FUNCTIONS[call.last], args[1:], kwargs, node, call.arg_nodes)
    return ex.apply_layer(layer, args[0] if args else kwargs.get("inputs", UNKNOWN), node)


@handles("keras.**.set_image_data_format", "keras.**.set_image_dim_ordering")
def set_image_data_format(ex, args, kwargs, node, call):
    if not args:
        return NotImplemented
    # Keras 1/2 global 'th' ordering: later layers without data_format= are channels-first
    ex.channels_first = args[0] in ("channels_first", "th")
    return None


@handles("keras.activations.*")
def activation_function(ex, args, kwargs, node, call):
    if not args:
        return NotImplemented
    return apply_activation_fn(ex, api.activation_name(call.last), args[0], node)


@handles("keras.ops.*")
def ops_activation(ex, args, kwargs, node, call):
    name = api.activation_from_path("keras", call.rest) if args and isinstance(args[0], Tensor) else None
    if name is None:
        return NotImplemented
    return apply_activation_fn(ex, name, args[0], node)


def make_layer(ex, kind, args, kwargs, node, arg_nodes):
    ex.model_effects += 1  # a loop or comprehension that creates layers is unrolled, never summarised
    kwargs = dict(kwargs)
    arg_nodes = dict(arg_nodes)
    for old, new in api.KERAS2_KWARGS.items():
        if old in kwargs and new not in kwargs:
            if (old == "output_dim" and kind != "Dense") or (old == "alpha" and kind != "LeakyReLU") \
                    or (old == "p" and kind != "Dropout"):
                continue
            kwargs[new] = kwargs.pop(old)
            if old in arg_nodes:
                arg_nodes[new] = arg_nodes[old]
    signature = api.LAYER_SIGNATURES.get(kind, ())
    if kind in ("Conv2D", "Conv3D") and ("nb_filter" in kwargs or len(args) >= 3) and len(args) >= 2 and \
            all(isinstance(a, int) for a in args[: 2 + (kind == "Conv3D") + 1]):
        # Keras 1: Convolution2D(nb_filter, nb_row, nb_col)
        rank = 3 if kind == "Conv3D" else 2
        if "filters" not in kwargs and len(args) >= rank + 1:
            kwargs["filters"], kwargs["kernel_size"] = args[0], tuple(args[1: rank + 1])
            args = args[rank + 1:]
        elif "filters" in kwargs and len(args) >= rank:
            kwargs["kernel_size"] = tuple(args[:rank])
            args = args[rank:]
    named = dict(kwargs)
    for index, value in enumerate(args):
        if index < len(signature):
            named.setdefault(signature[index], value)
            if index in arg_nodes:
                arg_nodes.setdefault(signature[index], arg_nodes[index])
    if ex.channels_first and "data_format" not in named and (
            kind.startswith(("Conv", "SeparableConv", "DepthwiseConv", "MaxPooling", "AveragePooling",
                             "GlobalAveragePooling", "GlobalMaxPooling", "UpSampling", "ZeroPadding",
                             "Cropping")) or kind == "Flatten"):
        named["data_format"] = "channels_first"
    if "input_dim" in named and "input_shape" not in named and kind != "Embedding":
        named["input_shape"] = (named["input_dim"],)
    layer = Layer(kind, node, named, {k: v for k, v in arg_nodes.items() if isinstance(k, str)})
    if isinstance(node, cst.Call):
        ex.file.api_uses.extend(legacy.keyword_facts(kind, node, lambda k: api.keras1_layer_keyword(kind, k)))
        if kind in ("Conv2D", "Conv3D"):
            fact = legacy.positional_kernel_fact(kind, node, 3 if kind == "Conv3D" else 2)
            if fact is not None:
                ex.file.api_uses.append(fact)
    if kind in ("TimeDistributed", "Bidirectional") and isinstance(named.get("layer"), Layer):
        layer.wraps = named["layer"]
    layer.activation = resolve_activation(kind, named)
    layer.kernel_initializer = initializer(named.get("kernel_initializer"))
    if "**" in named:  # Dense(64, **cfg) with cfg unknown: what it sets is unknown
        if "activation" not in named and layer.activation is not None:
            layer.activation = UNKNOWN
        if "kernel_initializer" not in named:
            layer.kernel_initializer = UNKNOWN
    return layer


def resolve_activation(kind, named):
    if kind in ACTIVATION_LAYERS:
        fixed = ACTIVATION_LAYERS[kind]
        return fixed if fixed is not None else activation_value(named.get("activation", UNKNOWN))
    if kind in ("LSTM", "GRU", "SimpleRNN"):
        return activation_value(named["activation"]) if "activation" in named else "tanh"
    if "activation" in named:
        return activation_value(named["activation"])
    return "linear" if kind in api.LAYER_SIGNATURES and "activation" in api.LAYER_SIGNATURES[kind] else None


def apply_activation_fn(ex, name, value, node):
    if isinstance(value, Tensor):
        layer = Layer("Activation", node, {"activation": name}, activation=name or UNKNOWN)
        return ex.apply_layer(layer, value, node)
    return UNKNOWN


def shape_tuple(shape):
    """A model input shape; None when unknown, or when it looks channels-first ((1, 28, 28)): Keras 1/2 code
    got that from a global 'th' ordering we may not see, and reading it channels-last would invent errors."""
    if isinstance(shape, int) and not isinstance(shape, bool):
        return (shape,)
    if isinstance(shape, (tuple, list)) and all(d is None or (isinstance(d, int) and not isinstance(d, bool))
                                                for d in shape):
        return None if shapes.looks_channels_first(tuple(shape)) else tuple(shape)
    return None


def activation_value(value):
    if value is None:
        return "linear"
    if isinstance(value, str):
        return api.activation_name(value) or UNKNOWN
    if isinstance(value, Ref):
        family, rest = value.parts
        return api.activation_from_path(family, rest) or UNKNOWN
    if isinstance(value, Layer) and value.is_activation_layer:
        return value.activation
    return UNKNOWN


def initializer(value):
    if value is None:
        return None
    if isinstance(value, Initializer):
        return value
    if isinstance(value, str):
        name = api.INITIALIZER_CLASSES.get(value, value.lower())
        return Initializer(name) if name in api.INITIALIZER_STRINGS else UNKNOWN
    if isinstance(value, Ref):
        family, rest = value.parts
        name = api.INITIALIZER_CLASSES.get(rest.split(".")[-1])
        return Initializer(name) if name else UNKNOWN
    return UNKNOWN
