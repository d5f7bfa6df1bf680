"""Training questions the rules share, asked of the IR only: `trainings(model)` (each compile() with the
fit() calls that use it), `labels_of(fit)`, `reconstructs_its_input(model)`.

The graph vocabulary (outputs, heads, roles, the walks between weight layers) lives in kerlint/ir/graph.py and
is computed once per model (`model.graph`). The names below are thin aliases of it, kept while the rules move
to the new contract: use `model.graph.outputs`, `model.graph.single_head`, `model.graph.successors`,
`layer.conditional` and `kerlint.ir.graph` directly.
"""

from __future__ import annotations

from typing import Iterator

from kerlint.ir.graph import (  # noqa: F401 - re-exported (see the docstring)
    LINEAR_SHAPE_LAYERS,
    MAX_POOLING,
    RESHAPING,
    Head,
    next_weight_layer,
    output_head,
    predecessors,
    previous_weight_layer,
    through_features,
    through_linear,
    through_per_channel,
    weight_path,
)
from kerlint.ir.model import Compile, Data, Fit, Layer, ModelIR


def is_conditional(layer: Layer) -> bool:
    """Alias of `layer.conditional`."""
    return layer.conditional


def model_outputs(model: ModelIR) -> list[Layer]:
    """Alias of `model.graph.outputs`."""
    return list(model.graph.outputs)


def single_head(model: ModelIR) -> Head | None:
    """Alias of `model.graph.single_head`."""
    return model.graph.single_head


def successors(model: ModelIR) -> dict[int, list[Layer]]:
    """Alias of `model.graph.successors`."""
    return model.graph.successors


def trainings(model: ModelIR) -> Iterator[tuple[Compile, list[Fit]]]:
    """Each compile() with the fit() calls made before the next compile()."""
    current: Compile | None = None
    fits: list[Fit] = []
    for event in model.events:
        if isinstance(event, Compile):
            if current is not None:
                yield current, fits
            current, fits = event, []
        elif isinstance(event, Fit) and current is not None:
            fits.append(event)
    if current is not None:
        yield current, fits


def labels_of(fit: Fit) -> Data | None:
    """The training labels of a fit(): `y`, or the label element of a dataset / generator of pairs."""
    if isinstance(fit.y, Data):
        return fit.y
    x = fit.x
    if isinstance(x, Data) and x.is_dataset and x.elements and len(x.elements) > 1:
        return x.elements[1]
    return None


def reconstructs_its_input(model: ModelIR) -> bool:
    """An autoencoder: some fit() trains the model to output its own input (`fit(x, x)`)."""
    for fit in model.fits:
        x_text, y_text = fit.arg_texts.get("x"), fit.arg_texts.get("y")
        if (isinstance(fit.x, Data) and fit.y is fit.x) or (x_text is not None and x_text == y_text):
            return True
    return False
