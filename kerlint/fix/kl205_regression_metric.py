"""KL205 (unsafe): an accuracy metric on a regression loss -> "mae" (`metrics.Accuracy()` ->
`metrics.MeanAbsoluteError()`), or dropped when mae is already tracked."""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import keyword_arg, string
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import Compile
from kerlint.violation import Fix


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


def _is_accuracy(text: str | None) -> bool:
    return text is not None and (text.lower() in ("acc", "accuracy") or text.lower().endswith("accuracy"))


@fixer("KL205")
def regression_metric(finding: Finding, ctx: FixContext) -> Fix | None:
    compile_ = finding.subject
    if not isinstance(compile_, Compile) or not isinstance(compile_.node, cst.Call):
        return None
    arg = keyword_arg(compile_.node, "metrics")
    if arg is None or not isinstance(arg.value, (cst.List, cst.Tuple)):
        return None
    metrics = arg.value
    texts = [_text(e.value) for e in metrics.elements]
    if not any(_is_accuracy(t) for t in texts):
        return None
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
