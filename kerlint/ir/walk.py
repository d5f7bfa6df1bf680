"""The walk from a model output back to the layer computing it, over any graph (kerlint.ir.graph's Layers, the
probe's live Keras layers): a leaf module without imports, so the probe's child process reads it without the
extractor.
"""

from __future__ import annotations

from typing import Callable


def walk_to_weights(start, before: Callable, computes: Callable) -> list:
    """From an output back to the layer computing it: `start`, then each single predecessor (`before(layer)`:
    the layers feeding it) until a layer that `computes` the values (included). A layer with no weights of
    its own (activation, dropout, normalisation, reshaping, pooling, a Lambda) is a fixed function of the
    layer before it, so that layer still computes the output. Stops at a merge or a shared layer (several
    predecessors). One definition for the IR (`output_path`) and the probe's live models (`output_block`)."""
    path, layer, seen = [], start, set()
    while id(layer) not in seen:
        seen.add(id(layer))
        path.append(layer)
        if computes(layer):
            break
        previous = before(layer)
        if len(previous) != 1:
            break
        layer = previous[0]
    return path


def output_block(has_weights: list[bool]) -> set[int]:
    """The probe's view of a live model (its leaf layers in order, each fed by the one before; `has_weights`:
    the layer has a kernel): the indices of the layers that belong to the output (`walk_to_weights` from the
    last layer), which are never hidden. Empty when no layer has weights."""
    if not any(has_weights):
        return set()
    path = walk_to_weights(len(has_weights) - 1, lambda i: [i - 1] if i > 0 else [], lambda i: has_weights[i])
    return set(path)
