"""What the data rules (KL401-KL403, KL405; one module each) share: does the model scale its own input, and
which held-out data is it validated, evaluated or asked to predict on."""

from __future__ import annotations

from kerlint.ir.model import INPUT_SCALING_LAYERS, Data, ModelIR


def model_scales_inputs(model: ModelIR) -> bool | None:
    """True if the model itself rescales/normalises its input; None when we cannot tell."""
    if any(layer.kind in INPUT_SCALING_LAYERS for layer in model.layers):
        return True
    if not model.complete or any(layer.kind in ("Lambda", "Application", "TensorOp") for layer in model.layers):
        return None
    return False


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
