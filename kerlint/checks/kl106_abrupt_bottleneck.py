"""KL106 abrupt-bottleneck: consecutive hidden layers of one family whose width drops by `bottleneck-ratio`
or more (e.g. Dense(512) -> Dense(8)).

Not reported when the model is incomplete (layers may be missing between the two), when the narrow layer
feeds a residual merge, attention or a custom op, nor for a squeeze-and-excitation style reduce/expand pair
(the layer after it is as wide again). No fix: the widths to use are a design choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir import graph
from kerlint.ir.model import Layer, ModelIR


@dataclass(frozen=True, eq=False)
class AbruptBottleneck(Diagnosis):
    """`layer` is far narrower than `before`, the previous hidden layer of its family."""

    before: Layer
    layer: Layer

    @property
    def node(self) -> cst.CSTNode:
        return self.layer.node

    @property
    def message(self) -> str:
        wide, narrow = self.before.width, self.layer.width
        unit = "filters" if self.layer.is_conv else "units"
        return (f"{unit} drop from {wide} to {narrow} ({wide / narrow:.0f}×) between consecutive hidden "
                f"layers: such an abrupt bottleneck discards features the next layers need; shrink "
                f"gradually (e.g. halve per layer)")


def _next_in_chain(layer: Layer, succ) -> Layer | None:
    """The next weight layer along a plain chain (pooling, Flatten, dropout... but no merge or branch)."""
    current = layer
    while True:
        after = succ.get(id(current), [])
        if len(after) != 1 or len(graph.predecessors(after[0])) != 1:
            return None
        current = after[0]
        if current.is_weight:
            return current


def _family(layer: Layer) -> str:
    return "conv" if layer.is_conv else "dense" if layer.is_dense else "recurrent" if layer.is_recurrent else ""


@rule("KL106", diagnoses=(AbruptBottleneck,))
def abrupt_bottleneck(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    if not model.complete:
        return  # layers may be missing between the two we would compare
    ratio = float(opts["bottleneck-ratio"])
    hidden = model.graph.hidden_layers
    hidden_ids = {id(layer) for layer in hidden}
    succ = model.graph.successors
    for layer in hidden:
        before = graph.previous_weight_layer(layer, through=lambda other: not other.is_weight)
        if before is None or id(before) not in hidden_ids or _family(before) != _family(layer):
            continue
        wide, narrow = before.width, layer.width
        if not (isinstance(wide, int) and isinstance(narrow, int) and narrow > 0 and wide >= ratio * narrow):
            continue
        after = _next_in_chain(layer, succ)
        if after is None:
            continue  # the narrow layer feeds a residual merge, attention or a custom op: not a bottleneck
        if isinstance(after.width, int) and after.width >= wide:
            continue  # squeeze-and-excitation style reduce/expand pair: a deliberate design
        yield AbruptBottleneck(before, layer)
