"""KL101 (unsafe): hidden sigmoid/tanh layers -> `relu` with `kernel_initializer="he_normal"`.

The finding's subject is every saturating hidden layer of the stack, plus the `Activation` layers
that give linear ones their saturating activation. All of them are changed in one fix, or none is:
a fix that leaves two saturating layers would leave the finding. An activation spelled through a
variable (`activation=act`) may be shared with other layers, so such a finding gets no fix.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import dotted, keyword_arg, string, with_arg_value, with_keyword
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import SATURATING, Layer
from kerlint.violation import Fix


def literal_activation(value: cst.BaseExpression) -> bool:
    """A value we can replace without touching anything else: "sigmoid", tf.nn.tanh, keras.activations.sigmoid."""
    if isinstance(value, cst.SimpleString):
        return True
    return dotted(value).rsplit(".", 1)[-1] in SATURATING


def he_initialized(call: cst.Call, layer: Layer) -> cst.Call:
    """`call` with kernel_initializer="he_normal" (replacing the initializer it names, if any)."""
    given = layer.arg_nodes.get("kernel_initializer")
    like = given if given is not None else keyword_arg(call, "activation")
    he = string("he_normal", like=like.value if like is not None else None)
    if given is not None and given.keyword is None:  # passed positionally
        return with_arg_value(call, given, he)
    return with_keyword(call, "kernel_initializer", he)


def _relu_call(layer: Layer) -> cst.Call | None:
    """The layer's constructor call rewritten, or None when it cannot be rewritten with certainty."""
    call = layer.node
    if not isinstance(call, cst.Call):
        return None
    arg = layer.arg_nodes.get("activation")
    if layer.is_activation_layer:
        if arg is not None:
            return with_arg_value(call, arg, string("relu", like=arg.value)) if literal_activation(arg.value) else None
        # an activation function applied to a tensor: tf.nn.sigmoid(x), keras.activations.tanh(x)
        parts = dotted(call.func).split(".")
        if isinstance(call.func, cst.Attribute) and len(parts) >= 2 and parts[-2] in ("nn", "activations"):
            return call.with_changes(func=call.func.with_changes(attr=cst.Name("relu")))
        return None
    if layer.activation in SATURATING:
        if arg is None or not literal_activation(arg.value):
            return None
        call = with_arg_value(call, arg, string("relu", like=arg.value))
    return he_initialized(call, layer)


@fixer("KL101")
def saturating_to_relu(finding: Finding, ctx: FixContext) -> Fix | None:
    layers = [layer.wraps or layer for layer in finding.subject or ()]
    edits, done = [], set()
    for layer in layers:
        if id(layer.node) in done:  # one call building several layers (a loop): edit it once
            continue
        done.add(id(layer.node))
        new = _relu_call(layer)
        if new is None:
            return None
        edits.append(ctx.replace(layer.node, new))
    weight = sum(1 for layer in layers if not layer.is_activation_layer)
    return ctx.fix(f"Use relu with he_normal initialisation in the {weight} hidden layers (changes the model)",
                   UNSAFE, edits)
