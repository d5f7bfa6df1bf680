"""KL107 (unsafe): a suspicious Dropout.

- Dropout after the output layer (the error case): the layer is removed (its element of the
  Sequential list, or its own `model.add(...)` line).
- A rate ≥ 0.8: set to 0.5. A rate > 0.5 on a convolutional feature map: set to 0.25.
- A rate ≤ 0 or ≥ 1 says nothing about the rate meant (0.1? 1 - rate?): no fix.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import add_statement, containing_list
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import Layer
from kerlint.violation import Edit, Fix, Position, Severity

HIGH_RATE = 0.8  # at or above: a dense-head rate that is too high
DENSE_RATE, CONV_RATE = "0.5", "0.25"


def _without_layer(ctx: FixContext, layer: Layer) -> Fix | None:
    """Remove the layer: its element of a Sequential list, or its `model.add(...)` line."""
    message = f"Remove the {layer.kind} after the output layer"
    where = containing_list(ctx.module, layer.node)
    if where is None:
        line = add_statement(ctx.module, layer.node)
        if line is None or (line is ctx.module.body[-1] and not ctx.module.has_trailing_newline):
            return None
        row = ctx.positions[line].start.line
        return ctx.fix(message, UNSAFE, [Edit(Position(row, 1), Position(row + 1, 1), "")])
    lst, index = where
    elements = list(lst.elements)
    removed = elements.pop(index)
    if elements and index == len(elements):  # removed the last: the new last keeps its trailing comma style
        elements[-1] = elements[-1].with_changes(comma=removed.comma)
    return ctx.fix(message, UNSAFE, [ctx.replace(lst, lst.with_changes(elements=elements))])


@fixer("KL107")
def dropout_rate(finding: Finding, ctx: FixContext) -> Fix | None:
    layer = finding.subject
    if not isinstance(layer, Layer):
        return None
    rate = layer.args.get("rate")
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate < 1:
        return None
    if finding.severity is Severity.ERROR:  # a valid rate reported as an error: dropout after the output
        return _without_layer(ctx, layer)
    arg = layer.arg_nodes.get("rate")
    if arg is None:
        return None
    new_rate = DENSE_RATE if rate >= HIGH_RATE else CONV_RATE
    return ctx.fix(f"Use {layer.kind}({new_rate}) instead of {rate}", UNSAFE,
                   [ctx.replace(arg.value, cst.Float(new_rate))])
