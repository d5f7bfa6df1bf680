"""KL109 (unsafe): softmax on a hidden layer -> relu."""

from __future__ import annotations

from kerlint.checks.registry import Finding
from kerlint.fix.keras_edits import with_activation
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import Layer
from kerlint.violation import Fix


@fixer("KL109")
def hidden_softmax(finding: Finding, ctx: FixContext) -> Fix | None:
    layer = finding.subject
    if not isinstance(layer, Layer):
        return None
    call = with_activation(layer, "relu")
    if call is None or ctx.mixed_roles((layer.wraps or layer).node):
        return None
    return ctx.fix("Use relu instead of softmax in this hidden layer", UNSAFE,
                   [ctx.replace((layer.wraps or layer).node, call)])
