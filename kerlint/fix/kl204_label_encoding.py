"""KL204 (unsafe): pick the cross-entropy that matches the labels: one-hot labels ->
categorical_crossentropy, integer labels -> sparse_categorical_crossentropy."""

from __future__ import annotations

from kerlint.checks.registry import Finding
from kerlint.fix.keras_edits import loss_renamed
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import Loss
from kerlint.ir.vocabulary import CE_FOR_ENCODING
from kerlint.violation import Fix

FOR_ENCODING = CE_FOR_ENCODING


@fixer("KL204")
def label_encoding(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = list(finding.subject or ())
    if len(subject) < 2 or not isinstance(subject[0], Loss):
        return None
    loss, labels = subject[0], subject[1]
    wanted = FOR_ENCODING.get(getattr(labels, "label_encoding", None))
    if wanted is None or loss.name not in FOR_ENCODING.values():
        return None
    new = loss_renamed(loss.node, wanted)
    if new is None:
        return None
    return ctx.fix(f"Use {wanted} for {'one-hot' if wanted.startswith('categorical') else 'integer'} labels",
                   UNSAFE, [ctx.replace(loss.node, new)])
