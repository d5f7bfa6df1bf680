"""KL102 relu-stack-without-he-init: a stack of ReLU-family layers with Keras' default Glorot initialisation
and no normalisation.

Keras' Dense/Conv default `kernel_initializer` is glorot_uniform, whose variance suits tanh; with ReLU half
the units are zero, so activations shrink or grow layer by layer; He initialisation keeps their variance.
Not reported when the model is incomplete, pretrained or normalised, or when any layer chose an initializer
(an unreadable one, or one picked on purpose: KL110 judges constant ones). The fix (unsafe) gives every
layer of the stack `kernel_initializer="he_normal"`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.fix.keras_edits import he_initialized
from kerlint.ir.model import RELU_FAMILY, Layer, ModelIR
from kerlint.violation import Fix

_HE_LIKE = {"he_normal", "he_uniform", "lecun_normal", "lecun_uniform"}


@dataclass(frozen=True, eq=False)
class GlorotReluStack(Diagnosis):
    """The hidden ReLU-family layers (the finding points at the first), all Glorot-initialised."""

    layers: tuple[Layer, ...]

    @property
    def node(self) -> cst.CSTNode:
        return self.layers[0].node

    @property
    def message(self) -> str:
        return (f"{len(self.layers)} ReLU-family layers with the default Glorot initialisation and no "
                f"normalisation: activations shrink or grow layer by layer; He initialisation keeps their variance")

    def fix(self, ctx: FixContext) -> Fix | None:
        edits, done = [], set()
        for layer in (layer.wraps or layer for layer in self.layers):
            if id(layer.node) in done:  # one call building several layers (a loop): edit it once
                continue
            done.add(id(layer.node))
            if not isinstance(layer.node, cst.Call) or ctx.mixed_roles(layer.node):
                return None
            edits.append(ctx.replace(layer.node, he_initialized(layer.node, layer)))
        return ctx.fix(f"Initialise the {len(done)} ReLU layers with he_normal (changes the model)", UNSAFE, edits)


def _is_he_like(layer: Layer) -> bool:
    init = layer.kernel_initializer
    if init is None or not hasattr(init, "name"):
        return False
    if init.name in _HE_LIKE:
        return True
    return init.name == "variance_scaling" and init.args.get("scale", 1.0) in (2, 2.0)


@rule("KL102", diagnoses=(GlorotReluStack,))
def relu_stack_without_he_init(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    if not model.complete or model.pretrained or any(layer.is_norm for layer in model.layers):
        return
    relu = [layer for layer in model.graph.hidden_layers if layer.effective_activation in RELU_FAMILY]
    minimum = int(opts["relu-stack-min-layers"])
    if len(relu) < minimum or any(_is_he_like(layer) for layer in relu):
        return
    if any(layer.kernel_initializer is not None and getattr(layer.kernel_initializer, "name", None)
           not in ("glorot_uniform", "glorot_normal") for layer in relu):
        return  # an initializer we cannot read, or another one chosen on purpose (KL110 judges constant ones)
    yield GlorotReluStack(tuple(relu))
