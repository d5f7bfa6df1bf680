"""Keras data: the bundled datasets (`keras.datasets.mnist.load_data()`), `to_categorical`, the image
generators (`ImageDataGenerator(...).flow(...)`), the directory datasets (`image_dataset_from_directory`) and
the image file helpers (`load_img`, `img_to_array`).

Each gives `Data` (kerlint.ir.model) with what the call fixes: its shape and value range, whether it is scaled
or augmented, the label encoding and the number of classes.
"""

from __future__ import annotations

from kerlint.ir import keras_api as api
from kerlint.ir.dataflow import one_hot
from kerlint.ir.handlers.registry import handles, handles_method
from kerlint.ir.model import UNKNOWN, ApiUse, Data
from kerlint.ir.values import DataGenerator, is_const

_AUGMENTING_GENERATOR_ARGS = {
    "rotation_range", "width_shift_range", "height_shift_range", "shear_range", "zoom_range",
    "horizontal_flip", "vertical_flip", "brightness_range", "channel_shift_range",
}


@handles("keras.datasets.*")
def load_data(ex, args, kwargs, node, call):
    if call.last != "load_data":
        return NotImplemented
    return load_dataset(ex, call.rest.split(".")[1], kwargs, node)


@handles("keras.**.to_categorical")
def to_categorical(ex, args, kwargs, node, call):
    return one_hot(args[0] if args else kwargs.get("y", UNKNOWN),
                   args[1] if len(args) > 1 else kwargs.get("num_classes", None), squeeze_trailing_one=True)


@handles("keras.**.ImageDataGenerator")
def image_data_generator(ex, args, kwargs, node, call):
    augmenting = any(kwargs.get(k) for k in _AUGMENTING_GENERATOR_ARGS if is_const(kwargs.get(k)))
    if augmenting and ex.uncertain:
        augmenting = UNKNOWN  # built under a condition kerlint cannot evaluate: maybe the one used
    rescales = bool(kwargs.get("rescale")) or any(
        kwargs.get(k) for k in ("samplewise_center", "featurewise_std_normalization",
                                "samplewise_std_normalization"))
    if "preprocessing_function" in kwargs and not rescales:
        rescales = UNKNOWN
    if rescales is True and ex.uncertain:
        rescales = UNKNOWN
    ex.file.api_uses.append(ApiUse("image-data-generator", node))
    return DataGenerator(node, augmenting, rescales)


@handles("keras.**.image_dataset_from_directory", "keras.**.text_dataset_from_directory")
def directory_dataset(ex, args, kwargs, node, call):
    return image_dataset(ex, call.last, kwargs, node, args)


@handles("keras.**.img_to_array")
def img_to_array(ex, args, kwargs, node, call):
    data = args[0] if args else UNKNOWN
    return data.derive() if isinstance(data, Data) else UNKNOWN


@handles("keras.**.load_img")
def load_img(ex, args, kwargs, node, call):
    return ex.new_data("image_files", node, image_like=True, raw_range=(0, 255), role="inputs")


def load_dataset(ex, name, kwargs, node):
    shape, classes, image = api.DATASETS.get(name, (None, None, False))
    if name == "cifar100" and kwargs.get("label_mode") == "coarse":
        classes = 20
    out = []
    sizes = api.DATASET_SIZES.get(name, (None, None)) if "test_split" not in kwargs else (None, None)
    for split, size in zip(("train", "test"), sizes):
        x = ex.new_data(name, node, role="inputs", split=split, image_like=image,
                          raw_range=(0, 255) if image else None, max_samples=size,
                          shape=(UNKNOWN,) + tuple(shape) if shape else None,
                          **({"dtype": "uint8", "value_range": (0, 255)} if image else {}))
        y = ex.new_data(name, node, role="labels", split=split,
                          label_encoding="sparse" if classes else UNKNOWN,
                          num_classes=classes if classes else UNKNOWN,
                          shape=(UNKNOWN,) + api.DATASET_LABEL_SHAPES.get(name, ()),
                          **({"dtype": "int", "value_range": (0, classes - 1)} if classes else {}))
        out.append((x, y))
    return tuple(out)


def image_dataset(ex, which, kwargs, node, args=()):
    directory = args[0] if args else kwargs.get("directory")
    source = (which, directory) if isinstance(directory, str) else None
    label_mode = kwargs.get("label_mode", "int")
    encoding = {"int": "sparse", "categorical": "onehot", "binary": "binary"}.get(label_mode, UNKNOWN)
    subset = kwargs.get("subset")
    split = {"training": "train", "validation": "validation"}.get(subset, "unknown")
    image = which == "image_dataset_from_directory"
    inputs = ex.new_data(which, node, role="inputs", image_like=image, raw_range=(0, 255) if image else None,
                           split=split, source=source)
    labels = Data(role="labels", label_encoding=encoding)
    batched = kwargs.get("batch_size", 32) is not None
    if subset == "both":
        return (inputs.derive(is_dataset=True, shuffled=kwargs.get("shuffle", True), batched=batched,
                              elements=(inputs, labels), split="train"),
                inputs.derive(is_dataset=True, shuffled=kwargs.get("shuffle", True), batched=batched,
                              elements=(inputs, labels), split="validation"))
    return inputs.derive(is_dataset=True, shuffled=kwargs.get("shuffle", True), batched=batched,
                         elements=(inputs, labels), label_encoding=encoding)


@handles_method(DataGenerator)
def generator_method(ex, gen: DataGenerator, name, args, kwargs, node, arg_nodes):
    if name == "flow":
        x = args[0] if args else kwargs.get("x", UNKNOWN)
        y = args[1] if len(args) > 1 else kwargs.get("y", UNKNOWN)
        x = x if isinstance(x, Data) else Data(scaled=UNKNOWN)
        scaled = True if gen.rescales is True else (x.scaled if gen.rescales is False else UNKNOWN)
        inputs = x.derive(scaled=scaled, augmented=gen.augmenting)
        labels = y if isinstance(y, Data) else Data(role="labels")
        batch = kwargs.get("batch_size", args[2] if len(args) > 2 else 32)
        return Data(origin=x.origin, node=node, role="generator", split=x.split, image_like=x.image_like,
                    raw_range=x.raw_range, scaled=scaled, is_dataset=True, max_samples=x.max_samples,
                    batch_size=batch if isinstance(batch, int) and not isinstance(batch, bool) else UNKNOWN,
                    shuffled=kwargs.get("shuffle", True), batched=True, augmented=gen.augmenting,
                    elements=(inputs, labels), lineage=x.lineage, label_encoding=labels.label_encoding,
                    num_classes=labels.num_classes)
    if name in ("flow_from_directory", "flow_from_dataframe"):
        class_mode = kwargs.get("class_mode", "categorical")
        encoding = {"categorical": "onehot", "sparse": "sparse", "binary": "binary"}.get(class_mode, UNKNOWN)
        scaled = True if gen.rescales is True else (False if gen.rescales is False else UNKNOWN)
        subset = kwargs.get("subset")
        split = {"training": "train", "validation": "validation"}.get(subset, "unknown")
        directory = args[0] if args else kwargs.get("directory")
        inputs = ex.new_data("image_files", node, image_like=True, raw_range=(0, 255), role="inputs",
                               scaled=scaled, augmented=gen.augmenting, split=split,
                               source=(name, directory) if isinstance(directory, str) else None)
        labels = Data(role="labels", label_encoding=encoding)
        return inputs.derive(role="generator", is_dataset=True, shuffled=kwargs.get("shuffle", True),
                             batched=True, elements=(inputs, labels), label_encoding=encoding)
    return None if name == "fit" else UNKNOWN
