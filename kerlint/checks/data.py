"""Data rules: input scaling, augmentation and preprocessing of evaluation data."""

from __future__ import annotations

from typing import Iterator

from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.model import INPUT_SCALING_LAYERS, Data, ModelIR


def model_scales_inputs(model: ModelIR) -> bool | None:
    """True if the model itself rescales/normalises its input; None when we cannot tell."""
    if any(layer.kind in INPUT_SCALING_LAYERS for layer in model.layers):
        return True
    if not model.complete or any(layer.kind in ("Lambda", "Application", "TensorOp") for layer in model.layers):
        return None
    return False


@rule("KL401")
def unnormalized_inputs(model: ModelIR, opts: Options) -> Iterator[Finding]:
    for fit in model.fits:
        if not isinstance(fit.x, Data):
            continue
        x = fit.x.inputs
        if not (x.image_like and x.raw_range == (0, 255) and x.scaled is False):
            continue
        if model_scales_inputs(model) is not False:
            continue
        source = x.origin.replace("_", " ")
        yield Finding(fit.arg_nodes.get("x", fit.node),
                      f"{x.name or 'the training input'} holds raw 0–255 pixel values ({source}) and neither the "
                      f"data (/255, standardisation) nor the model (Rescaling, Normalization) scales them: "
                      f"large inputs saturate activations and destabilise the gradients", subject=model)
