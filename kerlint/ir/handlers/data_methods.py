"""Methods of arrays, tables and datasets (`Data`): numpy's `reshape`/`astype`/`argmax`, pandas' `drop`/`values`,
tf.data's `shuffle`/`batch`/`map`/`cache`/`prefetch`.

`dataset.map(fn)` interprets `fn` on the dataset's elements (a user function, a layer, a model) and keeps what it
learns about them (scaled, augmented, the label encoding).
"""

from __future__ import annotations

from kerlint.ir import arrays
from kerlint.ir.dataflow import reshaped, same_sample_size
from kerlint.ir.handlers.registry import handles_method
from kerlint.ir.model import UNKNOWN, Data, Layer, ModelIR
from kerlint.ir.values import BoundMethod, Func, Instance, Ref


@handles_method(Data)
def data_method(ex, data: Data, name, args, kwargs, node, arg_nodes):
    if name == "reshape":  # keeps a sample-count bound only when the new leading dimension is a literal
        dims = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
        lead = dims[0] if dims else None
        bound = lead if isinstance(lead, int) and not isinstance(lead, bool) and lead > 0 else None
        shape = reshaped(data.shape, dims)
        if bound is None and same_sample_size(data.shape, shape):
            bound = data.max_samples  # x.reshape(-1, 28, 28, 1) of (n, 28, 28): still n samples
        return data.derive(max_samples=bound, shape=shape)
    if name in ("flatten", "transpose", "ravel", "repeat", "unbatch", "apply"):
        return data.derive(max_samples=None, batch_size=None)  # the number of samples may grow
    if name == "astype":
        dtype = arrays.dtype_family(args[0] if args else kwargs.get("dtype"))
        return data.derive(shape=data.shape, dtype=dtype, value_range=data.value_range if dtype in (
            "float", data.dtype) else None)
    if name in ("copy", "numpy", "to_numpy"):
        return data.derive(shape=data.shape, value_range=data.value_range)
    if name == "argmax":
        return arrays.argmax(data, args[0] if args else kwargs.get("axis"), kwargs.get("keepdims") is True)
    if name == "squeeze" and not data.is_dataset:
        return arrays.squeeze(data, args[0] if args else kwargs.get("axis"))
    if name in ("squeeze", "cache", "prefetch", "take", "skip", "with_options",
                "filter", "as_numpy_iterator"):
        return data.derive()
    if name in ("drop", "dropna", "fillna", "reset_index", "sample"):  # pandas: a new table, named when bound
        return data.derive(name=None)
    if name == "shuffle":
        return data.derive(shuffled=True)
    if name in ("batch", "padded_batch", "rebatch"):
        size = args[0] if args else kwargs.get("batch_size", UNKNOWN)
        known_size = isinstance(size, int) and not isinstance(size, bool) and size > 0 and not data.batched
        return data.derive(batched=True, batch_size=size if known_size else UNKNOWN)
    if name == "map" and args:
        return dataset_map(ex, data, args[0], node)
    if name in ("max", "min", "mean", "std", "sum"):
        return UNKNOWN
    return UNKNOWN


def dataset_map(ex, data: Data, fn, node):
    elements = data.elements if data.elements else (data.inputs,)
    if isinstance(fn, (Func, Layer, ModelIR, Instance, Ref, BoundMethod)):
        result = ex.call(fn, list(elements), {}, node)
    else:
        result = UNKNOWN
    if isinstance(result, tuple) and result:
        new_elements = tuple(r if isinstance(r, Data) else Data(origin="unknown", scaled=UNKNOWN)
                             for r in result)
    elif isinstance(result, Data):
        new_elements = (result,) + tuple(elements[1:])
    else:
        unknown = Data(origin=data.origin, scaled=UNKNOWN, image_like=data.inputs.image_like,
                       raw_range=data.inputs.raw_range, augmented=UNKNOWN)
        # the function may have re-encoded the labels too (tf.one_hot): nothing known about them
        new_elements = (unknown,) + tuple(Data(origin=e.origin, role="labels", lineage=e.lineage)
                                          for e in elements[1:])
    inputs = new_elements[0]
    label_facts = {}
    if len(new_elements) > 1:
        label_facts = {"label_encoding": new_elements[1].label_encoding,
                       "num_classes": new_elements[1].num_classes}
    return data.derive(elements=new_elements, scaled=inputs.scaled, augmented=bool(inputs.augmented)
                       or data.augmented, image_like=inputs.image_like or data.image_like, **label_facts)
