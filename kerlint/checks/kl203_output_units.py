"""KL203 output-units-class-mismatch: the output layer's units do not match the labels' class count.

One-hot labels with N columns need N output units (Keras raises on the shape mismatch at the first batch);
integer labels up to N-1 need at least N units under a cross-entropy (a sparse CE with fewer units raises or
reads out of range); more units than classes wastes outputs that are never the target (a warning). Only
per-sample outputs (one vector per sample) are compared with one class per sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.output import head_units, is_ce, labelled_trainings, labels_text
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.ir.graph import Head
from kerlint.ir.model import Data, Loss, ModelIR
from kerlint.ir.vocabulary import BINARY_CE
from kerlint.violation import Fix, Severity


def _give_units(ctx: FixContext, head: Head, classes: int) -> Fix | None:
    """The output layer's literal `units` becomes `classes` (a name such as num_classes may be used
    elsewhere, and a call building hidden layers too is not edited)."""
    built = head.layer.wraps or head.layer
    arg = built.arg_nodes.get("units")
    if arg is None or not isinstance(arg.value, cst.Integer) or ctx.mixed_roles(built.node):
        return None
    return ctx.fix(f"Give the output layer {classes} units, one per class", UNSAFE,
                   [ctx.replace(arg.value, cst.Integer(str(classes)))])


@dataclass(frozen=True, eq=False)
class _UnitsCase(Diagnosis):
    """What every KL203 case is about, reported at the output layer. Fix: as many units as the labels have
    classes, but not under a binary CE (more sigmoid units with integer labels is still a broken model, KL206)."""

    head: Head
    labels: Data
    loss: Loss
    where: str

    @property
    def node(self):
        return self.head.layer.node

    def fix(self, ctx: FixContext) -> Fix | None:
        if self.loss.name in BINARY_CE:
            return None
        return _give_units(ctx, self.head, self.labels.num_classes)


@dataclass(frozen=True, eq=False)
class UnitsNotOneHotWidth(_UnitsCase):
    """One-hot labels with N columns and an output of another width (fix: N units, whatever the loss)."""

    @property
    def message(self) -> str:
        n = self.labels.num_classes
        return (f"the output layer has {head_units(self.head)} units but {self.where} are one-hot with {n} "
                f"columns: the shapes do not match. Use Dense({n}) on the output")

    def fix(self, ctx: FixContext) -> Fix | None:
        return _give_units(ctx, self.head, self.labels.num_classes)


@dataclass(frozen=True, eq=False)
class TooFewUnits(_UnitsCase):
    """Integer labels of N > 2 classes and fewer output units under a cross-entropy."""

    @property
    def message(self) -> str:
        units, n = head_units(self.head), self.labels.num_classes
        return (f"the output layer has {units} unit{'s' if units != 1 else ''} but {self.where} has "
                f"{n} classes: labels {units}..{n - 1} have no output to score them. "
                f"Use Dense({n}, activation='softmax')")


@dataclass(frozen=True, eq=False)
class TooManyUnits(_UnitsCase):
    """More output units than the integer labels have classes (a warning)."""

    severity: Severity | None = Severity.WARNING

    @property
    def message(self) -> str:
        units, n = head_units(self.head), self.labels.num_classes
        return (f"the output layer has {units} units but {self.where} has only {n} classes: "
                f"{units - n} outputs are never the target. Use Dense({n})")


@rule("KL203", diagnoses=(UnitsNotOneHotWidth, TooFewUnits, TooManyUnits))
def output_units_class_mismatch(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    head = model.graph.single_head
    if head is None or head_units(head) is None:
        return
    shape = head.layer.output_shape
    if shape is not None and len(shape) != 1:
        return  # per-timestep / per-pixel outputs: labels are not one class per sample
    units = head_units(head)
    for _compile, loss, fit, labels in labelled_trainings(model):
        n, encoding = labels.num_classes, labels.label_encoding
        if not isinstance(n, int):
            continue
        where = labels_text(labels, fit)
        if encoding == "onehot" and units != n:
            yield UnitsNotOneHotWidth(head, labels, loss, where)
            return
        if encoding in ("sparse", "binary") and is_ce(loss):
            if n > 2 and units < n:
                yield TooFewUnits(head, labels, loss, where)
                return
            if units > n and units > 2:
                yield TooManyUnits(head, labels, loss, where)
                return
