"""KL204 label-encoding-mismatch: the cross-entropy's flavour does not match how the labels are encoded.

`sparse_categorical_crossentropy` wants integer class ids, `categorical_crossentropy` (and its focal form)
one-hot rows: with one-hot labels the sparse loss raises on the shape (or reads the wrong column), and with
integer labels the one-hot loss raises on the shape. Reported once per compile(), at its loss.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from kerlint.checks.output import AtTheLoss, labelled_trainings, labels_text
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.fix.keras_edits import loss_renamed
from kerlint.ir.model import Data, Fit, Loss, ModelIR
from kerlint.ir.vocabulary import CE_FOR_ENCODING, ONE_HOT_CE, SPARSE_CE
from kerlint.violation import Fix


def _use_loss(ctx: FixContext, loss: Loss, wanted: str) -> Fix | None:
    new = loss_renamed(loss.node, wanted)
    if new is None:
        return None
    return ctx.fix(f"Use {wanted} for {'one-hot' if wanted.startswith('categorical') else 'integer'} labels",
                   UNSAFE, [ctx.replace(loss.node, new)])


@dataclass(frozen=True, eq=False)
class SparseLossOnOneHot(AtTheLoss):
    """sparse_categorical_crossentropy on one-hot labels (fix: categorical_crossentropy)."""

    loss: Loss
    labels: Data
    fit: Fit
    name: str  # how the labels read in the message

    @property
    def message(self) -> str:
        return (f"sparse_categorical_crossentropy expects integer class ids but {self.name} are one-hot "
                f"(to_categorical / one_hot / class_mode='categorical'): use "
                f"categorical_crossentropy, or keep the labels as integers")

    def fix(self, ctx: FixContext) -> Fix | None:
        return _use_loss(ctx, self.loss, CE_FOR_ENCODING["onehot"])


@dataclass(frozen=True, eq=False)
class OneHotLossOnIntegers(AtTheLoss):
    """A one-hot cross-entropy on integer class ids (fix: sparse_categorical_crossentropy, for plain
    categorical_crossentropy on class ids; not for 0/1 labels, nor for the focal loss, which has no sparse
    form)."""

    loss: Loss
    labels: Data
    fit: Fit
    name: str

    @property
    def message(self) -> str:
        return (f"{self.loss.name} expects one-hot labels but {self.name} are integer class ids: use "
                f"sparse_categorical_crossentropy, or one-hot encode them with to_categorical")

    def fix(self, ctx: FixContext) -> Fix | None:
        if self.labels.label_encoding != "sparse" or self.loss.name != CE_FOR_ENCODING["onehot"]:
            return None
        return _use_loss(ctx, self.loss, CE_FOR_ENCODING["sparse"])


@rule("KL204", diagnoses=(SparseLossOnOneHot, OneHotLossOnIntegers))
def label_encoding_mismatch(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    reported: set[int] = set()  # one finding per compile(), at its loss
    for compile_, loss, fit, labels in labelled_trainings(model):
        if id(compile_) in reported:
            continue
        if loss.name in SPARSE_CE and labels.label_encoding == "onehot":
            yield SparseLossOnOneHot(loss, labels, fit, labels_text(labels, fit))
        elif loss.name in ONE_HOT_CE and labels.label_encoding in ("sparse", "binary"):
            yield OneHotLossOnIntegers(loss, labels, fit, labels_text(labels, fit))
        else:
            continue
        reported.add(id(compile_))
