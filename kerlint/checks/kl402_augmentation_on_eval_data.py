"""KL402 augmentation-on-eval-data: random augmentation (tf.image.random_*, Random* layers called in a map or
on arrays, an augmenting ImageDataGenerator's flow) reached validation or evaluate() data.

predict() is left out: test-time augmentation there is a deliberate technique. No fix: where the augmentation
should be split off the shared pipeline is the user's design.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.data import evaluation_inputs
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import Data, ModelIR


@dataclass(frozen=True, eq=False)
class AugmentedEvalData(Diagnosis):
    """The validation_data argument or evaluate() input (`node`): `passed` (its inputs `inputs`) is augmented;
    `what` says which of the two it is."""

    node: cst.CSTNode
    passed: Data
    inputs: Data
    what: str

    @property
    def message(self) -> str:
        return (f"{self.what} ({self.passed.name or self.inputs.name or 'a dataset'}) goes through random "
                f"augmentation: the model is scored on distorted images, so validation/test accuracy is noisy and "
                f"understated — augment the training data only")


@rule("KL402", diagnoses=(AugmentedEvalData,))
def augmentation_on_eval_data(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    for inputs, passed, node, what in evaluation_inputs(model):
        if passed.augmented is True or inputs.augmented is True:
            yield AugmentedEvalData(node, passed, inputs, what)
