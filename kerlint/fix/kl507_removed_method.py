"""KL507 (safe): `model.predict_proba(x)` -> `model.predict(x)` (Keras 2's predict_proba returned predict's
output); `model.predict_classes(x)` -> what Keras 2 computed for the model's output, when kerlint knows its
width: `model.predict(x).argmax(axis=-1)` for several units, `(model.predict(x) > 0.5).astype("int32")` for
one (no import needed: predict returns a NumPy array); and `layer.input_shape` -> `layer.input.shape` (same
for output) on a layer whose input shape is known, so it is built and has an input.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.registry import SAFE, FixContext, fixer
from kerlint.violation import Edit, Fix


@fixer("KL507")
def removed_method(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = finding.subject or {}
    node = finding.node
    if subject.get("method") == "predict_proba" and isinstance(node, cst.Name):
        return ctx.fix("Use `predict`", SAFE, [ctx.replace(node, cst.Name("predict"))])
    call, units = subject.get("call"), subject.get("units")
    if subject.get("method") == "predict_classes" and isinstance(call, cst.Call) and isinstance(units, int) \
            and isinstance(call.func, cst.Attribute):
        predict = ctx.code(call.with_changes(func=call.func.with_changes(attr=cst.Name("predict"))),
                           ctx.block_indent(call))
        new = f"{predict}.argmax(axis=-1)" if units > 1 else f'({predict} > 0.5).astype("int32")'
        where = ctx.replace(call, call)  # the call's range
        return ctx.fix("Use `predict` and " + ("argmax" if units > 1 else "a 0.5 threshold"), SAFE,
                       [Edit(where.start, where.end, new)])
    attr = subject.get("attr")
    layer = subject.get("layer")
    if attr and isinstance(node, cst.Attribute) and layer is not None and layer.input_shape is not None:
        tensor = attr.split("_")[0]
        new = cst.Attribute(value=cst.Attribute(value=node.value, attr=cst.Name(tensor)), attr=cst.Name("shape"))
        return ctx.fix(f"Use `.{tensor}.shape`", SAFE, [ctx.replace(node, new)])
    return None
