"""TensorFlow outside Keras: `tf.data.Dataset.from_tensor_slices`, the `tf.image` operations (random ones
augment, some scale), shape-keeping ops (`tf.cast`, `tf.reshape`, ...), `tf.one_hot`, image file reads,
activation functions (`tf.nn.relu(x)`), TF 1 initializers and `tf.train.*Optimizer`.

Anything else TensorFlow computes on tensors keeps the graph joined (the family default: a TensorOp).
"""

from __future__ import annotations

from kerlint.ir import keras_api as api
from kerlint.ir.dataflow import dataset_from, numpy_shape, one_hot
from kerlint.ir.handlers.keras_layers import apply_activation_fn
from kerlint.ir.handlers.keras_training import make_optimizer
from kerlint.ir.handlers.registry import handles
from kerlint.ir.model import UNKNOWN, Data, Initializer
from kerlint.ir.values import Tensor

_SHAPE_KEEPING = ("cast", "convert_to_tensor", "constant", "identity", "image.resize", "reshape",
                  "image.resize_with_crop_or_pad", "image.central_crop", "image.crop_to_bounding_box",
                  "image.pad_to_bounding_box", "image.rgb_to_grayscale", "image.flip_left_right",
                  "expand_dims", "squeeze", "image.resize_with_pad", "image.grayscale_to_rgb", "stack")


@handles("tensorflow.data.Dataset.from_tensor_slices", "tensorflow.data.Dataset.from_tensors")
def dataset_from_tensors(ex, args, kwargs, node, call):
    return dataset_from(args[0] if args else UNKNOWN, node)


@handles("tensorflow.image.random_*", "tensorflow.image.stateless_random_*")
def random_image_op(ex, args, kwargs, node, call):
    first = args[0] if args else UNKNOWN
    return ex._maybe_augmented(first.derive(augmented=True)) if isinstance(first, Data) else (
        ex.tensor_op([first], node) if isinstance(first, Tensor) else UNKNOWN)


@handles(*(f"tensorflow.{rest}" for rest in sorted(api.SCALING_CALLS_TF)))
def scaling_op(ex, args, kwargs, node, call):
    first = args[0] if args else UNKNOWN
    return ex._maybe_augmented(first.derive(scaled=True), first) if isinstance(first, Data) else UNKNOWN


@handles(*(f"tensorflow.{rest}" for rest in _SHAPE_KEEPING))
def shape_keeping_op(ex, args, kwargs, node, call):
    first = args[0] if args else UNKNOWN
    if isinstance(first, Data):
        return first.derive(shape=numpy_shape(call.rest, first.shape, args, kwargs))
    if isinstance(first, list) and first and isinstance(first[0], Data):
        return first[0].derive()
    return NotImplemented


@handles("tensorflow.one_hot")
def tf_one_hot(ex, args, kwargs, node, call):
    return one_hot(args[0] if args else UNKNOWN, args[1] if len(args) > 1 else kwargs.get("depth", UNKNOWN))


@handles(*(f"tensorflow.{rest}" for kind, rest in sorted(api.IMAGE_READ_CALLS) if kind == "tf"))
def read_image(ex, args, kwargs, node, call):
    return ex.new_data("image_files", node, image_like=True, raw_range=(0, 255), role="inputs")


@handles(family="tf", when=lambda site: api.activation_from_path("tf", site.rest) is not None)
def activation_function(ex, args, kwargs, node, call):
    if not args:
        return NotImplemented
    return apply_activation_fn(ex, api.activation_from_path("tf", call.rest), args[0], node)


@handles(family="tf", when=lambda site: site.last in api.TF_INITIALIZERS)
def initializer(ex, args, kwargs, node, call):
    """tf.zeros_initializer(), tf.random_normal_initializer(stddev=...)"""
    name, positional = api.TF_INITIALIZERS[call.last]
    iargs = {**dict(zip(positional, args)), **kwargs}
    if "stddev" in positional and "stddev" not in iargs:  # TF 1 default 1.0, TF 2 default 0.05
        iargs["stddev"] = 1.0 if call.rest.startswith("compat.v1.") else UNKNOWN
    return Initializer(name, iargs, node)


@handles("tensorflow.train.*")
def train_optimizer(ex, args, kwargs, node, call):
    if not call.last.endswith("Optimizer"):
        return NotImplemented
    opt = call.last[: -len("Optimizer")].lower().replace("gradientdescent", "sgd")
    return make_optimizer(ex, opt if opt in api.OPTIMIZER_STRINGS else "unknown", args, kwargs, node, {})
