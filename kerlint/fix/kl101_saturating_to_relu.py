"""KL101 (unsafe): hidden sigmoid/tanh layers -> `relu` with `kernel_initializer="he_normal"`.

The finding's subject is every saturating hidden layer of the stack, plus the `Activation` layers
that give linear ones their saturating activation. All of them are changed in one fix, or none is:
a fix that leaves two saturating layers would leave the finding. An activation spelled through a
variable (`activation=act`) may be shared with other layers, so such a finding gets no fix.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.keras_edits import he_initialized, with_activation
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import SATURATING, Layer
from kerlint.violation import Fix


def _relu_call(layer: Layer) -> cst.Call | None:
    """The layer's constructor call rewritten, or None when it cannot be rewritten with certainty."""
    if layer.is_activation_layer:
        return with_activation(layer, "relu")
    call = with_activation(layer, "relu") if layer.activation in SATURATING else layer.node
    return he_initialized(call, layer) if isinstance(call, cst.Call) else None


@fixer("KL101")
def saturating_to_relu(finding: Finding, ctx: FixContext) -> Fix | None:
    layers = [layer.wraps or layer for layer in finding.subject or ()]
    edits, done = [], set()
    for layer in layers:
        if id(layer.node) in done:  # one call building several layers (a loop): edit it once
            continue
        done.add(id(layer.node))
        if ctx.mixed_roles(layer.node):  # a helper building the output layer too: leave it alone
            return None
        new = _relu_call(layer)
        if new is None:
            return None
        edits.append(ctx.replace(layer.node, new))
    weight = sum(1 for layer in layers if not layer.is_activation_layer)
    return ctx.fix(f"Use relu with he_normal initialisation in the {weight} hidden layers (changes the model)",
                   UNSAFE, edits)
