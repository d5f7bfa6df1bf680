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


def evaluation_inputs(model: ModelIR, methods=("evaluate", "evaluate_generator")):
    """(inputs Data, the dataset/array passed, node to point at, what it is) for every piece of held-out data
    the model is validated or evaluated on: fit(validation_data=...), and evaluate()/predict() inputs."""
    for fit in model.fits:
        vd = fit.validation_data
        passed = vd[0] if isinstance(vd, tuple) and vd else vd
        if isinstance(passed, Data):
            yield passed.inputs, passed, fit.arg_nodes.get("validation_data", fit.node), "validation_data"
    for evaluate in model.evaluates:
        if evaluate.method in methods and isinstance(evaluate.x, Data):
            yield (evaluate.x.inputs, evaluate.x, evaluate.x_node or evaluate.node,
                   f"the data passed to {evaluate.method}()")


@rule("KL402")
def augmentation_on_eval_data(model: ModelIR, opts: Options) -> Iterator[Finding]:
    """Random augmentation (tf.image.random_*, Random* layers called in a map or on arrays, an augmenting
    ImageDataGenerator's flow) reached validation or evaluate() data. predict() is left out: test-time
    augmentation there is a deliberate technique."""
    for inputs, passed, node, what in evaluation_inputs(model):
        if passed.augmented is True or inputs.augmented is True:
            yield Finding(node,
                          f"{what} ({passed.name or inputs.name or 'a dataset'}) goes through random augmentation: "
                          f"the model is scored on distorted images, so validation/test accuracy is noisy and "
                          f"understated — augment the training data only",
                          subject={"data": passed})


def _raw_images(data: Data) -> bool:
    return data.image_like and data.raw_range == (0, 255)


@rule("KL403")
def inconsistent_eval_preprocessing(model: ModelIR, opts: Options) -> Iterator[Finding]:
    """Training image inputs were scaled (/255, preprocess_input, a rescaling generator or map) but held-out image
    inputs (validation_data, evaluate(), predict()) provably were not: both raw 0–255 images, the held-out ones
    with scaled=False (never UNKNOWN)."""
    scaled_training = [fit.x for fit in model.fits
                       if isinstance(fit.x, Data) and _raw_images(fit.x.inputs) and fit.x.inputs.scaled is True]
    if not scaled_training:
        return
    trained_on = scaled_training[0].inputs
    trained_name = trained_on.name or scaled_training[0].name or "the training data"
    methods = ("evaluate", "evaluate_generator", "predict", "predict_generator")
    for inputs, passed, node, what in evaluation_inputs(model, methods):
        if _raw_images(inputs) and inputs.scaled is False:
            yield Finding(node,
                          f"the model was trained on scaled inputs ({trained_name}) but "
                          f"{what} ({inputs.name or passed.name or 'raw images'}) holds raw 0–255 pixels: the model "
                          f"sees inputs on a scale it never trained on and its scores/predictions are meaningless — "
                          f"apply the same preprocessing to validation/test data",
                          subject={"training": trained_on, "data": passed})
