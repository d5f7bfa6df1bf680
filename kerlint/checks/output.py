"""What the output rules (KL201-KL205, one module each: kerlint/checks/kl20N_*.py) share, asked of the IR only.

These are error-level rules, so each fires only on facts the IR knows for certain: one model output whose
head (weight layer + last activation, `model.graph.single_head`) is known, a loss the extractor resolved
(never a dict, a list or a custom function), literal `from_logits`, and labels whose encoding / class count
come from a loader, `to_categorical` or a constant. Anything else stays silent. The loss families and
probability activations are kerlint/ir/vocabulary.py's.
"""

from __future__ import annotations

from kerlint.checks.registry import Diagnosis
from kerlint.checks.training import labels_of, trainings
from kerlint.ir.graph import Head
from kerlint.ir.model import Compile, Data, Loss, ModelIR
from kerlint.ir.vocabulary import CROSSENTROPY


class AtTheLoss(Diagnosis):
    """A case reported at the compile() loss argument (its `loss` field, a Loss): the output rules' usual place,
    since the loss is what the user changes most often."""

    @property
    def node(self):
        return self.loss.node


def compiled_loss(compile_: Compile) -> Loss | None:
    """The compiled loss when the extractor resolved it (not a dict, a list, a custom function)."""
    loss = compile_.loss
    return loss if isinstance(loss, Loss) and loss.name != "unknown" else None


def is_ce(loss: Loss) -> bool:
    return loss.name in CROSSENTROPY


def head_units(head: Head) -> int | None:
    return head.units if isinstance(head.units, int) else None


def labels_text(labels: Data, fit=None) -> str:
    """`y_train (mnist)`, `the labels of train_ds (image dataset from directory)`, or `the labels`."""
    origin = labels.origin
    if labels.name:
        name = labels.name
    elif fit is not None and isinstance(fit.x, Data) and fit.x.is_dataset:
        name = f"the labels of {fit.x.name or 'the training dataset'}"
        origin = origin if origin not in ("unknown", "", None) else fit.x.origin
    else:
        name = "the labels"
    return name if origin in ("unknown", "", None) else f"{name} ({origin.replace('_', ' ')})"


def where(head: Head) -> str:
    """How the output layer reads in a message: `Dense(10, softmax)`."""
    units = head_units(head)
    return f"{head.layer.base_kind}({units if units is not None else '?'}, {head.activation})"


def labelled_trainings(model: ModelIR):
    """(compile, loss, fit, labels) for every fit() whose compiled loss and labels are both known."""
    for compile_, fits in trainings(model):
        loss = compiled_loss(compile_)
        if loss is None:
            continue
        for fit in fits:
            labels = labels_of(fit)
            if labels is not None:
                yield compile_, loss, fit, labels
