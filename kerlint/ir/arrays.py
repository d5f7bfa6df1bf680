"""Array facts: numpy-style shape algebra, and the library calls that create or transform arrays.

A `Data` (kerlint/ir/model.py) carries the facts about an array: `shape` (numpy order, the sample count
first — an int when the code states it, UNKNOWN when not), `dtype` (a family: "int", "float", "uint8",
"bool", "str"), `value_range` (low, high) now, `label_encoding` / `num_classes`, `scaled`. This module
computes them:

- pure shape functions (`index_shape`, `concat_shape`, `squeeze_shape`, ...) over tuples whose entries are
  ints or UNKNOWN, checked against numpy itself in tests/test_arrays.py;
- library handlers registered by canonical path with `@handles("numpy.random.randint")` (the one registry of
  kerlint/ir/handlers/registry.py), grouped by library below (numpy, pandas, scikit-learn, TensorFlow 1). A
  handler receives the interpreter (for `new_data`, which numbers the data's identity), the call's positional
  and keyword values, its node and the Call (path, argument nodes), and returns the value of the call, or
  `NotImplemented` to let the next handler (and at last the family's default) answer.

Unknown stays unknown: a handler that cannot read an argument returns facts it is sure of and leaves the rest
UNKNOWN/None.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from kerlint.ir.handlers.registry import handles, handles_method
from kerlint.ir.model import UNKNOWN, Data
from kerlint.ir.values import Builtin, Ref

# --- small value helpers ------------------------------------------------------------------------------

def _int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _num(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _arg(args, kwargs, index, name, default=None):
    if name in kwargs:
        return kwargs[name]
    return args[index] if len(args) > index else default


def size_shape(size):
    """numpy's `size=` / `shape=` argument as a shape tuple; None when unreadable (or a scalar: size=None)."""
    if _int(size) and size >= 0:
        return (size,)
    if isinstance(size, (tuple, list)) and all(_int(d) and d >= 0 or d is UNKNOWN for d in size):
        return tuple(size)
    return None


def dtype_family(dtype) -> Any:
    """"float" / "int" / "uint8" / "bool" / "str" for a dtype argument (np.float32, "int32", float), or UNKNOWN."""
    if isinstance(dtype, Ref):
        name = dtype.path.split(".")[-1]
    elif isinstance(dtype, Builtin):
        name = dtype.name
    elif isinstance(dtype, str):
        name = dtype
    else:
        return UNKNOWN
    name = name.lower()
    if name == "uint8":
        return "uint8"
    if name.startswith(("float", "half", "double", "single", "bfloat")):
        return "float"
    if name.startswith(("int", "uint", "long", "short")):
        return "int"
    if name in ("bool", "bool_"):
        return "bool"
    if name in ("str", "str_", "object", "unicode", "u", "s") or name.startswith(("<u", "u1", "s1")):
        return "str"
    return UNKNOWN


# --- shape algebra ------------------------------------------------------------------------------------
# Shapes are tuples of ints and UNKNOWN; functions return None when the result cannot be computed.

def _dim_add(a, b):
    return a + b if _int(a) and _int(b) else UNKNOWN


def _axis(axis, ndim):
    if not _int(axis) or not -ndim <= axis < ndim:
        return None
    return axis % ndim


def _slice_len(dim, sl: slice):
    if not _int(dim):
        return UNKNOWN
    parts = (sl.start, sl.stop, sl.step)
    if not all(p is None or _int(p) for p in parts) or sl.step == 0:
        return UNKNOWN
    return len(range(*slice(*parts).indices(dim)))


