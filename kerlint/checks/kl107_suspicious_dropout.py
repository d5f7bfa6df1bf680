"""KL107 suspicious-dropout: a dropout layer after the output, with an impossible rate, or with a rate that
leaves the next layer almost nothing.

Keras' `Dropout(rate)` drops the fraction `rate` of the units during training and rescales the rest by
1/(1 - rate); a rate outside [0, 1) is rejected (ValueError) and `rate=0` is how configurable models switch
dropout off (not reported). After the output's last activation it corrupts the predictions the loss is
computed on (an error; only for a compiled model, whose output is its prediction). The fixes are unsafe:
the dropout after the output is removed, a rate ≥ `dropout-max-rate` becomes 0.5, a rate above
`conv-dropout-max-rate` on a conv feature map becomes 0.25; an impossible rate says nothing of the rate
meant (0.1? 1 - rate?): no fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import ERROR, WARNING
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import add_statement, containing_list
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.ir import graph
from kerlint.ir.model import Layer, ModelIR
from kerlint.violation import Edit, Fix, Position, Severity

_RATE_DROPOUTS = frozenset({"Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout",
                            "GaussianDropout"})


@dataclass(frozen=True, eq=False)
class _Dropout(Diagnosis):
    layer: Layer
    rate: float

    @property
    def node(self) -> cst.CSTNode:
        return self.layer.node


@dataclass(frozen=True, eq=False)
class DropoutAfterOutput(_Dropout):
    """A dropout after the output's last activation (fix: remove the layer, when its rate is valid)."""

    severity: Severity | None = ERROR

    @property
    def message(self) -> str:
        return (f"{self.layer.kind}({self.rate}) after the output layer: during training it zeroes some predictions "
                f"at random and rescales the rest, so the loss is computed on corrupted outputs "
                f"(softmax probabilities no longer sum to 1). Put dropout before the output layer")

    def fix(self, ctx: FixContext) -> Fix | None:
        """Remove the layer: its element of a Sequential list, or its `model.add(...)` line."""
        if not 0 < self.rate < 1:
            return None
        message = f"Remove the {self.layer.kind} after the output layer"
        where = containing_list(ctx.module, self.layer.node)
        if where is None:
            line = add_statement(ctx.module, self.layer.node)
            if line is None or (line is ctx.module.body[-1] and not ctx.module.has_trailing_newline):
                return None
            row = ctx.positions[line].start.line
            return ctx.fix(message, UNSAFE, [Edit(Position(row, 1), Position(row + 1, 1), "")])
        lst, index = where
        elements = list(lst.elements)
        removed = elements.pop(index)
        if elements and index == len(elements):  # removed the last: the new last keeps its trailing comma style
            elements[-1] = elements[-1].with_changes(comma=removed.comma)
        return ctx.fix(message, UNSAFE, [ctx.replace(lst, lst.with_changes(elements=elements))])


@dataclass(frozen=True, eq=False)
class InvalidDropoutRate(_Dropout):
    """A rate ≥ 1 (every unit dropped) or < 0. No fix: the rate meant is unknown."""

    severity: Severity | None = ERROR

    @property
    def message(self) -> str:
        what = "drops every unit" if self.rate >= 1 else "is invalid"
        return (f"{self.layer.kind}(rate={self.rate}) {what}: the rate must be strictly between 0 and 1 "
                f"(it is the fraction of units dropped)")


@dataclass(frozen=True, eq=False)
class _RateTooHigh(_Dropout):
    new_rate = ""  # what the fix sets the rate to

    def fix(self, ctx: FixContext) -> Fix | None:
        arg = self.layer.arg_nodes.get("rate")
        if arg is None:
            return None
        return ctx.fix(f"Use {self.layer.kind}({self.new_rate}) instead of {self.rate}", UNSAFE,
                       [ctx.replace(arg.value, cst.Float(self.new_rate))])


@dataclass(frozen=True, eq=False)
class HighDropoutRate(_RateTooHigh):
    """A rate at or above `dropout-max-rate` (fix: 0.5)."""

    severity: Severity | None = WARNING
    new_rate = "0.5"

    @property
    def message(self) -> str:
        return (f"{self.layer.kind}({self.rate}) drops {self.rate:.0%} of the units at every step: the layer after it "
                f"sees almost nothing and the model underfits. Typical rates are 0.2–0.5 "
                f"(rate is the fraction dropped, not kept)")


@dataclass(frozen=True, eq=False)
class HighFeatureMapDropout(_RateTooHigh):
    """A rate above `conv-dropout-max-rate` on a convolutional feature map (fix: 0.25)."""

    severity: Severity | None = WARNING
    new_rate = "0.25"

    @property
    def message(self) -> str:
        return (f"{self.layer.kind}({self.rate}) on a convolutional feature map: neighbouring activations are "
                f"correlated, and dropping more than half of them mostly slows learning. Use 0.1–0.3 "
                f"after conv blocks, and higher rates only in the dense head")


def _after_output_activation(model: ModelIR) -> set[int]:
    """ids of the layers placed after an output's last activation (where dropout corrupts predictions)."""
    ids: set[int] = set()
    for head in model.graph.heads:
        if head is not None:
            start = head.path.index(head.activation_layer) + 1
            ids.update(id(layer) for layer in head.path[start:])
    return ids


def _on_feature_map(layer: Layer) -> bool:
    """A dropout applied to a conv feature map (before any Flatten/GlobalPooling/Dense)."""
    if layer.kind.startswith("SpatialDropout"):
        return True
    before = graph.previous_weight_layer(
        layer, through=lambda other: not (other.kind in ("Flatten", "Reshape") or other.kind.startswith("Global")))
    return before is not None and before.is_conv


@rule("KL107", diagnoses=(DropoutAfterOutput, InvalidDropoutRate, HighDropoutRate, HighFeatureMapDropout))
def suspicious_dropout(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    high, high_conv = float(opts["dropout-max-rate"]), float(opts["conv-dropout-max-rate"])
    after_output = _after_output_activation(model) if model.compiles else set()
    for layer in model.layers:
        if layer.kind not in _RATE_DROPOUTS:
            continue
        rate = layer.args.get("rate")
        if isinstance(rate, bool) or not isinstance(rate, (int, float)):
            continue
        if id(layer) in after_output:
            yield DropoutAfterOutput(layer, rate)
        elif rate >= 1 or rate < 0:
            # rate == 0 is how configurable models switch dropout off (keras-io deit, gcvit): not reported
            yield InvalidDropoutRate(layer, rate)
        elif rate >= high:
            yield HighDropoutRate(layer, rate)
        elif rate > high_conv and _on_feature_map(layer):
            yield HighFeatureMapDropout(layer, rate)
