"""KL206 label-shape-mismatch: the labels' rank does not fit the output and the loss, and Keras 3 stops with a rank
error on the first batch.

Per-sample heads only (a Dense on an unflattened feature map is KL111's), cross-entropy losses only, and not the
one-hot/integer confusions KL204 reports. Three cases: labels with a value per timestep/position on a per-sample
head; integer labels on a multi-unit binary cross-entropy head; any other rank conflict (see label_rank_conflict,
checked on the installed Keras in tests/test_keras_array_claims.py). No fix: which side is wrong is the user's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.arrays import known_loss, per_sample_shape, shape_text
from kerlint.checks.training import trainings
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import Data, Fit, Loss, ModelIR
from kerlint.ir.vocabulary import BINARY_CE, ONE_HOT_CE, SPARSE_CE


@dataclass(frozen=True, eq=False)
class LabelRankMismatch(Diagnosis):
    """fit()'s `y` argument (or the call): `labels` whose rank `loss` rejects against the per-sample `output`."""

    fit: Fit
    labels: Data
    loss: Loss
    output: tuple

    @property
    def node(self) -> cst.CSTNode:
        return self.fit.arg_nodes.get("y", self.fit.node)

    @property
    def message(self) -> str:
        output, loss = self.output, self.loss
        name = self.labels.name or "the labels"
        if loss.name in SPARSE_CE:
            want = f"one class id per output row, shape {shape_text((None,) + tuple(output[:-1]))}"
        else:
            want = f"the output's shape {shape_text((None,) + tuple(output))}"
        return (f"{name} has shape {shape_text(self.labels.shape)} but {loss.name} on this model's output "
                f"{shape_text((None,) + tuple(output))} needs {want}: Keras stops with a rank error on the "
                f"first batch.{self.hint}")

    hint = ""


@dataclass(frozen=True, eq=False)
class LabelsPerTimestep(LabelRankMismatch):
    """Labels of a higher rank than the output: a value per timestep/position for a per-sample prediction."""

    hint = (" The labels hold a value per timestep/position but the model predicts one per sample: "
            "keep the label of each sample (e.g. y[:, -1]) or return sequences from the model")


@dataclass(frozen=True, eq=False)
class IntegerLabelsOnBinaryHead(LabelRankMismatch):
    """Integer labels (a rank lower than the output) on a binary cross-entropy head of several units."""

    @property
    def hint(self) -> str:
        return (f" Integer labels with a {self.output[-1]}-unit head: use Dense(1, activation='sigmoid') for a "
                f"binary target, or one-hot encode the labels")


def label_rank_conflict(loss: str, labels: tuple, output: tuple) -> bool:
    """Do Keras 3's cross-entropies reject labels of per-sample shape `labels` against outputs of per-sample
    shape `output` for a rank reason? Sparse CE wants one id per output row (output rank - 1, or a trailing 1);
    categorical/binary CE want the output's rank, after Keras squeezes or expands a trailing 1."""
    if loss in SPARSE_CE:
        if len(labels) == len(output) and labels and labels[-1] == 1:
            labels = labels[:-1]
        return len(labels) != len(output) - 1
    if len(labels) == len(output) + 1 and labels[-1] == 1:
        labels = labels[:-1]
    elif len(labels) + 1 == len(output) and output[-1] == 1:
        output = output[:-1]
    return len(labels) != len(output)


def _covered_by_kl204(loss: str, labels: Data) -> bool:
    return (loss in SPARSE_CE and labels.label_encoding == "onehot") or (
        loss in ONE_HOT_CE and labels.label_encoding in ("sparse", "binary"))


@rule("KL206", diagnoses=(LabelRankMismatch, LabelsPerTimestep, IntegerLabelsOnBinaryHead))
def label_shape_mismatch(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    head = model.graph.single_head
    if head is None:
        return
    output = head.path[-1].output_shape if head.path else head.layer.output_shape
    if not isinstance(output, tuple) or len(output) != 1:
        return  # per-sample heads only: a Dense on an unflattened feature map is KL111's
    for compile_, fits in trainings(model):
        loss = known_loss(compile_)
        if loss is None or loss.name not in SPARSE_CE | ONE_HOT_CE | BINARY_CE:
            continue
        for fit in fits:
            labels = fit.y if isinstance(fit.y, Data) else None
            shape = per_sample_shape(labels) if labels is not None else None
            if shape is None or _covered_by_kl204(loss.name, labels) or not label_rank_conflict(
                    loss.name, shape, output):
                continue
            if len(shape) > len(output):
                case = LabelsPerTimestep
            elif loss.name in BINARY_CE and len(shape) < len(output):
                case = IntegerLabelsOnBinaryHead
            else:
                case = LabelRankMismatch
            yield case(fit, labels, loss, output)
            return
