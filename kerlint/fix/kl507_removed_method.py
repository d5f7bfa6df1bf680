"""KL507 (safe): `model.predict_proba(x)` -> `model.predict(x)` (Keras 2's predict_proba returned predict's
output), and `layer.input_shape` -> `layer.input.shape` (same for output) on a layer whose input shape is
known, so it is built and has an input. `predict_classes` has no fix: what it returned depends on the output
layer, and the replacement needs numpy.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.registry import SAFE, FixContext, fixer
from kerlint.violation import Fix


@fixer("KL507")
def removed_method(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = finding.subject or {}
    node = finding.node
    if subject.get("method") == "predict_proba" and isinstance(node, cst.Name):
        return ctx.fix("Use `predict`", SAFE, [ctx.replace(node, cst.Name("predict"))])
    attr = subject.get("attr")
    layer = subject.get("layer")
    if attr and isinstance(node, cst.Attribute) and layer is not None and layer.input_shape is not None:
        tensor = attr.split("_")[0]
        new = cst.Attribute(value=cst.Attribute(value=node.value, attr=cst.Name(tensor)), attr=cst.Name("shape"))
        return ctx.fix(f"Use `.{tensor}.shape`", SAFE, [ctx.replace(node, new)])
    return None
