"""KL401 unnormalized-inputs: raw 0–255 pixels (an image dataset loaded as is) that neither the data (/255,
standardisation) nor the model (Rescaling, Normalization) scales.

The fix (unsafe: the model's input changes) scales them:
- A `Sequential([...])` written as a list literal gets a first `Rescaling(1.0 / 255)` layer (after an
  `Input`/`InputLayer` when there is one, also when the other layers come with `model.add`), which
  takes over the first layer's `input_shape=`. It is spelled like the model's other layers
  (`layers.Rescaling`, `tf.keras.layers.Rescaling`). Scaling in the model also scales validation,
  test and prediction inputs, so no evaluation path is left unscaled.
- Other models get `x / 255.0` where the arrays are passed to fit() (training and validation
  inputs), but only when the model is never evaluated or asked to predict on other inputs, which
  would then be left unscaled.
Neither is offered when some evaluation data is already scaled (that would divide it twice).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.data import model_scales_inputs
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import dotted, element_like, keyword_arg, without_arg
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.ir.model import Data, Fit, ModelIR
from kerlint.violation import Fix


@dataclass(frozen=True, eq=False)
class UnscaledPixels(Diagnosis):
    """fit()'s `x` argument (or the call): `pixels`, the raw 0–255 training images of `model`."""

    model: ModelIR
    fit: Fit
    pixels: Data

    @property
    def node(self) -> cst.CSTNode:
        return self.fit.arg_nodes.get("x", self.fit.node)

    @property
    def message(self) -> str:
        x = self.pixels
        source = x.origin.replace("_", " ")
        return (f"{x.name or 'the training input'} holds raw 0–255 pixel values ({source}) and neither the "
                f"data (/255, standardisation) nor the model (Rescaling, Normalization) scales them: "
                f"large inputs saturate activations and destabilise the gradients")

    def fix(self, ctx: FixContext) -> Fix | None:
        model = self.model
        if _evaluation_data_scaled(model):
            return None
        if model.style == "sequential" and _layer_list(model) is not None:
            return _rescaling_layer(model, ctx)
        return _divided_arrays(model, self.fit, ctx)


@rule("KL401", diagnoses=(UnscaledPixels,))
def unnormalized_inputs(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    for fit in model.fits:
        if not isinstance(fit.x, Data):
            continue
        x = fit.x.inputs
        if not (x.image_like and x.raw_range == (0, 255) and x.scaled is False):
            continue
        if model_scales_inputs(model) is not False:
            continue
        yield UnscaledPixels(model, fit, x)


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


def _divided(value: cst.BaseExpression) -> cst.BaseExpression:
    """`value / 255.0`, parenthesised unless it is a plain name, attribute, subscript or call."""
    if not isinstance(value, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
        value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.BinaryOperation(left=value, operator=cst.Divide(whitespace_before=cst.SimpleWhitespace(" "),
                                                               whitespace_after=cst.SimpleWhitespace(" ")),
                               right=cst.Float("255.0"))


def _divided_arrays(model: ModelIR, fit: Fit, ctx: FixContext) -> Fix | None:
    """Divide the arrays passed to fit() (training and validation inputs) by 255, when they are all the
    model ever sees: no evaluate()/predict() on other inputs that would be left unscaled."""
    x_arg = fit.arg_nodes.get("x")
    if x_arg is None or model.evaluates or not isinstance(fit.x, Data) or fit.x.is_dataset:
        return None
    edits = [ctx.replace(x_arg.value, _divided(x_arg.value))]
    if fit.validation_data is not None:
        arg = fit.arg_nodes.get("validation_data")
        pair = arg.value if arg is not None else None
        if not isinstance(pair, (cst.Tuple, cst.List)) or len(pair.elements) != 2 \
                or not isinstance(fit.validation_data, tuple) or not isinstance(fit.validation_data[0], Data):
            return None
        x_val = pair.elements[0].value
        edits.append(ctx.replace(x_val, _divided(x_val)))
    return ctx.fix("Scale the 0–255 pixels to [0, 1] where they are passed to fit()", UNSAFE, edits)


def _rescaling_layer(model: ModelIR, ctx: FixContext) -> Fix | None:
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
