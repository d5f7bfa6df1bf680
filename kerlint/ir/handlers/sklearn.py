"""scikit-learn: scalers (`StandardScaler().fit_transform(x)` scales), `train_test_split` (rows split, row shape
and values kept) and `normalize`/`scale`. The label encoders are in kerlint/ir/arrays.py.
"""

from __future__ import annotations

from kerlint.ir import keras_api as api
from kerlint.ir.handlers.registry import handles, handles_method
from kerlint.ir.model import UNKNOWN, Data
from kerlint.ir.values import Scaler


def _sklearn(site) -> bool:
    return site.path.startswith("sklearn")


@handles(family="other", when=lambda site: site.last in api.SKLEARN_SCALERS and _sklearn(site))
def scaler(ex, args, kwargs, node, call):
    return Scaler(call.last)


@handles(family="other", when=lambda site: site.last == "train_test_split" and _sklearn(site))
def train_test_split(ex, args, kwargs, node, call):
    out = []
    for arr in args:
        if isinstance(arr, Data):
            part = {"shape": (UNKNOWN,) + tuple(arr.shape[1:]) if arr.shape else None,
                    "value_range": arr.value_range}  # rows split, row shape and values kept
            out += [arr.derive(split="train", split_of=arr, name=None, **part),
                    arr.derive(split="test", split_of=arr, name=None, **part)]
        else:
            out += [UNKNOWN, UNKNOWN]
    return tuple(out) if out else UNKNOWN


@handles(family="other", when=lambda site: site.last in ("normalize", "scale", "minmax_scale") and _sklearn(site))
def normalize(ex, args, kwargs, node, call):
    if not args:
        return NotImplemented
    return ex._maybe_augmented(args[0].derive(scaled=True), args[0]) if isinstance(args[0], Data) else UNKNOWN


@handles_method(Scaler)
def scaler_method(ex, obj, name, args, kwargs, node, arg_nodes):
    if name in ("fit_transform", "transform") and args and isinstance(args[0], Data):
        return ex._maybe_augmented(args[0].derive(scaled=True), args[0])
    return obj if name == "fit" else UNKNOWN
