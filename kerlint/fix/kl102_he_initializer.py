"""KL102 (unsafe): give every layer of the ReLU stack `kernel_initializer="he_normal"`."""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.keras_edits import he_initialized
from kerlint.fix.registry import UNSAFE, FixContext, fixer
from kerlint.violation import Fix


@fixer("KL102")
def he_initializer(finding: Finding, ctx: FixContext) -> Fix | None:
    layers = [layer.wraps or layer for layer in finding.subject or ()]
    edits, done = [], set()
    for layer in layers:
        if id(layer.node) in done:
            continue
        done.add(id(layer.node))
        if not isinstance(layer.node, cst.Call) or ctx.mixed_roles(layer.node):
            return None
        edits.append(ctx.replace(layer.node, he_initialized(layer.node, layer)))
    return ctx.fix(f"Initialise the {len(done)} ReLU layers with he_normal (changes the model)", UNSAFE, edits)
