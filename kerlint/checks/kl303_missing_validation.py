"""KL303 missing-validation: a fit() with neither validation_split nor validation_data.

Silent when the script measures generalisation another way: an explicit evaluate() on held-out data after the
fit, or a validated fit() of the same architecture elsewhere in the file (the final retrain on all the data once
the epoch count was chosen on a validation run). Silent for models with their own train_step and no test_step
(GAN, VAE, self-supervised: there is no validation step to run). The fix (unsafe) adds `validation_split=0.2`
to a `fit(x, y, ...)` on in-memory arrays (Keras rejects validation_split for datasets and generators). Unsafe:
the model then trains on 80% of the data, and Keras takes the last 20% of the arrays before shuffling, so a file
sorted by class needs a shuffled split instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.checks.training import says_holdout
from kerlint.fix.calls import with_keyword
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.ir.model import Data, Evaluate, FileIR, Fit, ModelIR
from kerlint.violation import Fix


@dataclass(frozen=True, eq=False)
class MissingValidation(Diagnosis):
    """The fit() call (fix: `validation_split=0.2` when it trains on arrays x and y)."""

    fit: Fit
    message: str = ("fit() without validation_split or validation_data: nothing tells you when "
                    "the model stops generalising or whether accuracy is real")

    @property
    def node(self) -> cst.CSTNode:
        return self.fit.node

    def fix(self, ctx: FixContext) -> Fix | None:
        fit = self.fit
        if fit.method != "fit" or not isinstance(fit.node, cst.Call):
            return None
        if not isinstance(fit.x, Data) or fit.x.is_dataset or fit.y is None:
            return None
        new = with_keyword(fit.node, "validation_split", cst.Float("0.2"))
        return ctx.fix("Hold out the last 20% of the training arrays for validation (validation_split=0.2)",
                       UNSAFE, [ctx.replace(fit.node, new)])


def _validated(fit: Fit) -> bool:
    return fit.validation_data is not None or fit.validation_split not in (None, 0, 0.0)


def _architecture(model: ModelIR) -> tuple:
    """What a rebuilt copy of a model has in common with the original: its layers' kinds, widths, activations."""
    return tuple((layer.kind, layer.width, layer.activation) for layer in model.layers)


def held_out_evaluation(model: ModelIR, fit: Fit) -> Evaluate | None:
    """An evaluate() after `fit` on data that is not the training data and is named or loaded as held-out
    (`model.evaluate(x_test, y_test)`, `model.evaluate(test_ds)`): generalisation is measured, just not per epoch."""
    after = False
    train_text = fit.arg_texts.get("x")
    for event in model.events:
        if event is fit:
            after = True
        elif after and isinstance(event, Evaluate) and event.method.startswith("evaluate"):
            text, x = event.arg_texts.get("x"), event.x
            if isinstance(x, Data) and isinstance(fit.x, Data) and x is fit.x:
                continue
            if text is not None and text == train_text:
                continue
            if (isinstance(x, Data) and x.split in ("test", "validation")) or says_holdout(text):
                return event
    return None


@rule("KL303", scope="file", diagnoses=(MissingValidation,))
def missing_validation(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    validated = {_architecture(model) for model in file.models
                 if model.layers and any(_validated(fit) for fit in model.fits)}
    for model in file.models:
        if "train_step" in model.overrides and "test_step" not in model.overrides:
            continue  # its own training loop (GAN, VAE, self-supervised): there is no validation step to run
        if model.layers and _architecture(model) in validated:
            continue
        for fit in model.fits:
            if _validated(fit) or held_out_evaluation(model, fit) is not None:
                continue
            yield MissingValidation(fit)