def index_shape(shape, keys):
    """Shape of `x[keys]` for basic indexing (ints, slices, None/newaxis, Ellipsis) and a single integer-array
    index (given as a shape tuple in an `ArrayIndex`); None when unknown (boolean masks, several array indices)."""
    if shape is None:
        return None
    keys = list(keys)
    if sum(1 for k in keys if k is Ellipsis) > 1:
        return None
    consumed = sum(1 for k in keys if k is not None and k is not Ellipsis)
    if consumed > len(shape):
        return None
    if Ellipsis in keys:
        at = keys.index(Ellipsis)
        keys[at:at + 1] = [slice(None)] * (len(shape) - consumed)
    else:
        keys += [slice(None)] * (len(shape) - consumed)
    out: list = []
    dims = iter(shape)
    arrays = [k for k in keys if isinstance(k, ArrayIndex)]
    if len(arrays) > 1:
        return None
    for key in keys:
        if key is None:
            out.append(1)
        elif isinstance(key, slice):
            out.append(_slice_len(next(dims), key))
        elif isinstance(key, ArrayIndex):
            next(dims)
            if key.shape is None or key.boolean:
                return None
            out.extend(key.shape)
        elif _int(key):
            dim = next(dims)
            if _int(dim) and not -dim <= key < dim:
                return None
        else:
            return None
    return tuple(out)


def _expanded(keys, ndim):
    """keys with Ellipsis and the missing trailing axes written out as full slices (newaxis entries dropped)."""
    keys = [k for k in keys if k is not None]
    if Ellipsis in keys:
        at = keys.index(Ellipsis)
        keys[at:at + 1] = [slice(None)] * (ndim - len(keys) + 1)
    return keys + [slice(None)] * (ndim - len(keys))


def _full(key) -> bool:
    return isinstance(key, slice) and key == slice(None)


def index(data: Data, keys) -> Data:
    """`x[keys]` with several index parts (`x[:, 0]`, `y[:, -1, :]`, `x[..., None]`): the shape, the value range
    (a subset of the values), and the label encoding unless the index picks among the classes (the last axis)."""
    if keys is None:
        return data.derive()
    shape = index_shape(data.shape, keys)
    facts: dict = {}
    if data.label_encoding != UNKNOWN or data.num_classes != UNKNOWN:
        if data.shape is not None and len([k for k in keys if k is not None and k is not Ellipsis]) <= len(data.shape):
            last = _expanded(keys, len(data.shape))[len(data.shape) - 1]
            picks_classes = not _full(last)
        else:
            picks_classes = any(not _full(k) and k is not None and k is not Ellipsis for k in keys[1:])
        if picks_classes:
            facts = {"label_encoding": UNKNOWN, "num_classes": UNKNOWN}
    return data.derive(shape=shape, value_range=data.value_range, **facts)


@dataclass(frozen=True)
class ArrayIndex:
    """An array used as an index: its shape, and whether it is a boolean mask."""

    shape: Any
    boolean: bool = False


