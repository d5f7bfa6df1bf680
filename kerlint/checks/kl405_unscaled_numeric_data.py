"""KL405 unscaled-numeric-data: numeric (non-image) training inputs, or regression targets, of a known magnitude of
at least `numeric-scale-limit`, never scaled.

Inputs: arrays (not datasets) whose value range the IR followed exactly through every step (a scaling step would
have shrunk it), for a model that does not normalise its own input; not for token / category ids (Embedding,
lookup layers). Targets: of an mse / huber / log_cosh loss on a linear single-output head. No fix: the scaler, and
inverting it on predictions, are the user's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.arrays import fmt, known_loss, named
from kerlint.checks.data import model_scales_inputs
from kerlint.checks.training import trainings
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import Data, Fit, Loss, ModelIR

TOKEN_LAYERS = frozenset({"Embedding", "CategoryEncoding", "IntegerLookup", "StringLookup", "Hashing",
                          "TextVectorization"})


@dataclass(frozen=True, eq=False)
class UnscaledInputs(Diagnosis):
    """fit()'s `x` argument (or the call): `data`, large numeric inputs never scaled."""

    fit: Fit
    data: Data

    @property
    def node(self) -> cst.CSTNode:
        return self.fit.arg_nodes.get("x", self.fit.node)

    @property
    def message(self) -> str:
        x = self.data
        return (f"the training input ({named(self.fit, 'x', x)}) ranges over [{fmt(x.value_range[0])}, "
                f"{fmt(x.value_range[1])}] and is never scaled: inputs this large saturate the first "
                f"layer's units and make the gradients depend on the input scale. Standardise them "
                f"(StandardScaler, (x - mean) / std) or add a Normalization layer")


@dataclass(frozen=True, eq=False)
class UnscaledTargets(Diagnosis):
    """fit()'s `y` argument (or the call): `data`, large regression targets of `loss` never scaled."""

    fit: Fit
    data: Data
    loss: Loss

    @property
    def node(self) -> cst.CSTNode:
        return self.fit.arg_nodes.get("y", self.fit.node)

    @property
    def message(self) -> str:
        y = self.data
        return (f"the regression targets ({named(self.fit, 'y', y)}) range over [{fmt(y.value_range[0])}, "
                f"{fmt(y.value_range[1])}] and are never scaled: {self.loss.name} on targets this large "
                f"gives huge gradients at the start of training (the loss is the squared error), so "
                f"the learning rate that suits the weights is wrong for the loss. Scale the targets "
                f"(divide by their std or max, or StandardScaler) and invert the scaling on predictions")


def _magnitude(span) -> float:
    return max(abs(span[0]), abs(span[1]))


@rule("KL405", diagnoses=(UnscaledInputs, UnscaledTargets))
def unscaled_numeric_data(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    limit = float(opts["numeric-scale-limit"])
    if model.has(TOKEN_LAYERS):
        return  # integer token / category ids are indices, not magnitudes
    for fit in model.fits:
        x = fit.x
        # the range is known only when every step was followed exactly: a scaling step would have shrunk it
        if isinstance(x, Data) and not x.is_dataset and not x.image_like and x.scaled is not True \
                and x.value_range is not None and _magnitude(x.value_range) >= limit \
                and model_scales_inputs(model) is False:
            yield UnscaledInputs(fit, x)
            return
    head = model.graph.single_head
    if head is None or head.activation != "linear":
        return
    for compile_, fits in trainings(model):
        loss = known_loss(compile_)
        if loss is None or loss.name not in ("mse", "huber", "log_cosh"):
            continue
        for fit in fits:
            y = fit.y if isinstance(fit.y, Data) else None
            if y is None or y.scaled is True or y.value_range is None or _magnitude(y.value_range) < limit:
                continue
            yield UnscaledTargets(fit, y, loss)
            return
