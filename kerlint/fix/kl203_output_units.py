"""KL203 (unsafe): set the output layer's units to the number of classes the labels have."""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.violation import Fix


@fixer("KL203")
def output_units(finding: Finding, ctx: FixContext) -> Fix | None:
    layer, labels, loss = (list(finding.subject or ()) + [None, None, None])[:3]
    classes = getattr(labels, "num_classes", None)
    if layer is None or isinstance(classes, bool) or not isinstance(classes, int):
        return None
    if getattr(loss, "name", "").startswith("binary_") and labels.label_encoding != "onehot":
        return None  # more units under binary CE with integer labels is still a broken model (KL206): no fix
    arg = (layer.wraps or layer).arg_nodes.get("units")
    if arg is None or not isinstance(arg.value, cst.Integer) or ctx.mixed_roles((layer.wraps or layer).node):  # a name (num_classes) may be used elsewhere
        return None
    return ctx.fix(f"Give the output layer {classes} units, one per class", UNSAFE,
                   [ctx.replace(arg.value, cst.Integer(str(classes)))])
