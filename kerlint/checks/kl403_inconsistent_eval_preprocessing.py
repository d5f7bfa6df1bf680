"""KL403 inconsistent-eval-preprocessing: training image inputs were scaled (/255, preprocess_input, a rescaling
generator or map) but held-out image inputs (validation_data, evaluate(), predict()) provably were not.

Both must be raw 0–255 images, the held-out ones with scaled=False (never UNKNOWN). No fix: the training
preprocessing is not always one expression that could be repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.data import evaluation_inputs
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import Data, ModelIR


@dataclass(frozen=True, eq=False)
class UnscaledEvalData(Diagnosis):
    """The held-out data's argument (`node`): `passed` (its inputs `inputs`) is raw, while `trained_on` (named
    `trained_name` in the message) was scaled; `what` says which held-out data it is."""

    node: cst.CSTNode
    passed: Data
    inputs: Data
    what: str
    trained_on: Data
    trained_name: str

    @property
    def message(self) -> str:
        return (f"the model was trained on scaled inputs ({self.trained_name}) but "
                f"{self.what} ({self.inputs.name or self.passed.name or 'raw images'}) holds raw 0–255 pixels: the "
                f"model sees inputs on a scale it never trained on and its scores/predictions are meaningless — "
                f"apply the same preprocessing to validation/test data")


def _raw_images(data: Data) -> bool:
    return data.image_like and data.raw_range == (0, 255)


@rule("KL403", diagnoses=(UnscaledEvalData,))
def inconsistent_eval_preprocessing(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    scaled_training = [fit.x for fit in model.fits
                       if isinstance(fit.x, Data) and _raw_images(fit.x.inputs) and fit.x.inputs.scaled is True]
    if not scaled_training:
        return
    trained_on = scaled_training[0].inputs
    trained_name = trained_on.name or scaled_training[0].name or "the training data"
    methods = ("evaluate", "evaluate_generator", "predict", "predict_generator")
    for inputs, passed, node, what in evaluation_inputs(model, methods):
        if _raw_images(inputs) and inputs.scaled is False:
            yield UnscaledEvalData(node, passed, inputs, what, trained_on, trained_name)
