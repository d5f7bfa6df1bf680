"""KL205 accuracy-on-regression: an accuracy metric with a regression loss (mse, mae, ...).

Keras resolves `"accuracy"` by the loss and the output shape (binary/categorical accuracy, thresholded or
argmaxed), and `keras.metrics.Accuracy` compares for exact equality. Not reported for the threshold/argmax
metrics named explicitly (BinaryAccuracy, CategoricalAccuracy, ...: mse on 0/1 or one-hot targets, as in a
linear classifier, is then a deliberate choice). `"accuracy"` on a model known to classify (sigmoid/softmax
output, class labels) is reported for the loss: a classifier trained with mse. `keras.metrics.Accuracy`
(exact equality) is always reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.training import labels_of, trainings
from kerlint.checks.output import compiled_loss, head_units
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import keyword_arg, string
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.ir.model import Compile, Data, Loss, ModelIR
from kerlint.ir.vocabulary import REGRESSION_LOSSES
from kerlint.violation import Fix

# Accuracy metrics that threshold (at 0.5) or argmax the prediction before comparing it with the target: on
# class targets trained with mse they are meaningful, and naming one says the targets are classes.
THRESHOLD_ACCURACY = frozenset({"binaryaccuracy", "categoricalaccuracy", "sparsecategoricalaccuracy",
                                "topkcategoricalaccuracy", "sparsetopkcategoricalaccuracy"})


def _is_accuracy(metric: str | None) -> bool:
    return metric is not None and (metric.lower() in ("acc", "accuracy") or metric.lower().endswith("accuracy"))


def _text(node) -> str | None:
    """A metric's name: a string literal's value, or the class name of `tf.keras.metrics.Accuracy()`."""
    if isinstance(node, cst.SimpleString):
        return node.evaluated_value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and not node.args:
        return node.func.attr.value
    return None


def _mae_like(node: cst.BaseExpression) -> cst.BaseExpression:
    """mae in the form the accuracy metric was written: a string or a metric class instance."""
    if isinstance(node, cst.Call):
        return node.with_changes(func=node.func.with_changes(attr=cst.Name("MeanAbsoluteError")))
    return string("mae", like=node)


def _track_mae(ctx: FixContext, compile_: Compile) -> Fix | None:
    """Every accuracy metric of the written `metrics=[...]` becomes "mae" (`metrics.Accuracy()` ->
    `metrics.MeanAbsoluteError()`), or is dropped when mae is already tracked."""
    if not isinstance(compile_.node, cst.Call):
        return None
    arg = keyword_arg(compile_.node, "metrics")
    if arg is None or not isinstance(arg.value, (cst.List, cst.Tuple)):
        return None
    metrics = arg.value
    texts = [_text(e.value) for e in metrics.elements]
    if not any(_is_accuracy(t) for t in texts):
        return None  # the accuracy metric is not written in this list (a variable, a dict)
    has_mae = any(t in ("mae", "mean_absolute_error", "MeanAbsoluteError") for t in texts)
    elements = []
    for element, text in zip(metrics.elements, texts):
        if not _is_accuracy(text):
            elements.append(element)
        elif not has_mae:
            elements.append(element.with_changes(value=_mae_like(element.value)))
            has_mae = True
    if elements and len(elements) < len(metrics.elements):  # dropped the last: keep the original trailing comma
        elements[-1] = elements[-1].with_changes(comma=metrics.elements[-1].comma)
    return ctx.fix("Track mae instead of accuracy for a regression loss", UNSAFE,
                   [ctx.replace(metrics, metrics.with_changes(elements=elements))])


@dataclass(frozen=True, eq=False)
class _AccuracyWithRegressionLoss(Diagnosis):
    """What both KL205 cases are about, reported at the compile() call (fix: track mae instead)."""

    compile_: Compile
    loss: Loss
    metric: str

    @property
    def node(self):
        return self.compile_.node

    def fix(self, ctx: FixContext) -> Fix | None:
        return _track_mae(ctx, self.compile_)


@dataclass(frozen=True, eq=False)
class ClassifierTrainedAsRegression(_AccuracyWithRegressionLoss):
    """`"accuracy"` with a regression loss on a model known to classify."""

    @property
    def message(self) -> str:
        name = self.loss.name
        return (f"metrics={self.metric!r} with a {name} loss on a classifier (class labels or a "
                f"sigmoid/softmax output): Keras reads the accuracy as binary/categorical, but {name} "
                f"is a regression loss — its gradient vanishes on confident wrong probabilities, so the "
                f"model learns slowly or stalls. Use a cross-entropy loss for classification")


@dataclass(frozen=True, eq=False)
class AccuracyOnContinuousTarget(_AccuracyWithRegressionLoss):
    """An accuracy metric with a regression loss on a continuous target."""

    @property
    def message(self) -> str:
        return (f"metrics={self.metric!r} with a {self.loss.name} loss: accuracy compares the rounded or exact "
                f"prediction with the target, which a continuous regression target almost never "
                f"matches, so it reads near 0 whatever the model learns. Track mae/mse (or R²) instead; "
                f"if this is classification, use a cross-entropy loss")


def _class_targets(model: ModelIR, fits) -> bool:
    """Known to be a classification set-up: a sigmoid/softmax output over several units or one sigmoid unit,
    or labels known to encode classes."""
    head = model.graph.single_head
    if head is not None and (head.activation == "sigmoid"
                             or (head.activation == "softmax" and (head_units(head) or 0) > 1)):
        return True  # (a softmax over one unit is no classifier: KL201)
    for fit in fits:
        labels = labels_of(fit)
        if isinstance(labels, Data) and (labels.label_encoding in ("sparse", "onehot")
                                         or isinstance(labels.num_classes, int)):
            return True
    return False


@rule("KL205", diagnoses=(ClassifierTrainedAsRegression, AccuracyOnContinuousTarget))
def accuracy_on_regression(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    for compile_, fits in trainings(model):
        loss = compiled_loss(compile_)
        metrics = compile_.metrics
        if loss is None or loss.name not in REGRESSION_LOSSES or not isinstance(metrics, tuple):
            continue
        if not fits and compile_ is not model.compiles[-1]:
            continue  # re-compiled before any training: this configuration never trains or reports anything
        accuracy = [m for m in metrics if isinstance(m, str) and _is_accuracy(m)
                    and m.replace("_", "").lower() not in THRESHOLD_ACCURACY]
        if accuracy and accuracy[0].lower() in ("acc", "accuracy") and _class_targets(model, fits):
            yield ClassifierTrainedAsRegression(compile_, loss, accuracy[0])
        elif accuracy:
            yield AccuracyOnContinuousTarget(compile_, loss, accuracy[0])