def reshape_shape(shape, dims):
    """Shape after reshape(dims) with at most one -1; the sample dimension may stay UNKNOWN."""
    dims = list(dims) if isinstance(dims, (tuple, list)) else [dims] if _int(dims) else None
    if not dims or not all(_int(d) and (d > 0 or d == -1) or d is UNKNOWN for d in dims):
        return None
    if dims.count(-1) + dims.count(UNKNOWN) > 1:
        return None
    if -1 in dims:
        total = math.prod(shape) if shape is not None and all(_int(d) for d in shape) else None
        known = math.prod(d for d in dims if d != -1)
        if total is None:
            return tuple(UNKNOWN if d == -1 else d for d in dims) if dims.index(-1) == 0 else None
        if known == 0 or total % known:
            return None
        return tuple(total // known if d == -1 else d for d in dims)
    return tuple(dims)


def expand_dims_shape(shape, axis):
    if shape is None:
        return None
    n = len(shape) + 1
    at = _axis(axis, n)
    if at is None:
        return None
    out = list(shape)
    out.insert(at, 1)
    return tuple(out)


def squeeze_shape(shape, axis=None):
    if shape is None:
        return None
    if axis is None:
        if any(d is UNKNOWN for d in shape):
            return None
        return tuple(d for d in shape if d != 1)
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    at = [_axis(a, len(shape)) for a in axes]
    if any(a is None for a in at) or any(shape[a] not in (1, UNKNOWN) for a in at):
        return None
    return tuple(d for i, d in enumerate(shape) if i not in at)


def transpose_shape(shape, axes=None):
    if shape is None:
        return None
    if axes is None:
        return tuple(reversed(shape))
    if not isinstance(axes, (tuple, list)) or sorted(a % len(shape) if _int(a) else -99 for a in axes) != list(
            range(len(shape))):
        return None
    return tuple(shape[a] for a in axes)


def swapaxes_shape(shape, a, b):
    if shape is None:
        return None
    i, j = _axis(a, len(shape)), _axis(b, len(shape))
    if i is None or j is None:
        return None
    out = list(shape)
    out[i], out[j] = out[j], out[i]
    return tuple(out)


def concat_shape(shapes, axis=0):
    if not shapes or any(s is None for s in shapes) or len({len(s) for s in shapes}) != 1:
        return None
    at = _axis(axis, len(shapes[0]))
    if at is None:
        return None
    out = list(shapes[0])
    for s in shapes[1:]:
        for i, d in enumerate(s):
            if i == at:
                out[i] = _dim_add(out[i], d)
            elif _int(out[i]) and _int(d) and out[i] != d:
                return None
            elif out[i] is UNKNOWN:
                out[i] = d
    return tuple(out)


def stack_shape(shapes, axis=0):
    if not shapes or any(s is None or UNKNOWN in s for s in shapes) or len({tuple(s) for s in shapes}) != 1:
        return None
    at = _axis(axis, len(shapes[0]) + 1)
    if at is None:
        return None
    out = list(shapes[0])
    out.insert(at, len(shapes))
    return tuple(out)


def reduce_shape(shape, axis, keepdims=False):
    """Shape after a reduction (argmax, sum, mean) over one axis; None (a scalar, or unknown) when axis is None."""
    if shape is None or axis is None:
        return None
    at = _axis(axis, len(shape))
    if at is None:
        return None
    if keepdims:
        return tuple(1 if i == at else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i != at)


def one_hot_shape(shape, width, squeeze_trailing_one=False):
    """Shape of a one-hot encoding of integer labels: `to_categorical` drops a trailing 1 first, tf.one_hot
    and np.eye(k)[y] do not."""
    if shape is None or not _int(width):
        return None
    if squeeze_trailing_one and len(shape) > 1 and shape[-1] == 1:
        shape = shape[:-1]
    return tuple(shape) + (width,)


def literal_facts(value):
    """(shape, dtype, value range) of a nested list/tuple of literal numbers/strings; None when not one."""
    if isinstance(value, (list, tuple)):
        if not value:
            return (0,), "float", None
        parts = [literal_facts(v) for v in value]
        if any(p is None for p in parts) or len({p[0] for p in parts}) != 1:
            return None
        dtypes = {p[1] for p in parts}
        dtype = "str" if "str" in dtypes else "float" if "float" in dtypes else "int" if "int" in dtypes else "bool"
        ranges = [p[2] for p in parts if p[2] is not None]
        span = (min(r[0] for r in ranges), max(r[1] for r in ranges)) if ranges and dtype != "str" else None
        return (len(value),) + parts[0][0], dtype, span
    if isinstance(value, bool):
        return (), "bool", (int(value), int(value))
    if isinstance(value, int):
        return (), "int", (value, value)
    if isinstance(value, float):
        return (), "float", (value, value) if math.isfinite(value) else None
    if isinstance(value, str):
        return (), "str", None
    return None


def is_constant(data: Data) -> bool:
    """An array written out as literals (`np.array([255, 1, 1])`): a constant, not data."""
    return data.origin == "np.array"


# --- value ranges under arithmetic --------------------------------------------------------------------

def arith_facts(data: Data, op: str, other, data_on_left: bool) -> dict:
    """value_range and dtype of `data <op> other` (other a number, or a Data), for Data.derive."""
    span = data.value_range
    out: dict = {}
    if isinstance(other, Data):
        if op in ("Add", "Subtract", "Multiply") and span is not None and other.value_range is not None:
            a, b = (span, other.value_range) if data_on_left else (other.value_range, span)
            out["value_range"] = _combine(op, a, b)
        if data.dtype == other.dtype and op != "Divide":
            out["dtype"] = data.dtype
        elif "float" in (data.dtype, other.dtype) or op == "Divide":
            out["dtype"] = "float"
        else:
            out["dtype"] = UNKNOWN
        return out
    if not _num(other):
        out["dtype"] = UNKNOWN
        return out
    if op == "Divide" or isinstance(other, float):
        out["dtype"] = "float"
    elif data.dtype == "uint8" and op in ("Add", "Subtract", "Multiply"):
        out["dtype"] = UNKNOWN  # numpy's uint8 wraps around; leave it unknown
        return out
    else:
        out["dtype"] = data.dtype
    if span is None:
        return out
    point = (other, other)
    if op == "Power":
        if data_on_left and _int(other) and 0 <= other <= 16:
            lo, hi = span
            values = [lo ** other, hi ** other]
            if other % 2 == 0 and lo < 0 < hi:
                values.append(0)
            out["value_range"] = (min(values), max(values))
        return out
    if op == "Divide":
        if data_on_left and other != 0:
            out["value_range"] = _combine("Multiply", span, (1 / other, 1 / other))
        return out
    if op in ("Add", "Subtract", "Multiply"):
        out["value_range"] = _combine(op, span, point) if data_on_left else _combine(op, point, span)
    return out


def _combine(op, a, b):
    if op == "Add":
        return (a[0] + b[0], a[1] + b[1])
    if op == "Subtract":
        return (a[0] - b[1], a[1] - b[0])
    products = [x * y for x in a for y in b]
    return (min(products), max(products))


# --- numpy ----------------------------------------------------------------------------------------------

def _array(interp, origin, node, shape, dtype, value_range, **facts) -> Data:
    return interp.new_data(origin, node, shape=shape, dtype=dtype, value_range=value_range, scaled=False, **facts)


def _integer_labels(low, high, shape) -> dict:
    """Integer arrays with values in [low, high): class ids with `high` classes, when they can be labels —
    one id per sample, or a class > 2 per position (a 0/1 matrix may be multi-hot: not judged)."""
    if not (_int(low) and _int(high) and 0 <= low < high) or shape is None:
        return {}
    if len(shape) == 1 or (len(shape) == 2 and shape[1] == 1) or (len(shape) > 1 and high > 2):
        return {"label_encoding": "sparse", "num_classes": high}
    return {}


@handles("numpy.random.randint", "numpy.random.random_integers")
def np_randint(interp, args, kwargs, node, call):
    low = _arg(args, kwargs, 0, "low")
    high = _arg(args, kwargs, 1, "high")
    size = _arg(args, kwargs, 2, "size")
    if high is None:
        low, high = 0, low
    shape = size_shape(size)
    if shape is None:
        return UNKNOWN  # a scalar or an unreadable size
    dtype = dtype_family(kwargs["dtype"]) if "dtype" in kwargs else "int"
    span = (low, high - 1) if _int(low) and _int(high) else None
    labels = _integer_labels(low, high, shape) if dtype in ("int", "uint8") else {}
    return _array(interp, "np.random.randint", node, shape, dtype, span, **labels)


@handles("numpy.random.random", "numpy.random.random_sample", "numpy.random.ranf", "numpy.random.sample")
def np_random(interp, args, kwargs, node, call):
    shape = size_shape(_arg(args, kwargs, 0, "size"))
    if shape is None:
        return UNKNOWN
    return _array(interp, "np.random.random", node, shape, "float", (0.0, 1.0))


@handles("numpy.random.rand")
def np_rand(interp, args, kwargs, node, call):
    shape = size_shape(tuple(args))
    if not args or shape is None:
        return UNKNOWN
    return _array(interp, "np.random.rand", node, shape, "float", (0.0, 1.0))


@handles("numpy.random.randn")
def np_randn(interp, args, kwargs, node, call):
    shape = size_shape(tuple(args))
    if not args or shape is None:
        return UNKNOWN
    return _array(interp, "np.random.randn", node, shape, "float", None)


@handles("numpy.random.uniform")
def np_uniform(interp, args, kwargs, node, call):
    low, high = _arg(args, kwargs, 0, "low", 0.0), _arg(args, kwargs, 1, "high", 1.0)
    shape = size_shape(_arg(args, kwargs, 2, "size"))
    if shape is None:
        return UNKNOWN
    span = (min(low, high), max(low, high)) if _num(low) and _num(high) else None
    return _array(interp, "np.random.uniform", node, shape, "float", span)


@handles("numpy.random.normal")
def np_normal(interp, args, kwargs, node, call):
    shape = size_shape(_arg(args, kwargs, 2, "size"))
    return UNKNOWN if shape is None else _array(interp, "np.random.normal", node, shape, "float", None)


@handles("numpy.random.standard_normal")
def np_standard_normal(interp, args, kwargs, node, call):
    shape = size_shape(_arg(args, kwargs, 0, "size"))
    return UNKNOWN if shape is None else _array(interp, "np.random.normal", node, shape, "float", None)


@handles("numpy.random.choice")
def np_choice(interp, args, kwargs, node, call):
    pool = _arg(args, kwargs, 0, "a")
    shape = size_shape(_arg(args, kwargs, 1, "size"))
    if shape is None:
        return UNKNOWN
    if _int(pool):
        return _array(interp, "np.random.choice", node, shape, "int", (0, pool - 1),
                      **_integer_labels(0, pool, shape))
    facts = literal_facts(list(pool)) if isinstance(pool, (list, tuple)) else None
    if facts is None or len(facts[0]) != 1:
        return _array(interp, "np.random.choice", node, shape, UNKNOWN, None)
    return _array(interp, "np.random.choice", node, shape, facts[1], facts[2])


def _filled(value):
    def handler(interp, args, kwargs, node, call):
        shape = size_shape(_arg(args, kwargs, 0, "shape"))
        if shape is None:
            return UNKNOWN
        fill = value if value != "full" else _arg(args, kwargs, 1, "fill_value")
        dtype = dtype_family(kwargs["dtype"]) if "dtype" in kwargs else (
            "int" if _int(fill) and value == "full" else "float")
        span = (fill, fill) if _num(fill) else None
        return _array(interp, "np.zeros" if fill == 0 else "np.ones" if fill == 1 else "np.full", node, shape,
                      dtype, span)
    return handler


handles("numpy.zeros")(_filled(0))
handles("numpy.ones")(_filled(1))
handles("numpy.full")(_filled("full"))


@handles("numpy.empty")
def np_empty(interp, args, kwargs, node, call):
    shape = size_shape(_arg(args, kwargs, 0, "shape"))
    return UNKNOWN if shape is None else _array(interp, "np.empty", node, shape, "float", None)


@handles("numpy.arange")
def np_arange(interp, args, kwargs, node, call):
    nums = [a for a in args[:3]]
    if not nums or not all(_num(a) for a in nums):
        return UNKNOWN
    start, stop, step = (0, nums[0], 1) if len(nums) == 1 else (nums[0], nums[1], nums[2] if len(nums) > 2 else 1)
    if step == 0:
        return UNKNOWN
    count = max(math.ceil((stop - start) / step), 0)
    dtype = "int" if all(_int(a) for a in nums) else "float"
    last = start + (count - 1) * step
    span = (min(start, last), max(start, last)) if count else None
    return _array(interp, "np.arange", node, (count,), dtype, span)


@handles("numpy.linspace")
def np_linspace(interp, args, kwargs, node, call):
    start, stop = _arg(args, kwargs, 0, "start"), _arg(args, kwargs, 1, "stop")
    num = _arg(args, kwargs, 2, "num", 50)
    if not (_num(start) and _num(stop) and _int(num) and num >= 0):
        return UNKNOWN
    return _array(interp, "np.linspace", node, (num,), "float", (min(start, stop), max(start, stop)) if num else None)


@handles("numpy.eye")
def np_eye(interp, args, kwargs, node, call):
    return _eye(interp, _arg(args, kwargs, 0, "N"), _arg(args, kwargs, 1, "M"), node)


@handles("numpy.identity")
def np_identity(interp, args, kwargs, node, call):
    return _eye(interp, _arg(args, kwargs, 0, "n"), None, node)


def _eye(interp, n, m, node):
    if not _int(n) or n <= 0 or not (m is None or (_int(m) and m > 0)):
        return UNKNOWN
    width = m or n
    # indexing its rows with integer labels one-hot encodes them: np.eye(k)[y] (see one_hot_rows)
    return _array(interp, "np.eye", node, (n, width), "float", (0.0, 1.0), label_encoding="onehot",
                  num_classes=width)


def one_hot_rows(table: Data, key: Data) -> Data | None:
    """`np.eye(k)[y]`: integer labels y one-hot encoded — y's identity (samples, split), k columns."""
    if table.origin != "np.eye" or not isinstance(table.num_classes, int) or key.dtype not in ("int", "uint8", UNKNOWN):
        return None
    if key.label_encoding == "onehot":
        return None
    shape = one_hot_shape(key.shape, table.num_classes)
    return key.derive(label_encoding="onehot", num_classes=table.num_classes, role="labels", shape=shape, name=None,
                      dtype="float", value_range=(0.0, 1.0))


def argmax(data: Data, axis, keepdims=False) -> Data:
    """np.argmax(y, axis) / y.argmax(axis): one-hot rows back to integer class ids."""
    shape = data.shape
    if axis is None or shape is None:
        return data.derive(label_encoding=UNKNOWN, num_classes=UNKNOWN, dtype="int")
    out_shape = reduce_shape(shape, axis, keepdims)
    last = _axis(axis, len(shape)) == len(shape) - 1
    width = shape[-1] if _int(shape[-1]) else UNKNOWN
    facts: dict = {"label_encoding": UNKNOWN, "num_classes": UNKNOWN}
    if last and data.label_encoding == "onehot":
        facts = {"label_encoding": "sparse", "num_classes": data.num_classes}
    elif last and _int(width) and out_shape is not None and len(out_shape) == 1:
        facts = {"label_encoding": "sparse", "num_classes": width}  # argmax over the last axis of (n, k) scores
    return data.derive(shape=out_shape, dtype="int",
                       value_range=(0, width - 1) if _int(width) and last else None, **facts)


@handles("numpy.argmax")
def np_argmax(interp, args, kwargs, node, call):
    data = _arg(args, kwargs, 0, "a")
    if not isinstance(data, Data):
        return UNKNOWN
    return argmax(data, _arg(args, kwargs, 1, "axis"), kwargs.get("keepdims") is True)


@handles("numpy.array", "numpy.asarray", "numpy.asanyarray")
def np_array(interp, args, kwargs, node, call):
    value = _arg(args, kwargs, 0, "object")
    if isinstance(value, Data):
        return NotImplemented  # the extractor's own handling keeps the array's identity and facts
    if isinstance(value, range):  # np.array(range(n)): the integers of the range
        span = (min(value), max(value)) if len(value) else None
        dtype = dtype_family(kwargs["dtype"]) if "dtype" in kwargs else "int"
        return _array(interp, "np.array", node, (len(value),), dtype, span)
    if not isinstance(value, (list, tuple)) or not value or id(value) in getattr(interp, "grown_lists", {}):
        return NotImplemented  # an empty list, or one grown in a loop kerlint could not follow: length unknown
    facts = literal_facts(value)
    if facts is None or not facts[0]:
        return NotImplemented
    shape, dtype, span = facts
    if "dtype" in kwargs:
        dtype = dtype_family(kwargs["dtype"])
    labels = {}
    if dtype == "int" and span is not None and span[0] >= 0:
        labels = _integer_labels(0, span[1] + 1, shape) if span[1] >= 2 else {}
    return _array(interp, "np.array", node, shape, dtype, span, **labels)


@handles("numpy.squeeze")
def np_squeeze(interp, args, kwargs, node, call):
    data = _arg(args, kwargs, 0, "a")
    if not isinstance(data, Data):
        return NotImplemented
    return squeeze(data, _arg(args, kwargs, 1, "axis"))


def squeeze(data: Data, axis) -> Data:
    return data.derive(shape=squeeze_shape(data.shape, axis), value_range=data.value_range)


@handles("numpy.swapaxes")
def np_swapaxes(interp, args, kwargs, node, call):
    data = _arg(args, kwargs, 0, "a")
    if not isinstance(data, Data):
        return UNKNOWN
    shape = swapaxes_shape(data.shape, _arg(args, kwargs, 1, "axis1"), _arg(args, kwargs, 2, "axis2"))
    return data.derive(max_samples=None, shape=shape, value_range=data.value_range)


def shaped_after(name: str, first: Data, args, kwargs):
    """The shape np.<name>(first, ...) computes, for the joins and axis moves the extractor handles
    (its facts about identity and sample counts stay there); None when unknown."""
    if name == "transpose":
        return transpose_shape(first.shape, _arg(args, kwargs, 1, "axes"))
    if name == "moveaxis":
        src, dst = _arg(args, kwargs, 1, "source"), _arg(args, kwargs, 2, "destination")
        if first.shape is None or _axis(src, len(first.shape)) is None or _axis(dst, len(first.shape)) is None:
            return None
        dims = list(first.shape)
        dim = dims.pop(_axis(src, len(first.shape)))
        dims.insert(_axis(dst, len(first.shape)), dim)
        return tuple(dims)
    if name == "squeeze":
        return squeeze_shape(first.shape, _arg(args, kwargs, 1, "axis"))
    return None


def joined_shape(name: str, items: list, kwargs):
    """np.concatenate / stack / vstack / hstack over a list of arrays: the shape, when every part's is known."""
    if not items or not all(isinstance(i, Data) for i in items):
        return None
    shapes = [i.shape for i in items]
    axis = kwargs.get("axis", 0)
    if name == "concatenate":
        return concat_shape(shapes, axis)
    if name == "stack":
        return stack_shape(shapes, axis)
    if name == "vstack":
        return concat_shape([s if s is None or len(s) > 1 else (1,) + tuple(s) for s in shapes], 0)
    if name == "hstack":
        return concat_shape(shapes, 0 if shapes[0] is not None and len(shapes[0]) == 1 else 1)
    return None


def same_values(items: list) -> dict:
    """Facts a join keeps when every part agrees: dtype, label encoding, the union of the ranges."""
    out: dict = {}
    if len({i.dtype for i in items}) == 1:
        out["dtype"] = items[0].dtype
    if all(i.value_range is not None for i in items):
        out["value_range"] = (min(i.value_range[0] for i in items), max(i.value_range[1] for i in items))
    return out


# --- pandas -------------------------------------------------------------------------------------------------

@handles("pandas.get_dummies")
def pd_get_dummies(interp, args, kwargs, node, call):
    data = _arg(args, kwargs, 0, "data")
    base = data if isinstance(data, Data) else interp.new_data("pandas.get_dummies", node)
    return base.derive(label_encoding="onehot", num_classes=UNKNOWN, dtype=UNKNOWN, value_range=(0, 1),
                       scaled=UNKNOWN)


# --- scikit-learn ---------------------------------------------------------------------------------------------

@dataclass(eq=False)
class Encoder:
    """A label encoder object: what its fit_transform / transform returns."""

    name: str
    encoding: str  # "sparse" (integer ids) or "onehot"
    num_classes: Any = UNKNOWN

    def transform(self, data) -> Any:
        if not isinstance(data, Data):
            return UNKNOWN
        if self.encoding == "sparse":
            return data.derive(label_encoding="sparse", num_classes=UNKNOWN, dtype="int", role="labels")
        return data.derive(label_encoding="onehot", num_classes=UNKNOWN, dtype="float", value_range=(0, 1),
                           role="labels")


@handles("sklearn.preprocessing.LabelEncoder", "sklearn.preprocessing._label.LabelEncoder")
def sk_label_encoder(interp, args, kwargs, node, call):
    return Encoder("LabelEncoder", "sparse")


@handles("sklearn.preprocessing.OneHotEncoder")
def sk_one_hot_encoder(interp, args, kwargs, node, call):
    return Encoder("OneHotEncoder", "onehot")


@handles_method(Encoder)
def encoder_method(interp, encoder: Encoder, name: str, args, kwargs, node, arg_nodes):
    if name in ("fit_transform", "transform") and args:
        return encoder.transform(args[0])
    if name == "fit":
        return encoder
    return UNKNOWN


# --- TensorFlow 1 ------------------------------------------------------------------------------------------

@dataclass(eq=False)
class Namespace:
    """A loader object read by attribute (`mnist.train.images`) and method (`mnist.train.next_batch(n)`)."""

    name: str
    attrs: dict = field(default_factory=dict)
    methods: dict = field(default_factory=dict)  # name -> callable(args, kwargs) -> value

    def attribute(self, name):
        return self.attrs.get(name, UNKNOWN)

    def call(self, name, args, kwargs):
        method = self.methods.get(name)
        return method(args, kwargs) if method is not None else UNKNOWN


@handles_method(Namespace)
def namespace_method(interp, namespace: Namespace, name: str, args, kwargs, node, arg_nodes):
    return namespace.call(name, args, kwargs)


_TF1_MNIST_SPLITS = {"train": 55000, "validation": 5000, "test": 10000}


@handles("tensorflow.examples.tutorials.mnist.input_data.read_data_sets",
         "tensorflow.contrib.learn.datasets.mnist.read_data_sets")
def tf1_mnist(interp, args, kwargs, node, call):
    """TF 1's MNIST loader: images flattened to 784 floats in [0, 1]; labels integer ids, or one-hot with
    one_hot=True (default False)."""
    one_hot = _arg(args, kwargs, 2, "one_hot", False)
    if not isinstance(one_hot, bool):
        one_hot = UNKNOWN
    splits = {}
    for split, size in _TF1_MNIST_SPLITS.items():
        images = interp.new_data("tf1_mnist", node, role="inputs", split=split, image_like=True, raw_range=(0, 255),
                                 scaled=True, max_samples=size, shape=(UNKNOWN, 784), dtype="float",
                                 value_range=(0.0, 1.0))
        if one_hot is True:
            labels = interp.new_data("tf1_mnist", node, role="labels", split=split, label_encoding="onehot",
                                     num_classes=10, shape=(UNKNOWN, 10), dtype="float", value_range=(0.0, 1.0))
        elif one_hot is False:
            labels = interp.new_data("tf1_mnist", node, role="labels", split=split, label_encoding="sparse",
                                     num_classes=10, shape=(UNKNOWN,), dtype="int", value_range=(0, 9))
        else:
            labels = interp.new_data("tf1_mnist", node, role="labels", split=split)

        def next_batch(args, kwargs, images=images, labels=labels):
            n = _arg(args, kwargs, 0, "batch_size")
            count = n if _int(n) and n > 0 else UNKNOWN
            return (images.derive(shape=(count,) + images.shape[1:], value_range=images.value_range, name=None),
                    labels.derive(shape=(count,) + labels.shape[1:] if labels.shape else None,
                                  value_range=labels.value_range, name=None))

        splits[split] = Namespace(f"mnist.{split}", {"images": images, "labels": labels, "num_examples": size},
                                  {"next_batch": next_batch})
    return Namespace("tf1_mnist", splits)
