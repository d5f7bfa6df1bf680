"""numpy calls that keep, move or join arrays (`np.array`, `np.reshape`, `np.concatenate`, ...) and file reads
(`np.load`). The array constructors and random arrays are in kerlint/ir/arrays.py (registered the same way).
"""

from __future__ import annotations

from kerlint.ir import arrays
from kerlint.ir.dataflow import numpy_shape, same_sample_size
from kerlint.ir.handlers.registry import handles
from kerlint.ir.model import UNKNOWN, Data

_ARRAY_OPS = ("array", "asarray", "expand_dims", "reshape", "squeeze", "transpose", "copy", "ascontiguousarray",
              "stack", "vstack", "hstack", "concatenate", "float32", "moveaxis")
_SAME_COUNT = ("array", "asarray", "expand_dims", "squeeze", "copy", "ascontiguousarray", "float32")


@handles("numpy.load", "numpy.loadtxt", "numpy.genfromtxt")
def load(ex, args, kwargs, node, call):
    # an array read from a file: nothing known about it but its identity (KL307 compares identities)
    return ex.new_data("file", node, scaled=UNKNOWN)


@handles(*(f"numpy.**.{name}" for name in _ARRAY_OPS))
def array_op(ex, args, kwargs, node, call):
    last = call.last
    first = args[0] if args else UNKNOWN
    # joins and axis moves can change the number of samples: forget the bound
    count = {} if last in _SAME_COUNT else {"max_samples": None}
    if isinstance(first, Data):
        shape = numpy_shape(last, first.shape, args, kwargs) or arrays.shaped_after(last, first, args, kwargs)
        if last == "reshape" and same_sample_size(first.shape, shape):
            count = {}  # np.reshape(x, (-1, 784)) of (n, 28, 28): still n samples
        dtype = arrays.dtype_family(kwargs["dtype"]) if "dtype" in kwargs else (
            "float" if last == "float32" else first.dtype)
        return first.derive(**count, shape=shape, dtype=dtype, value_range=first.value_range)
    if isinstance(first, (list, tuple)) and first and isinstance(first[0], Data):
        items = list(first)
        return first[0].derive(**count, shape=arrays.joined_shape(last, items, kwargs),
                               **arrays.same_values(items))
    return NotImplemented
