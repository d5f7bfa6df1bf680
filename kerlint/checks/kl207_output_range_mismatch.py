"""KL207 output-range-mismatch: the output activation cannot produce the targets (sigmoid/softmax outside [0, 1],
relu below 0, tanh outside [-1, 1]), for a regression or binary cross-entropy loss.

Only targets whose value range the IR knows for certain. No fix: a linear output (and scaled targets) or targets
mapped into the activation's range are both right, depending on the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.arrays import fmt, known_loss, named
from kerlint.checks.training import labels_of, trainings
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import Data, Fit, Layer, ModelIR
from kerlint.ir.vocabulary import ACTIVATION_RANGE, BINARY_CE, REGRESSION_LOSSES


@dataclass(frozen=True, eq=False)
class TargetsOutsideActivation(Diagnosis):
    """The layer applying the output `activation` (`activation_layer`, on the head `layer`): the targets `labels`
    of `fit` range over `span`, outside what the activation produces."""

    layer: Layer
    activation_layer: Layer
    activation: str
    fit: Fit
    labels: Data
    span: tuple

    @property
    def node(self) -> cst.CSTNode:
        return self.activation_layer.node

    @property
    def message(self) -> str:
        low, high = ACTIVATION_RANGE[self.activation]
        can = f"[{fmt(low)}, {fmt(high)}]" if high is not None else f"[{fmt(low)}, ∞)"
        span = self.span
        return (f"the output uses {self.activation}, which only produces values in {can}, but "
                f"the targets ({named(self.fit, 'y', self.labels)}) range over [{fmt(span[0])}, {fmt(span[1])}]: the "
                f"targets outside the activation's range can never be predicted and the loss stays "
                f"high. Use a linear output for regression (and scale the targets), or map the targets "
                f"into the activation's range")


def _outside(span, produced) -> bool:
    low, high = produced
    return (low is not None and span[0] < low) or (high is not None and span[1] > high)


@rule("KL207", diagnoses=(TargetsOutsideActivation,))
def output_range_mismatch(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    head = model.graph.single_head
    if head is None or head.activation not in ACTIVATION_RANGE:
        return
    produced = ACTIVATION_RANGE[head.activation]
    for compile_, fits in trainings(model):
        loss = known_loss(compile_)
        if loss is None or loss.name not in REGRESSION_LOSSES | BINARY_CE:
            continue
        for fit in fits:
            labels = labels_of(fit)
            span = labels.value_range if isinstance(labels, Data) else None
            if span is None or not _outside(span, produced):
                continue
            yield TargetsOutsideActivation(head.layer, head.activation_layer, head.activation, fit, labels, span)
            return
