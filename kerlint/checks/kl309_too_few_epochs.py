"""KL309 too-few-epochs: a model trained from scratch for at most `min-epochs` epochs in all its fit() calls.

Silent for pretrained / weight-loaded / incomplete models (an application with weights=None is known to be from
scratch), fits in loops of unknown length, and fits with steps_per_epoch (an 'epoch' is then whatever the user
defined). Points at the first fit()'s epochs argument. No fix: how long to train is the user's choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.kl308_no_early_stopping import epochs_node
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.checks.training import epochs_run
from kerlint.ir.model import Fit, ModelIR

_TOO_FEW = (": a model trained from scratch has barely started to learn, so low accuracy says "
            "nothing about the model")


@dataclass(frozen=True, eq=False)
class DefaultSingleEpoch(Diagnosis):
    """The model's only fit() gives no epochs=: one epoch, the Keras default."""

    fit: Fit
    message: str = "fit() without epochs= trains for a single epoch (the Keras default)" + _TOO_FEW

    @property
    def node(self) -> cst.CSTNode:
        return epochs_node(self.fit)


@dataclass(frozen=True, eq=False)
class TooFewEpochs(Diagnosis):
    """The first of the model's fits (`fits`), which run `total` epochs in all."""

    fits: tuple[Fit, ...]
    total: int

    @property
    def node(self) -> cst.CSTNode:
        return epochs_node(self.fits[0])

    @property
    def message(self) -> str:
        return f"the model trains for {self.total} epoch{'s' if self.total != 1 else ''} in total" + _TOO_FEW


@rule("KL309", diagnoses=(DefaultSingleEpoch, TooFewEpochs))
def too_few_epochs(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    if model.pretrained or not model.fits:
        return
    if not model.complete and model.style != "application":  # applications(weights=None): known to be from scratch
        return
    if any(fit.repeated or fit.steps_per_epoch is not None for fit in model.fits):
        return
    runs = [epochs_run(fit) for fit in model.fits]
    if any(run is None for run in runs):
        return
    total = sum(runs)
    if total > int(opts["min-epochs"]):
        return
    fit = model.fits[0]
    if len(model.fits) == 1 and fit.epochs is None:
        yield DefaultSingleEpoch(fit)
    else:
        yield TooFewEpochs(tuple(model.fits), total)
