"""KL201 output-activation-loss-mismatch: the output activation and the loss disagree.

Four cases: softmax over one unit (always 1.0, with any loss, on every output); binary cross-entropy on a
multi-unit softmax (each unit scored as an independent yes/no; two softmax units with one-hot labels are fine:
binary CE then equals categorical CE); a categorical cross-entropy on sigmoid units (they do not sum to 1);
a cross-entropy with `from_logits=False` on an activation that is no probability (relu, tanh: the loss clips
it). A plain linear output is KL202's case (logits). Fixes are unsafe: they change what the model computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from kerlint.checks.training import labels_of, trainings
from kerlint.checks.output import AtTheLoss, compiled_loss, head_units, is_ce, where
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.fix.keras_edits import loss_renamed, with_activation
from kerlint.ir.graph import Head
from kerlint.ir.model import Layer, Loss, ModelIR
from kerlint.ir.vocabulary import BINARY_CE, CATEGORICAL_CE, PROBABILITY, SIGMOID_LIKE
from kerlint.violation import Fix


def _use_activation(ctx: FixContext, activation_layer: Layer, name: str) -> Fix | None:
    """The output layer (or its Activation layer) applies `name` instead, unless its call builds hidden
    layers too or the activation is not a literal."""
    built = activation_layer.wraps or activation_layer
    call = with_activation(activation_layer, name)
    if call is None or ctx.mixed_roles(built.node):
        return None
    return ctx.fix(f"Use {name} on the output layer", UNSAFE, [ctx.replace(built.node, call)])


@dataclass(frozen=True, eq=False)
class SoftmaxOnOneUnit(Diagnosis):
    """softmax over a single unit (fix: sigmoid; a categorical loss on it is then KL201's next case)."""

    head: Head
    message: str = ("softmax over a single unit always outputs 1.0: the prediction never depends on the "
                    "input. Use Dense(1, activation='sigmoid') for a binary output, or as many units as "
                    "classes with softmax")

    @property
    def node(self):
        return self.head.activation_layer.node

    def fix(self, ctx: FixContext) -> Fix | None:
        return _use_activation(ctx, self.head.activation_layer, "sigmoid")


@dataclass(frozen=True, eq=False)
class BinaryLossOnSoftmax(AtTheLoss):
    """binary CE on a multi-unit softmax. No fix: categorical or sparse depends on the labels' encoding."""

    loss: Loss
    head: Head
    units: int

    @property
    def message(self) -> str:
        return (f"binary cross-entropy on a {self.units}-unit softmax output: binary CE scores every unit as "
                f"an independent yes/no, and accuracy becomes binary accuracy over all units. Use "
                f"categorical_crossentropy (one-hot labels) or sparse_categorical_crossentropy "
                f"(integer labels) with softmax, or sigmoid units for multi-label")


@dataclass(frozen=True, eq=False)
class CategoricalLossOnSigmoid(AtTheLoss):
    """A categorical CE on sigmoid units (fix: binary_crossentropy for one unit, else softmax)."""

    loss: Loss
    head: Head

    @property
    def message(self) -> str:
        act, units = self.head.activation, head_units(self.head)
        return (f"{self.loss.name} on a {act} output ({where(self.head)}): categorical cross-entropy expects "
                f"one probability distribution over the classes (softmax), independent sigmoids do "
                f"not sum to 1" + (" and a single unit makes the loss constant" if units == 1 else "")
                + ". Use softmax, or binary_crossentropy for a binary/multi-label output")

    def fix(self, ctx: FixContext) -> Fix | None:
        if self.head.layer.width == 1:
            new = loss_renamed(self.loss.node, "binary_crossentropy")
            return ctx.fix("Use binary_crossentropy for the single sigmoid unit", UNSAFE,
                           [ctx.replace(self.loss.node, new)]) if new is not None else None
        return _use_activation(ctx, self.head.activation_layer, "softmax")


@dataclass(frozen=True, eq=False)
class NotAProbability(AtTheLoss):
    """A cross-entropy without from_logits on a non-probability activation (fix: softmax, or sigmoid for
    a binary CE)."""

    loss: Loss
    head: Head

    @property
    def message(self) -> str:
        return (f"{self.loss.name} expects probabilities but the output layer uses {self.head.activation} "
                f"({where(self.head)}), which is not a probability: the loss clips it and the gradients are "
                f"wrong. Use softmax/sigmoid on the output, or no activation with from_logits=True")

    def fix(self, ctx: FixContext) -> Fix | None:
        return _use_activation(ctx, self.head.activation_layer,
                               "sigmoid" if self.loss.name in BINARY_CE else "softmax")


def _integer_labels(fits) -> bool:
    return any(getattr(labels_of(fit), "label_encoding", None) in ("sparse", "binary") for fit in fits)


@rule("KL201", diagnoses=(SoftmaxOnOneUnit, BinaryLossOnSoftmax, CategoricalLossOnSigmoid, NotAProbability))
def output_activation_loss_mismatch(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    for head in model.graph.heads:
        if head is not None and head.activation == "softmax" and head_units(head) == 1:
            yield SoftmaxOnOneUnit(head)
    head = model.graph.single_head
    if head is None:
        return
    act, units = head.activation, head_units(head)
    if act == "softmax" and units == 1:
        return  # reported above; the loss does not matter any more
    for compile_, fits in trainings(model):
        loss = compiled_loss(compile_)
        if loss is None or not is_ce(loss):
            continue
        if act == "softmax" and loss.name in BINARY_CE and units is not None and units > 1 and (
                units > 2 or _integer_labels(fits)):
            yield BinaryLossOnSoftmax(loss, head, units)
        elif act in SIGMOID_LIKE and loss.name in CATEGORICAL_CE:
            yield CategoricalLossOnSigmoid(loss, head)
        elif loss.from_logits is False and act not in PROBABILITY and act not in ("linear", None) \
                and isinstance(act, str):
            yield NotAProbability(loss, head)
