"""KL202 logits-flag-mismatch: the loss's `from_logits` does not match the output layer.

A cross-entropy treats its input as probabilities unless `from_logits=True` (then it applies softmax/sigmoid
itself): an output with no activation (logits) needs `from_logits=True`, and a softmax/sigmoid output must not
have it (the activation would be applied twice). Keras 3 and tf.keras 2 agree on both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.training import trainings
from kerlint.checks.output import AtTheLoss, compiled_loss, is_ce, where
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import keyword_arg, without_arg
from kerlint.fix.context import SAFE, UNSAFE, FixContext
from kerlint.fix.keras_edits import with_from_logits
from kerlint.ir.graph import Head
from kerlint.ir.model import Loss, ModelIR
from kerlint.ir.vocabulary import BINARY_CE, PROBABILITY
from kerlint.violation import Fix


@dataclass(frozen=True, eq=False)
class LogitsAsProbabilities(AtTheLoss):
    """A linear output with a cross-entropy that expects probabilities. Fix (safe): `from_logits=True` (a
    string loss becomes the loss class, spelled as the file imports keras), when the weight layer itself has
    no activation (not a separate `Activation("linear")`)."""

    loss: Loss
    head: Head

    @property
    def message(self) -> str:
        return (f"the output layer has no activation ({where(self.head)}), so it outputs logits, but "
                f"{self.loss.name} is used without from_logits=True and treats them as probabilities "
                f"(clipped to [1e-7, 1]): pass from_logits=True to the loss, or add "
                f"{'sigmoid' if self.loss.name in BINARY_CE else 'softmax'} to the output layer")

    def fix(self, ctx: FixContext) -> Fix | None:
        if self.head.activation_layer is not self.head.layer:
            return None
        new = with_from_logits(self.loss.node, ctx.module, self.loss.name)
        return ctx.fix("Pass from_logits=True: the output layer has no activation", SAFE,
                       [ctx.replace(self.loss.node, new)]) if new is not None else None


@dataclass(frozen=True, eq=False)
class ActivationAppliedTwice(AtTheLoss):
    """`from_logits=True` on a softmax/sigmoid output. Fix (unsafe): drop the argument (the model's output is
    unchanged, the loss it trains on is not)."""

    loss: Loss
    head: Head

    @property
    def message(self) -> str:
        return (f"from_logits=True but the output layer already applies {self.head.activation} "
                f"({where(self.head)}): the loss applies it a second time, squashing the outputs and "
                f"the gradients. Drop from_logits=True, or remove the output activation")

    def fix(self, ctx: FixContext) -> Fix | None:
        arg = keyword_arg(self.loss.node, "from_logits") if isinstance(self.loss.node, cst.Call) else None
        if arg is None:
            return None
        return ctx.fix(f"Drop from_logits=True: the output layer already applies {self.head.activation}",
                       UNSAFE, [ctx.replace(self.loss.node, without_arg(self.loss.node, arg))])


@rule("KL202", diagnoses=(LogitsAsProbabilities, ActivationAppliedTwice))
def logits_flag_mismatch(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    head = model.graph.single_head
    if head is None:
        return
    for compile_, _fits in trainings(model):
        loss = compiled_loss(compile_)
        if loss is None or not is_ce(loss):
            continue
        if head.activation == "linear" and loss.from_logits is False:
            yield LogitsAsProbabilities(loss, head)
        elif head.activation in PROBABILITY and loss.from_logits is True:
            yield ActivationAppliedTwice(loss, head)
