"""KL201 (unsafe): make the output activation and the loss agree.

- softmax over 1 unit -> sigmoid (a categorical loss on it is then fixed on the next pass);
- sigmoid + categorical cross-entropy: 1 unit -> binary_crossentropy; more units -> softmax;
- a non-probability activation (relu, tanh...) with cross-entropy -> softmax (categorical) or
  sigmoid (binary) on the output.
Binary cross-entropy on a multi-unit softmax needs to know whether the labels are one-hot or
integers (categorical vs sparse), which the finding does not carry: no fix.
"""

from __future__ import annotations

from kerlint.checks.registry import Finding
from kerlint.fix.keras_edits import loss_renamed, with_activation
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import Layer, Loss
from kerlint.ir.vocabulary import BINARY_CE, CATEGORICAL_CE
from kerlint.violation import Fix

CATEGORICAL, BINARY = CATEGORICAL_CE, BINARY_CE


def _activation_fix(ctx: FixContext, activation_layer: Layer, name: str) -> Fix | None:
    call = with_activation(activation_layer, name)
    if call is None or ctx.mixed_roles((activation_layer.wraps or activation_layer).node):
        return None
    return ctx.fix(f"Use {name} on the output layer", UNSAFE,
                   [ctx.replace((activation_layer.wraps or activation_layer).node, call)])


@fixer("KL201")
def output_loss(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = list(finding.subject or ())
    loss = subject.pop(0) if subject and isinstance(subject[0], Loss) else None
    if len(subject) != 2:
        return None
    layer, activation_layer = subject
    units = layer.width
    activation = activation_layer.activation
    if loss is None:  # softmax over a single unit
        return _activation_fix(ctx, activation_layer, "sigmoid")
    if activation in ("sigmoid", "hard_sigmoid") and loss.name in CATEGORICAL:
        if units == 1:
            new = loss_renamed(loss.node, "binary_crossentropy")
            return ctx.fix("Use binary_crossentropy for the single sigmoid unit", UNSAFE,
                           [ctx.replace(loss.node, new)]) if new is not None else None
        return _activation_fix(ctx, activation_layer, "softmax")
    if activation not in ("softmax", "sigmoid", "hard_sigmoid", "linear", None):
        return _activation_fix(ctx, activation_layer, "sigmoid" if loss.name in BINARY else "softmax")
    return None
