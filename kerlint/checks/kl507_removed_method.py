"""KL507 removed-model-method: Model methods and Layer attributes that are gone.

`predict_classes` / `predict_proba` were removed in TF 2.6 (errors when the target is 2.6+);
`layer.input_shape` / `layer.output_shape` in Keras 3 (a Model still has them). The fixes (safe):
`model.predict_proba(x)` -> `model.predict(x)` (Keras 2's predict_proba returned predict's output);
`model.predict_classes(x)` -> what Keras 2 computed for the model's output, when kerlint knows its width:
`model.predict(x).argmax(axis=-1)` for several units, `(model.predict(x) > 0.5).astype("int32")` for one (no
import needed: predict returns a NumPy array); and `layer.input_shape` -> `layer.input.shape` (same for output)
on a layer whose input shape is known, so it is built and has an input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import at_least, uses
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import SAFE, FixContext
from kerlint.ir.model import FileIR, Layer, known
from kerlint.violation import Edit, Fix


def _removed(method: str, advice: str) -> str:
    return f"model.{method}() was removed in TF 2.6 / Keras 3: {advice}"


@dataclass(frozen=True, eq=False)
class PredictProba(Diagnosis):
    """The method Name of `model.predict_proba(x)` (fix: `predict`)."""

    node: cst.Name

    @property
    def message(self) -> str:
        return _removed("predict_proba", "model.predict() returns the same probabilities")

    def fix(self, ctx: FixContext) -> Fix | None:
        if not isinstance(self.node, cst.Name):
            return None
        return ctx.fix("Use `predict`", SAFE, [ctx.replace(self.node, cst.Name("predict"))])


@dataclass(frozen=True, eq=False)
class PredictClasses(Diagnosis):
    """The method Name of `model.predict_classes(x)`; `units`, the model output's width (None: unknown, no
    fix), picks argmax or the 0.5 threshold."""

    node: cst.Name
    call: cst.Call
    units: int | None

    @property
    def message(self) -> str:
        if self.units == 1:
            advice = 'use (model.predict(x) > 0.5).astype("int32") for this one-unit output'
        elif self.units is not None:
            advice = "use np.argmax(model.predict(x), axis=-1)"
        else:
            advice = ('use np.argmax(model.predict(x), axis=-1), or (model.predict(x) > 0.5).astype("int32") '
                      "for a one-unit sigmoid output")
        return _removed("predict_classes", advice)

    def fix(self, ctx: FixContext) -> Fix | None:
        call, units = self.call, self.units
        if not isinstance(call, cst.Call) or not isinstance(units, int) or not isinstance(call.func, cst.Attribute):
            return None
        predict = ctx.code(call.with_changes(func=call.func.with_changes(attr=cst.Name("predict"))),
                           ctx.block_indent(call))
        new = f"{predict}.argmax(axis=-1)" if units > 1 else f'({predict} > 0.5).astype("int32")'
        where = ctx.replace(call, call)  # the call's range
        return ctx.fix("Use `predict` and " + ("argmax" if units > 1 else "a 0.5 threshold"), SAFE,
                       [Edit(where.start, where.end, new)])


@dataclass(frozen=True, eq=False)
class RemovedLayerShape(Diagnosis):
    """The Attribute `layer.input_shape` / `layer.output_shape` (fix: `layer.input.shape` / `layer.output.shape`
    when the layer's input shape is known: it is built)."""

    node: cst.Attribute
    attr: str  # "input_shape" or "output_shape"
    layer: Layer | None

    @property
    def message(self) -> str:
        return (f"layer.{self.attr} is gone in Keras 3 (AttributeError; a Model still has it): use "
                f"layer.{self._tensor}.shape")

    @property
    def _tensor(self) -> str:
        return self.attr.split("_")[0]

    def fix(self, ctx: FixContext) -> Fix | None:
        node, layer = self.node, self.layer
        if not isinstance(node, cst.Attribute) or layer is None or layer.input_shape is None:
            return None
        new = cst.Attribute(value=cst.Attribute(value=node.value, attr=cst.Name(self._tensor)),
                            attr=cst.Name("shape"))
        return ctx.fix(f"Use `.{self._tensor}.shape`", SAFE, [ctx.replace(node, new)])


def _output_units(model) -> int | None:
    layers = getattr(model, "outputs", None) or getattr(model, "layers", [])[-1:]
    if len(layers) != 1:
        return None
    shape = layers[0].output_shape
    if shape and known(shape[-1]) and isinstance(shape[-1], int):
        return shape[-1]
    return None


@rule("KL507", scope="file", diagnoses=(PredictProba, PredictClasses, RemovedLayerShape))
def removed_model_method(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    if at_least(opts, 2, 6):
        for use in uses(file, "removed-model-method"):
            if use.detail["method"] == "predict_proba":
                yield PredictProba(use.node)
            else:
                yield PredictClasses(use.node, use.detail["call"], _output_units(use.detail["model"]))
    if at_least(opts, 3):
        for use in uses(file, "removed-layer-attribute"):
            yield RemovedLayerShape(use.node, use.detail["attr"], use.detail["layer"])
