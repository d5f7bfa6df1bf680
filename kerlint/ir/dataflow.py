"""Data-flow facts: how a call or an operation changes what is known about an array or a dataset (`Data`).

Used by the interpreter (arithmetic on arrays, models applied to data) and by the API handlers
(kerlint/ir/handlers/): one-hot encoding, datasets from tensors, reshapes, scaling.
"""

from __future__ import annotations

import math

from kerlint.ir import arrays
from kerlint.ir.model import AUGMENTATION_LAYERS, INPUT_SCALING_LAYERS, UNKNOWN, Data


def data_or_unknown(value):
    return value if isinstance(value, Data) else UNKNOWN


def one_hot(labels, num_classes, squeeze_trailing_one=False):
    base = labels if isinstance(labels, Data) else Data(role="labels")
    # num_classes None: not given, the labels' own count; a value we cannot read: unknown
    n = num_classes if isinstance(num_classes, int) and not isinstance(num_classes, bool) else (
        base.num_classes if num_classes is None else UNKNOWN)
    shape = arrays.one_hot_shape(base.shape, n, squeeze_trailing_one=squeeze_trailing_one)
    return base.derive(label_encoding="onehot", num_classes=n, role="labels", shape=shape,
                       value_range=(0.0, 1.0), dtype="float")


def dataset_from(value, node):
    if isinstance(value, (tuple, list)) and value:
        elements = tuple(v if isinstance(v, Data) else Data(scaled=UNKNOWN) for v in value)
    elif isinstance(value, Data):
        elements = (value,)
    else:
        elements = (Data(scaled=UNKNOWN),)
    first = elements[0]
    labels = elements[1] if len(elements) > 1 else None
    return Data(origin=first.origin, node=node, role="dataset", split=first.split, image_like=first.image_like,
                raw_range=first.raw_range, scaled=first.scaled, is_dataset=True, shuffled=False, batched=False,
                elements=elements, lineage=first.lineage, max_samples=first.max_samples,
                label_encoding=labels.label_encoding if labels is not None else UNKNOWN,
                num_classes=labels.num_classes if labels is not None else UNKNOWN)


def data_through_layers(data: Data, layers) -> Data:
    """Eager application of preprocessing layers / models to data (a tf.data map, a direct call)."""
    out = data.derive()
    for layer in layers:
        if layer.kind in INPUT_SCALING_LAYERS:
            out = out.derive(scaled=True)
        elif layer.kind in AUGMENTATION_LAYERS:
            out = out.derive(augmented=True)
        elif layer.kind in ("Resizing", "CenterCrop"):
            continue
        else:
            return Data(origin=data.origin, scaled=UNKNOWN)
    return out


def scale_data(data: Data, op: str, other, data_on_left: bool) -> Data:
    shape = data.shape  # elementwise arithmetic keeps the array's shape

    values = arrays.arith_facts(data, op, other, data_on_left)  # value range and dtype after the operation

    def keep(**changes):
        return data.derive(shape=shape, **values, **changes)

    if data.label_encoding in ("sparse", "binary"):  # y % 2, y // 5, y - 1: the class set changes
        data = keep(num_classes=UNKNOWN)
    number = other if isinstance(other, (int, float)) and not isinstance(other, bool) else None
    if op == "Divide" and data_on_left:
        if number is None or abs(number) >= 2:
            return keep(scaled=True)
        return keep()
    if op == "Multiply":
        if number is None or abs(number) < 0.5:
            return keep(scaled=True if number is not None else UNKNOWN)
        return keep()
    if op in ("Add", "Subtract"):
        return keep()
    return keep(scaled=UNKNOWN)


def reshaped(shape, dims):
    """Shape after reshape(dims): the leading (sample) dimension stays unknown; None when not computable."""
    dims = list(dims) if isinstance(dims, (list, tuple)) else []
    if len(dims) < 1:
        return None
    rest = dims[1:]
    if not all(isinstance(d, int) and not isinstance(d, bool) and (d > 0 or d == -1) for d in rest):
        return None
    if rest.count(-1) > 1:
        return None
    if -1 in rest:
        old = shape[1:] if isinstance(shape, tuple) else None
        known = [d for d in rest if d != -1]
        if old is None or not all(isinstance(d, int) and not isinstance(d, bool) for d in old):
            return None
        total, part = math.prod(old), math.prod(known)
        if part == 0 or total % part:
            return None
        rest = [total // part if d == -1 else d for d in rest]
    lead = dims[0]
    if not (lead is UNKNOWN or (isinstance(lead, int) and not isinstance(lead, bool) and (lead == -1 or lead > 0))):
        return None
    return (UNKNOWN,) + tuple(rest)


def same_sample_size(before, after) -> bool:
    """Both shapes known past the sample dimension with the same number of values per sample: a reshape
    between them keeps the number of samples."""
    def per_sample(shape):
        if not isinstance(shape, tuple) or not shape:
            return None
        rest = shape[1:]
        if not all(isinstance(d, int) and not isinstance(d, bool) and d > 0 for d in rest):
            return None
        return math.prod(rest)

    size = per_sample(before)
    return size is not None and size == per_sample(after)


def numpy_shape(name, shape, args, kwargs):
    """Shape after np.<name>(x, ...) / tf.<name>(x, ...) for the shape-keeping and reshaping calls we know."""
    if shape is None:
        return None
    if name in ("array", "asarray", "copy", "ascontiguousarray", "float32", "cast", "convert_to_tensor",
                "constant", "identity"):
        return shape
    if name == "expand_dims":
        axis = args[1] if len(args) > 1 else kwargs.get("axis", UNKNOWN)
        if not isinstance(axis, int) or isinstance(axis, bool):
            return None
        n = len(shape) + 1
        if not -n <= axis < n:
            return None
        out = list(shape)
        out.insert(axis if axis >= 0 else n + axis, 1)
        return tuple(out)
    if name == "reshape":
        dims = args[1] if len(args) > 1 else kwargs.get("newshape", kwargs.get("shape", UNKNOWN))
        return reshaped(shape, dims)
    return None
