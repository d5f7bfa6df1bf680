"""KL401 (unsafe): make the model scale its inputs with a first `Rescaling(1.0 / 255)` layer.

Offered for a `Sequential([...])` written as a list literal: the Rescaling layer goes first (after
an `Input`/`InputLayer` when there is one, also when the other layers come with `model.add`) and
takes over the first layer's `input_shape=`. It is
spelled like the model's other layers (`layers.Rescaling`, `tf.keras.layers.Rescaling`). Scaling
in the model rather than in the arrays also scales validation, test and prediction inputs, so no
evaluation path is left unscaled; it is not offered when some evaluation data is already scaled
(that would divide it twice).
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import dotted, element_like, keyword_arg, without_arg
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.ir.model import Data, ModelIR
from kerlint.violation import Fix

INPUT_CALLS = ("Input", "InputLayer")
SHAPE_ARGS_NOT_MOVED = ("input_dim", "batch_input_shape", "batch_size", "input_length")


def _layer_list(model: ModelIR) -> cst.List | None:
    call = model.node
    if not isinstance(call, cst.Call):
        return None
    arg = keyword_arg(call, "layers") or next((a for a in call.args if a.keyword is None), None)
    return arg.value if arg is not None and isinstance(arg.value, cst.List) and arg.value.elements else None


def _layers_module(model: ModelIR) -> cst.BaseExpression | None:
    """How the model's layers are reached (`layers`, `keras.layers`, `tf.keras.layers`), read off a
    layer spelled `<module>.<LayerClass>(...)` that the extractor resolved to that class."""
    for layer in model.layers:
        call = layer.node
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) \
                and layer.kind == call.func.attr.value and "experimental" not in dotted(call.func):
            return call.func.value
    return None


def _evaluation_data_scaled(model: ModelIR) -> bool:
    datas = [e.x for e in model.evaluates]
    for fit in model.fits:
        vd = fit.validation_data
        datas.append(vd[0] if isinstance(vd, tuple) and vd else vd)  # (x_val, y_val): the inputs
    return any(isinstance(d, Data) and d.inputs.scaled is not False for d in datas)


@fixer("KL401")
def rescaling_layer(finding: Finding, ctx: FixContext) -> Fix | None:
    model = finding.subject
    if not isinstance(model, ModelIR) or model.style != "sequential" or _evaluation_data_scaled(model):
        return None
    layer_list = _layer_list(model)
    if layer_list is None:
        return None
    elements = list(layer_list.elements)
    module = _layers_module(model)
    first = elements[0].value
    if module is None or not isinstance(first, cst.Call):
        return None
    rescaling = cst.parse_expression("Rescaling(1.0 / 255)").with_changes(
        func=cst.Attribute(value=module, attr=cst.Name("Rescaling")))
    if dotted(first.func).rsplit(".", 1)[-1] in INPUT_CALLS:
        index = 1  # after the Input (the other layers may be added with model.add)
    else:
        if any(keyword_arg(first, name) for name in SHAPE_ARGS_NOT_MOVED):
            return None
        index = 0
        shape = keyword_arg(first, "input_shape")
        if shape is not None:  # the first layer's input_shape moves to the new first layer
            moved = shape.with_changes(comma=cst.MaybeSentinel.DEFAULT)
            rescaling = rescaling.with_changes(args=[*rescaling.args, moved])
            elements[0] = elements[0].with_changes(value=without_arg(first, shape))
    if index == len(elements):  # `[keras.Input(...)]`: the new layer becomes the last element
        elements[0] = elements[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        elements.append(cst.Element(rescaling, comma=layer_list.elements[0].comma))
    else:
        elements.insert(index, element_like(rescaling, elements[0]))
    return ctx.fix("Scale the 0–255 pixels in the model: Rescaling(1.0 / 255) as its first layer",
                   UNSAFE, [ctx.replace(layer_list, layer_list.with_changes(elements=elements))])
