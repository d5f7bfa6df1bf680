"""KL202: the loss's `from_logits` must match the output layer.

- Safe: an output layer with no activation at all (plainly linear: it outputs logits) and a
  cross-entropy loss without from_logits -> `from_logits=True` (a string loss becomes the loss class,
  `keras.losses.SparseCategoricalCrossentropy(from_logits=True)`, spelled as the file imports keras).
- Unsafe: a softmax/sigmoid output with from_logits=True -> the argument is removed (what the model
  outputs is unchanged, but the loss it trains on is not).
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import keyword_arg, without_arg
from kerlint.fix.keras_edits import with_from_logits
from kerlint.fix.registry import SAFE, UNSAFE, FixContext, fixer
from kerlint.ir.model import Loss
from kerlint.violation import Fix


@fixer("KL202")
def from_logits(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = list(finding.subject or ())
    if len(subject) != 3 or not isinstance(subject[0], Loss):
        return None
    loss, layer, activation_layer = subject
    if activation_layer.activation == "linear" and loss.from_logits is False and activation_layer is layer:
        new = with_from_logits(loss.node, ctx.module, loss.name)
        return ctx.fix("Pass from_logits=True: the output layer has no activation", SAFE,
                       [ctx.replace(loss.node, new)]) if new is not None else None
    if activation_layer.activation in ("softmax", "sigmoid", "hard_sigmoid") and loss.from_logits is True:
        arg = keyword_arg(loss.node, "from_logits") if isinstance(loss.node, cst.Call) else None
        if arg is None:
            return None
        return ctx.fix(f"Drop from_logits=True: the output layer already applies {activation_layer.activation}",
                       UNSAFE, [ctx.replace(loss.node, without_arg(loss.node, arg))])
    return None
