"""KL308 no-early-stopping: a long fit() (at least `early-stopping-min-epochs` epochs) with no callback that
stops training or keeps the best weights (EarlyStopping, ReduceLROnPlateau, ModelCheckpoint).

Silent when the callbacks are unknown or include a custom one (it may stop training itself). No fix: the
patience and the monitored metric are the user's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.keras_api import CALLBACKS
from kerlint.ir.model import UNKNOWN, Fit, ModelIR

# Callbacks that stop training or keep the best weights.
STOPPING_CALLBACKS = frozenset({"EarlyStopping", "ReduceLROnPlateau", "ModelCheckpoint"})


def epochs_node(fit: Fit) -> cst.CSTNode:
    """fit()'s `epochs=` (or Keras 1 `nb_epoch=`) argument, else the call."""
    return fit.arg_nodes.get("epochs", fit.arg_nodes.get("nb_epoch", fit.node))


@dataclass(frozen=True, eq=False)
class NoEarlyStopping(Diagnosis):
    """The fit()'s epochs argument: `epochs` epochs and no stopping callback."""

    fit: Fit
    epochs: int

    @property
    def node(self) -> cst.CSTNode:
        return epochs_node(self.fit)

    @property
    def message(self) -> str:
        return (f"{self.epochs} epochs with no EarlyStopping / ReduceLROnPlateau / ModelCheckpoint callback: "
                f"training runs past the best epoch and you keep the overfitted final weights")


@rule("KL308", diagnoses=(NoEarlyStopping,))
def no_early_stopping(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    limit = int(opts["early-stopping-min-epochs"])
    for fit in model.fits:
        epochs = fit.epochs
        if not (isinstance(epochs, int) and not isinstance(epochs, bool) and epochs >= limit):
            continue
        if fit.callbacks is UNKNOWN or any(name not in CALLBACKS or name in STOPPING_CALLBACKS
                                           for name in fit.callbacks):
            continue  # a custom or unknown callback may stop training itself
        yield NoEarlyStopping(fit, epochs)
