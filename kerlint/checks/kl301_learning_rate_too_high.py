"""KL301 learning-rate-too-high: a literal learning rate above the optimizer family's usual ceiling
(options `lr-max-adaptive`, `lr-max-sgd`).

The ceiling is lower when fine-tuning a pretrained model (`lr-finetune-factor`: the model is re-compiled after
it was trained once) and higher for small linear models (`lr-linear-factor`, `lr-linear-max-parameters`: a convex,
small loss tolerates rates that would wreck a deep network). Not reported for learning-rate sweeps,
LearningRateScheduler callbacks and custom train_step models (see training.literal_learning_rates). No fix: the
right rate is the user's to choose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.checks.training import literal_learning_rates, reconstructs_its_input
from kerlint.ir.model import Compile, Fit, Layer, ModelIR, Optimizer

# Optimizers whose per-parameter step is normalised by gradient statistics: their usual rates are ~1e-3.
# Adagrad/Adadelta/Ftrl/Adafactor are left out on purpose: their customary rates (0.01–1.0) differ by design.
ADAPTIVE_OPTIMIZERS = frozenset({"adam", "adamw", "nadam", "adamax", "rmsprop", "lion"})


@dataclass(frozen=True, eq=False)
class RateAboveCeiling(Diagnosis):
    """The optimizer's learning-rate argument (or its call): its rate is above `limit`, the ceiling for
    `family` (the optimizer family, and why the ceiling moved)."""

    optimizer: Optimizer
    limit: float
    family: str

    @property
    def node(self) -> cst.CSTNode:
        return self.optimizer.lr_node or self.optimizer.node

    @property
    def message(self) -> str:
        opt = self.optimizer
        return (f"{opt.name} learning rate {opt.learning_rate:g} is above {self.limit:g} (the usual ceiling for "
                f"{self.family}): updates overshoot, the loss oscillates or diverges (NaN) and accuracy stays low")


def _dense_weights(layers: list[Layer], input_width) -> int | None:
    """Weights of a chain of Dense layers fed `input_width` features (each layer feeds the next), else None."""
    total, width = 0, input_width
    for layer in layers:
        shape = layer.input_shape
        fan_in = shape[-1] if shape and isinstance(shape[-1], int) else width
        if not layer.is_dense or layer.wraps is not None or not isinstance(layer.width, int) or not isinstance(fan_in, int):
            return None
        total += (fan_in + 1) * layer.width
        width = layer.width
    return total


def small_linear_model(model: ModelIR, max_parameters: int, adaptive: bool) -> bool:
    """A linear (or logistic) regression, or a small linear autoencoder: no nonlinearity between weight layers.
    Its loss is convex, or nearly so, and small, so it tolerates rates that would wreck a deep network:
    a model with one weight layer of any size trained by an adaptive optimizer, or a stack of linear Dense
    layers with at most `max_parameters` weights in all."""
    if not model.complete or model.open_end or model.pretrained or not model.weight_layers:
        return False
    hidden = model.graph.hidden_weight_layers
    if any(layer.effective_activation not in ("linear", None) for layer in hidden):
        return False
    if model.graph.output_layer is None or not all(layer.is_dense for layer in model.weight_layers):
        return False
    if not hidden:
        return adaptive  # Adam's step is bounded by its rate; plain SGD's is not
    # an autoencoder outputs what it reads: its input is as wide as its output layer
    input_width = model.graph.output_layer.width if reconstructs_its_input(model) else None
    weights = _dense_weights(model.weight_layers, input_width)
    return weights is not None and weights <= max_parameters


def fine_tuning_optimizers(model: ModelIR) -> set[int]:
    """id() of the optimizers compiled into a pretrained model after it was trained once: the fine-tuning
    phase of transfer learning (unfreeze the base, re-compile, train again), which wants a rate ~10x lower."""
    if not model.pretrained:
        return set()
    found, trained = set(), False
    for event in model.events:
        if isinstance(event, Fit):
            trained = True
        elif isinstance(event, Compile) and trained and isinstance(event.optimizer, Optimizer):
            found.add(id(event.optimizer))
    return found


@rule("KL301", diagnoses=(RateAboveCeiling,))
def learning_rate_too_high(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    max_parameters = int(opts["lr-linear-max-parameters"])
    fine_tuning = fine_tuning_optimizers(model)
    for opt in literal_learning_rates(model):
        if opt.name in ADAPTIVE_OPTIMIZERS:
            limit, family = float(opts["lr-max-adaptive"]), "adaptive optimizers"
        elif opt.name == "sgd":
            limit, family = float(opts["lr-max-sgd"]), "SGD"
        else:
            continue
        if id(opt) in fine_tuning:
            limit, family = limit * float(opts["lr-finetune-factor"]), f"fine-tuning a pretrained model with {family}"
        if small_linear_model(model, max_parameters, adaptive=opt.name in ADAPTIVE_OPTIMIZERS):
            limit, family = limit * float(opts["lr-linear-factor"]), f"{family} on a small linear model"
        if opt.learning_rate > limit:
            yield RateAboveCeiling(opt, limit, family)
