"""KL108 (unsafe): a hidden layer without activation feeding another weight layer gets
`activation="relu"` (and `kernel_initializer="he_normal"` when it names no initializer)."""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.keras_edits import he_initialized, with_activation
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.violation import Fix


@fixer("KL108")
def linear_hidden_layer(finding: Finding, ctx: FixContext) -> Fix | None:
    layer = (finding.subject or [None])[0]
    if layer is None or layer.is_activation_layer:
        return None
    layer = layer.wraps or layer
    call = with_activation(layer, "relu")
    if call is None or ctx.mixed_roles(layer.node):
        return None
    if layer.kernel_initializer is None:
        call = he_initialized(call, layer)
    return ctx.fix(f"Give this {layer.kind} a relu activation", UNSAFE, [ctx.replace(layer.node, call)])
