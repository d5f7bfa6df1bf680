"""KL111 (unsafe): put `Flatten()` between the feature map and the Dense layer.

In a Sequential list a `Flatten()` element goes before the Dense; in the functional API the Dense's
input is wrapped: `Dense(10)(x)` -> `Dense(10)(layers.Flatten()(x))`. Flatten is spelled like the
Dense (`layers.Flatten`, `tf.keras.layers.Flatten`); a Dense imported by name gets no fix.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import applying_call, containing_list, element_like
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import Layer
from kerlint.violation import Fix

MESSAGE = "Flatten the feature map before this Dense layer"


@fixer("KL111")
def flatten_before_dense(finding: Finding, ctx: FixContext) -> Fix | None:
    layer = finding.subject
    if not isinstance(layer, Layer) or not isinstance(layer.node, cst.Call):
        return None
    func = layer.node.func
    if not isinstance(func, cst.Attribute):
        return None
    flatten = cst.Call(func=cst.Attribute(value=func.value, attr=cst.Name("Flatten")))
    where = containing_list(ctx.module, layer.node)
    if where is not None:
        lst, index = where
        elements = list(lst.elements)
        elements.insert(index, element_like(flatten, elements[index - 1] if index else elements[index]))
        return ctx.fix(MESSAGE, UNSAFE, [ctx.replace(lst, lst.with_changes(elements=elements))])
    applied = applying_call(ctx.module, layer.node)
    if applied is None or len(applied.args) != 1 or applied.args[0].keyword is not None:
        return None
    tensor = applied.args[0].value
    return ctx.fix(MESSAGE, UNSAFE, [ctx.replace(tensor, cst.Call(func=flatten, args=[cst.Arg(tensor)]))])
