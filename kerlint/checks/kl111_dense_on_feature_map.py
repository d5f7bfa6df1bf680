"""KL111 dense-on-unflattened-feature-map: a Dense applied to a feature map (rank ≥ 3 per sample; ≥ 2 when
the model is fitted on images) on the way to a single output that is still a map.

Keras' Dense acts on the last axis only (it is applied at every position), so the model predicts one
vector per position. When the labels have one class per sample (a Keras dataset's integer classes) that is
an error — the loss compares a map with a vector; otherwise it may be per-pixel/per-step prediction (a
warning). One finding per model, at the first such Dense. The fix (unsafe) puts `Flatten()` before the
Dense: a `Flatten()` element in a Sequential list, or `Dense(10)(layers.Flatten()(x))` in the functional API;
Flatten is spelled like the Dense (`layers.Flatten`, `tf.keras.layers.Flatten`), and a Dense imported by
name gets no fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.training import labels_of
from kerlint.checks.api import ERROR, WARNING
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import applying_call, containing_list, element_like
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.ir import graph
from kerlint.ir.keras_api import DATASETS
from kerlint.ir.model import Data, Layer, ModelIR
from kerlint.violation import Fix, Severity

_FIX_TITLE = "Flatten the feature map before this Dense layer"
_HOW = "Dense applied to a {} feature map without Flatten/GlobalPooling: Dense acts on the last axis only, so the model"


@dataclass(frozen=True, eq=False)
class _DenseOnMap(Diagnosis):
    """`layer` (a Dense) reads a feature map."""

    layer: Layer

    @property
    def node(self) -> cst.CSTNode:
        return self.layer.node

    def fix(self, ctx: FixContext) -> Fix | None:
        call = self.layer.node
        if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
            return None
        flatten = cst.Call(func=cst.Attribute(value=call.func.value, attr=cst.Name("Flatten")))
        where = containing_list(ctx.module, call)
        if where is not None:
            lst, index = where
            elements = list(lst.elements)
            elements.insert(index, element_like(flatten, elements[index - 1] if index else elements[index]))
            return ctx.fix(_FIX_TITLE, UNSAFE, [ctx.replace(lst, lst.with_changes(elements=elements))])
        applied = applying_call(ctx.module, call)
        if applied is None or len(applied.args) != 1 or applied.args[0].keyword is not None:
            return None
        tensor = applied.args[0].value
        return ctx.fix(_FIX_TITLE, UNSAFE, [ctx.replace(tensor, cst.Call(func=flatten, args=[cst.Arg(tensor)]))])


@dataclass(frozen=True, eq=False)
class PerPositionPrediction(_DenseOnMap):
    """The model predicts a map (`output_shape`) while the labels have one class per sample."""

    output_shape: tuple
    severity: Severity | None = ERROR

    @property
    def message(self) -> str:
        return (f"{_HOW.format(_shape_text(self.layer.input_shape))} predicts per position "
                f"({_shape_text(self.output_shape)}) while the labels have one class per sample. Add Flatten() or "
                f"GlobalAveragePooling2D() before it")


@dataclass(frozen=True, eq=False)
class DenseOnFeatureMap(_DenseOnMap):
    """The model outputs a map; whether the labels are one per sample is not known."""

    severity: Severity | None = WARNING

    @property
    def message(self) -> str:
        return (f"{_HOW.format(_shape_text(self.layer.input_shape))} outputs one prediction per position. Unless "
                f"this is per-pixel/per-step prediction, add Flatten() or GlobalAveragePooling2D() before it")


def _shape_text(shape) -> str:
    return "×".join("?" if d is None else str(d) for d in shape)


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


@rule("KL111", diagnoses=(PerPositionPrediction, DenseOnFeatureMap))
def dense_on_unflattened_feature_map(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    outputs = model.graph.outputs
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
        labels = [labels_of(fit) for fit in model.fits]
        per_sample = any(lab is not None and lab.origin in DATASETS and isinstance(lab.num_classes, int)
                         for lab in labels)
        yield PerPositionPrediction(layer, out_shape) if per_sample else DenseOnFeatureMap(layer)
        return
