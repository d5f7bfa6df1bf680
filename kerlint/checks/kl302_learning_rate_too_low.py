"""KL302 learning-rate-too-low: a literal learning rate below `lr-min`, or zero or negative.

The same literal rates as KL301 (not sweeps, schedules or custom train_step models). No fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.checks.training import literal_learning_rates
from kerlint.ir.model import ModelIR, Optimizer


def _node(opt: Optimizer) -> cst.CSTNode:
    return opt.lr_node or opt.node


@dataclass(frozen=True, eq=False)
class RateBelowMinimum(Diagnosis):
    """A positive rate below `limit`: training barely moves."""

    optimizer: Optimizer
    limit: float

    @property
    def node(self) -> cst.CSTNode:
        return _node(self.optimizer)

    @property
    def message(self) -> str:
        return (f"learning rate {self.optimizer.learning_rate:g} is below {self.limit:g}: the weights barely move "
                f"and the loss and accuracy look flat for the whole run")


@dataclass(frozen=True, eq=False)
class RateNotPositive(Diagnosis):
    """A rate of zero or less: the weights never move in the right direction."""

    optimizer: Optimizer

    @property
    def node(self) -> cst.CSTNode:
        return _node(self.optimizer)

    @property
    def message(self) -> str:
        return f"learning rate {self.optimizer.learning_rate:g}: the weights never move in the right direction"


@rule("KL302", diagnoses=(RateBelowMinimum, RateNotPositive))
def learning_rate_too_low(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    limit = float(opts["lr-min"])
    for opt in literal_learning_rates(model):
        lr = opt.learning_rate
        if lr >= limit:
            continue
        yield RateNotPositive(opt) if lr <= 0 else RateBelowMinimum(opt, limit)
