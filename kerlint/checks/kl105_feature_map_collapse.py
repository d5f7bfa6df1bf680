"""KL105 feature-map-collapse: convolutions and pooling shrink the feature map to nothing, or to one
position before a convolution that still has a kernel to slide.

A map that reaches 0 (or less) along an axis cannot be built: Keras raises at build time (an error). A
k×k convolution (k > 1) on a 1×1 map sees a single position and learns nothing spatial (a warning); a 1×1
convolution on a pooled descriptor (channel attention, squeeze-and-excitation) is a dense layer by design and
is not reported. One finding per model, at the first such layer. No fix: where to stop downsampling is a
design choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import ERROR, WARNING
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import Layer, ModelIR
from kerlint.violation import Severity


@dataclass(frozen=True, eq=False)
class EmptyFeatureMap(Diagnosis):
    """`layer`'s output has an axis ≤ 0: the model cannot be built (`input_shape`: the model's input)."""

    layer: Layer
    input_shape: tuple | None
    severity: Severity | None = ERROR

    @property
    def node(self) -> cst.CSTNode:
        return self.layer.node

    @property
    def message(self) -> str:
        return (f"the feature map reaches {_shape_text(self.layer.output_shape)} at this {self.layer.kind}: "
                f"the model cannot be built (input {_shape_text(self.input_shape)})")


@dataclass(frozen=True, eq=False)
class SinglePositionConv(Diagnosis):
    """A convolution with a kernel larger than 1 gets a 1×1 (1, 1×1×1) feature map."""

    layer: Layer
    kernel: tuple[int, ...]
    severity: Severity | None = WARNING

    @property
    def node(self) -> cst.CSTNode:
        return self.layer.node

    @property
    def message(self) -> str:
        return (f"this {self.layer.kind} gets a {_shape_text(self.layer.input_shape)} feature map: its "
                f"{'×'.join(map(str, self.kernel))} kernel sees a single position, so it learns nothing "
                f"spatial (the map collapsed before it)")


@rule("KL105", diagnoses=(EmptyFeatureMap, SinglePositionConv))
def feature_map_collapse(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    spatial_layers = [layer for layer in model.layers
                      if layer.output_shape is not None and len(layer.output_shape) >= 2
                      and (layer.is_conv or layer.kind.startswith(("MaxPooling", "AveragePooling")))]
    for layer in spatial_layers:
        dims = _spatial(layer)
        if dims and any(d is not None and d <= 0 for d in dims):
            yield EmptyFeatureMap(layer, model.input_shape)
            return
    # A 1x1 map is only a problem for a convolution that still has a kernel to slide: a 1x1 conv on a
    # pooled descriptor (channel attention, squeeze-and-excitation) is a dense layer by design.
    for layer in model.layers:
        if not layer.is_conv or layer.input_shape is None or len(layer.input_shape) < 2:
            continue
        dims = layer.input_shape[:-1]
        kernel = _kernel(layer, len(dims))
        if kernel is None or all(k == 1 for k in kernel):
            continue
        if all(d == 1 for d in dims):
            yield SinglePositionConv(layer, kernel)
            return


def _spatial(layer: Layer):
    shape = layer.output_shape
    if shape is None or len(shape) < 2:
        return None
    return shape[:-1]


def _kernel(layer: Layer, rank: int):
    """The layer's kernel size as a tuple of `rank` ints, or None when unknown."""
    inner = layer.wraps or layer
    value = inner.args.get("kernel_size")
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * rank
    if isinstance(value, (tuple, list)) and len(value) == rank and all(isinstance(v, int) for v in value):
        return tuple(value)
    return None


def _shape_text(shape) -> str:
    if shape is None:
        return "?"
    return "×".join("?" if d is None else str(d) for d in shape)
