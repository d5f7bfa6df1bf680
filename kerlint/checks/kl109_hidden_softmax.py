"""KL109 softmax-in-hidden-layer: softmax on a layer whose output feeds another weight layer as features.

Softmax squeezes a layer's outputs into a distribution that sums to 1, so the next layer sees tiny,
competing values and gradients. Not reported for the output heads, a layer placed under a condition the
extractor could not decide, nor a softmax whose output is multiplied or added in (attention weights, gates:
softmax is the point there). The fix (unsafe) uses relu instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.fix.keras_edits import with_activation
from kerlint.ir import graph
from kerlint.ir.model import Layer, ModelIR
from kerlint.violation import Fix


@dataclass(frozen=True, eq=False)
class HiddenSoftmax(Diagnosis):
    """`layer` applies softmax and feeds the weight layer `after`."""

    layer: Layer
    after: Layer

    @property
    def node(self) -> cst.CSTNode:
        return self.layer.node

    @property
    def message(self) -> str:
        return (f"softmax on a hidden layer feeding {self.after.base_kind}: it squeezes the features into a "
                f"distribution that sums to 1, so the next layer sees tiny, competing values and gradients. "
                f"Use relu here; keep softmax for the output layer")

    def fix(self, ctx: FixContext) -> Fix | None:
        call = with_activation(self.layer, "relu")
        node = (self.layer.wraps or self.layer).node
        if call is None or ctx.mixed_roles(node):
            return None
        return ctx.fix("Use relu instead of softmax in this hidden layer", UNSAFE, [ctx.replace(node, call)])


@rule("KL109", diagnoses=(HiddenSoftmax,))
def softmax_in_hidden_layer(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    if not model.complete:
        return
    head = model.graph.output_layers
    succ = model.graph.successors
    for layer in model.layers:
        if layer.activation != "softmax" or id(layer) in head or layer.conditional:
            continue
        after = graph.next_weight_layer(layer, succ, graph.through_features)
        if after is None:
            continue  # attention weights multiplied into features, gates: softmax is the point there
        yield HiddenSoftmax(layer, after)
