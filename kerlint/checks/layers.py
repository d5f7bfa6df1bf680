"""Which layers of a model are hidden and which make up its output heads: the questions several
architecture rules (KL101-KL111) share. Asked of the IR only (kerlint/checks/graph.py walks the graph)."""

from __future__ import annotations

from kerlint.checks import graph
from kerlint.ir.model import Layer, ModelIR


def hidden_layers(model: ModelIR) -> list[Layer]:
    """Conv and Dense layers that are not the model's output layer (recurrent gates excluded)."""
    outputs: set[int] = set()
    out = model.output_layer
    for layer in list(model.outputs) + ([out] if out is not None else []):
        # every output's producing weight layer, also through Activation/Dropout/normalisation output layers
        # (a multi-output model whose heads end in Activation("tanh") layers: those Conv2Ds are not hidden)
        while layer is not None and id(layer) not in outputs:
            outputs.add(id(layer))
            if layer.is_weight or len(layer.inputs) != 1 or not (
                    layer.is_activation_layer or layer.is_dropout or layer.is_norm
                    or layer.kind in ("Flatten", "Reshape")):
                break
            layer = layer.inputs[0]
    return [layer for layer in model.layers
            if (layer.is_conv or layer.is_dense) and id(layer) not in outputs]


def head_layers(model: ModelIR) -> set[int]:
    """ids of the layers that make up the model's output heads (weight layer + trailing activation/dropout)."""
    ids: set[int] = set()
    for out in graph.model_outputs(model):
        head = graph.output_head(out)
        ids.update(id(layer) for layer in (head.path if head is not None else [out]))
    return ids

