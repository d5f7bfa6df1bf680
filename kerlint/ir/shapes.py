"""Static shape inference for the layers whose output shape follows from their arguments.

Shapes exclude the batch dimension and assume channels_last; a dimension is an int or None
(unknown). A layer we cannot reason about yields None (unknown shape), never a guess.
"""

from __future__ import annotations

import math

from kerlint.ir.model import UNKNOWN

_SPATIAL_RANK = {"1D": 1, "2D": 2, "3D": 3}


def _rank_of(kind: str) -> int | None:
    for suffix, rank in _SPATIAL_RANK.items():
        if kind.endswith(suffix):
            return rank
    return None


def looks_channels_first(shape) -> bool:
    """A model input written channels-first, e.g. (1, 28, 28) or (3, 224, 224): 1 or 3 "rows" and many "channels".
    Keras 1/2 code relied on a global 'th' ordering (keras.json / set_image_dim_ordering) for such shapes."""
    return (isinstance(shape, tuple) and len(shape) in (3, 4) and shape[0] in (1, 3)
            and isinstance(shape[-1], int) and shape[-1] > 4)


def _tuple_arg(value, rank: int):
    """A kernel/stride/pool argument as a tuple of `rank` ints, or None if not known."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value,) * rank
    if isinstance(value, (tuple, list)) and len(value) == rank and all(isinstance(v, int) for v in value):
        return tuple(value)
    return None


def conv_output_length(length, kernel, stride, padding, dilation=1):
    """Keras' conv_output_length: 'valid' and 'same' (and 'causal' = 'same' length)."""
    if length is None:
        return None
    effective = (kernel - 1) * dilation + 1
    if padding in ("same", "causal"):
        return math.ceil(length / stride) if length > 0 else 0
    return (length - effective + stride) // stride


def _spatial(args, kind, input_shape, rank, *, kernel_key, default_kernel, stride_default_is_kernel):
    spatial = input_shape[:rank]
    channels = input_shape[rank:]
    kernel = _tuple_arg(args.get(kernel_key, default_kernel), rank)
    if kernel is None:
        return None
    strides_raw = args.get("strides", None)
    if strides_raw is None:
        strides = kernel if stride_default_is_kernel else (1,) * rank
    else:
        strides = _tuple_arg(strides_raw, rank)
    if strides is None:
        return None
    padding = args.get("padding", "valid")
    if not isinstance(padding, str):
        return None
    padding = padding.lower()
    dilation = _tuple_arg(args.get("dilation_rate", 1), rank) or (1,) * rank
    out = tuple(conv_output_length(n, k, s, padding, d) for n, k, s, d in zip(spatial, kernel, strides, dilation))
    return out, channels


def infer(kind: str, args: dict, input_shape: tuple | None):
    """Output shape (without batch) of a layer of `kind` applied to `input_shape`, or None."""
    if kind in ("Input", "InputLayer"):
        return input_shape
    if input_shape is None:
        return None
    rank = _rank_of(kind)
    if args.get("data_format", "channels_last") not in ("channels_last", None):
        return None
    if kind.startswith(("Conv", "SeparableConv", "DepthwiseConv")) and rank and "Transpose" not in kind \
            and "LSTM" not in kind:
        if len(input_shape) != rank + 1:
            return None
        result = _spatial(args, kind, input_shape, rank, kernel_key="kernel_size", default_kernel=None,
                          stride_default_is_kernel=False)
        if result is None:
            return None
        spatial, channels = result
        if kind.startswith("DepthwiseConv"):
            mult = args.get("depth_multiplier", 1)
            ch = channels[0] * mult if isinstance(mult, int) and channels[0] is not None else None
        else:
            filters = args.get("filters")
            ch = filters if isinstance(filters, int) else None
        return spatial + (ch,)
    if kind.startswith(("MaxPooling", "AveragePooling")) and rank:
        if len(input_shape) != rank + 1:
            return None
        result = _spatial(args, kind, input_shape, rank, kernel_key="pool_size", default_kernel=2,
                          stride_default_is_kernel=True)
        if result is None:
            return None
        spatial, channels = result
        return spatial + channels
    if kind.startswith(("GlobalAveragePooling", "GlobalMaxPooling")) and rank:
        if len(input_shape) != rank + 1:
            return None
        if args.get("keepdims") is True:
            return (1,) * rank + input_shape[rank:]
        return input_shape[rank:]
    if kind == "Flatten":
        if any(d is None for d in input_shape):
            return (None,)
        return (math.prod(input_shape),)
    if kind == "Dense":
        units = args.get("units")
        return input_shape[:-1] + (units if isinstance(units, int) else None,)
    if kind == "Reshape":
        target = args.get("target_shape")
        if isinstance(target, (tuple, list)) and all(isinstance(d, int) and not isinstance(d, bool) for d in target):
            if -1 not in target:
                return tuple(target)
            if list(target).count(-1) > 1:
                return None
            # Reshape((-1, 193, 1)): the -1 is inferred from the input's size, unknown when that is unknown
            known = math.prod(d for d in target if d != -1)
            total = math.prod(input_shape) if all(isinstance(d, int) for d in input_shape) else None
            inferred = total // known if total is not None and known > 0 and total % known == 0 else None
            return tuple(inferred if d == -1 else d for d in target)
        return None
    if kind.startswith("UpSampling") and rank and len(input_shape) == rank + 1:
        size = _tuple_arg(args.get("size", 2), rank)
        if size is None:
            return None
        return tuple(None if n is None else n * s for n, s in zip(input_shape[:rank], size)) + input_shape[rank:]
    if kind.startswith("ZeroPadding") and rank and len(input_shape) == rank + 1:
        pad = args.get("padding", 1)
        if isinstance(pad, int):
            return tuple(None if n is None else n + 2 * pad for n in input_shape[:rank]) + input_shape[rank:]
        return None
    if kind in ("Embedding",):
        dim = args.get("output_dim")
        return input_shape + (dim if isinstance(dim, int) else None,)
    if kind in ("LSTM", "GRU", "SimpleRNN"):
        units = args.get("units")
        u = units if isinstance(units, int) else None
        if args.get("return_sequences") is True:
            return input_shape[:-1] + (u,)
        return (u,) if args.get("return_sequences", False) is False else None
    if kind in SHAPE_PRESERVING:
        return input_shape
    return None


SHAPE_PRESERVING = frozenset({
    "Activation", "ReLU", "LeakyReLU", "ELU", "PReLU", "Softmax", "ThresholdedReLU",
    "BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization",
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout", "GaussianDropout",
    "GaussianNoise", "Rescaling", "Normalization", "PreprocessInput", "RandomFlip", "RandomRotation", "RandomZoom",
    "RandomTranslation", "RandomContrast", "RandomBrightness", "Identity", "ActivityRegularization", "Masking",
    "Add", "Multiply", "Average", "Subtract", "Maximum", "Minimum",
})


def merge_shape(kind: str, shapes: list, args: dict):
    """Output shape of a merge layer over several inputs."""
    if not shapes or any(s is None for s in shapes):
        return None
    if kind == "Concatenate":
        axis = args.get("axis", -1)
        if axis != -1 or len({len(s) for s in shapes}) != 1:
            return None
        last = [s[-1] for s in shapes]
        return shapes[0][:-1] + ((sum(last) if all(d is not None for d in last) else None),)
    if kind in SHAPE_PRESERVING:
        return shapes[0]
    return None


__all__ = ["infer", "merge_shape", "conv_output_length", "UNKNOWN"]
