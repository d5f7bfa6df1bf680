"""KL110 (unsafe): a constant or far too wide kernel initializer -> he_normal for ReLU-family layers,
else the argument is removed (Keras' default, glorot_uniform)."""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import without_arg
from kerlint.fix.keras_edits import he_initialized
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import RELU_FAMILY, Layer
from kerlint.violation import Fix


@fixer("KL110")
def degenerate_initializer(finding: Finding, ctx: FixContext) -> Fix | None:
    layer = finding.subject
    if not isinstance(layer, Layer):
        return None
    inner = layer.wraps or layer
    call, arg = inner.node, inner.arg_nodes.get("kernel_initializer")
    if not isinstance(call, cst.Call) or arg is None or not any(a is arg for a in call.args) \
            or ctx.mixed_roles(call):
        return None
    if layer.effective_activation in RELU_FAMILY:
        return ctx.fix("Initialise this ReLU layer with he_normal", UNSAFE,
                       [ctx.replace(call, he_initialized(call, inner))])
    return ctx.fix("Remove the initializer (Keras' default glorot_uniform)", UNSAFE,
                   [ctx.replace(call, without_arg(call, arg))])
