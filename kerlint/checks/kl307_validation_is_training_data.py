"""KL307 validation-is-training-data: the data a model is validated or tested on is its training data.

Four cases: validation_data that is the training data itself (the same expression or object); validation data
split off the training array with train_test_split while fit() trains on the whole array; a directory loader's
`subset="training"` used for validation; and an evaluate() on the training data whose input or result is named
as a test (`x_test = x_train; model.evaluate(x_test, ...)`, `test_acc = model.evaluate(x_train, ...)`). No fix:
which held-out data to use is the user's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.checks.training import says_holdout
from kerlint.ir.model import Data, Evaluate, Fit, ModelIR


class _AtValidationData(Diagnosis):
    """A case about a fit()'s validation data (its `fit` field), reported at the validation_data argument."""

    @property
    def node(self) -> cst.CSTNode:
        return self.fit.arg_nodes.get("validation_data", self.fit.node)


@dataclass(frozen=True, eq=False)
class ValidationIsTrainingData(_AtValidationData):
    """fit()'s validation_data is its training input (the same text or object)."""

    fit: Fit
    message: str = ("validation_data is the training data itself: validation accuracy just repeats "
                    "training accuracy and hides overfitting — validate on held-out data "
                    "(validation_split=, or a separate split)")


@dataclass(frozen=True, eq=False)
class ValidationSplitOffTraining(_AtValidationData):
    """validation_data (`validation`) was split off the array fit() trains on, whole."""

    fit: Fit
    validation: Data

    @property
    def message(self) -> str:
        x = self.fit.x
        return (f"validation_data ({self.validation.name or 'the held-out split'}) was split off "
                f"{x.name or 'the training array'} with train_test_split, but fit() trains on the "
                f"whole of {x.name or 'it'}: every validation sample is also a training sample — "
                f"train on the training split")


@dataclass(frozen=True, eq=False)
class ValidationTrainingSubset(_AtValidationData):
    """validation_data (`validation`) is the `subset="training"` of the training data's directory."""

    fit: Fit
    validation: Data

    @property
    def message(self) -> str:
        v = self.validation
        return (f"validation_data ({v.name or 'the validation set'}) is loaded with "
                f"subset=\"training\" from the same directory as the training data "
                f"({v.source[1]}): it is the training split — use subset=\"validation\"")


_MEMORISATION = ": this 'test' score measures memorisation, not generalisation"


@dataclass(frozen=True, eq=False)
class HeldOutNameForTrainingData(Diagnosis):
    """evaluate()'s input, named as test data (`text`), is the training data (`train_text` in fit())."""

    evaluate: Evaluate
    data: Data
    text: str
    train_text: str | None

    @property
    def node(self) -> cst.CSTNode:
        return self.evaluate.x_node or self.evaluate.node

    @property
    def message(self) -> str:
        return (f"{self.text} is the very data the model was trained on ({self.train_text or 'the fit() input'})"
                + _MEMORISATION)


@dataclass(frozen=True, eq=False)
class HeldOutScoreOnTrainingData(Diagnosis):
    """evaluate() on the training data, its result stored under a test name (`test_acc = ...`)."""

    evaluate: Evaluate
    data: Data
    text: str | None

    @property
    def node(self) -> cst.CSTNode:
        return self.evaluate.x_node or self.evaluate.node

    @property
    def message(self) -> str:
        return (f"the score stored as {', '.join(self.evaluate.result_names)} is computed on "
                f"{self.text or 'the training data'}, the very data the model was trained on" + _MEMORISATION)


def _validation_inputs(fit: Fit):
    """The validation inputs of a fit(): an array Data, a dataset Data, or None."""
    vd = fit.validation_data
    if isinstance(vd, tuple):
        return vd[0] if vd and isinstance(vd[0], Data) else None
    return vd if isinstance(vd, Data) else None


def _same_training_subset(train, validation) -> bool:
    """Both loaded as subset="training" of one directory (image_dataset_from_directory, flow_from_directory)."""
    return (isinstance(train, Data) and isinstance(validation, Data) and validation.source is not None
            and validation.split == "train" and train.split == "train" and validation.source == train.source)


@rule("KL307", diagnoses=(ValidationIsTrainingData, ValidationSplitOffTraining, ValidationTrainingSubset,
                          HeldOutNameForTrainingData, HeldOutScoreOnTrainingData))
def validation_is_training_data(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    training_inputs = []
    for fit in model.fits:
        texts = fit.arg_texts
        same_text = "x" in texts and texts.get("validation_x") == texts["x"]
        validation = _validation_inputs(fit)
        same_object = validation is not None and validation is fit.x
        if same_text or same_object:
            yield ValidationIsTrainingData(fit)
        elif isinstance(validation, Data) and validation.split_of is not None and validation.split_of is fit.x:
            yield ValidationSplitOffTraining(fit, validation)
        elif _same_training_subset(fit.x, validation):
            yield ValidationTrainingSubset(fit, validation)
        if isinstance(fit.x, Data):
            training_inputs.append((fit.x, texts.get("x")))
    for evaluate in model.evaluates:
        if not evaluate.method.startswith("evaluate") or not isinstance(evaluate.x, Data):
            continue
        text = evaluate.arg_texts.get("x")
        for data, train_text in training_inputs:
            if evaluate.x is not data or says_holdout(train_text):
                continue
            if text != train_text and says_holdout(text):  # x_test = x_train; model.evaluate(x_test, ...)
                yield HeldOutNameForTrainingData(evaluate, data, text, train_text)
            elif any(says_holdout(name) for name in evaluate.result_names):  # test_acc = evaluate(x_train)
                yield HeldOutScoreOnTrainingData(evaluate, data, text)
            else:
                continue
            break
