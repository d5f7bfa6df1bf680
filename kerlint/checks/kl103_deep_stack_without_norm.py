"""KL103 deep-stack-without-normalization: many convolutions and no BatchNormalization/LayerNormalization.

Deep plain stacks (VGG-style) without normalisation train slowly and are sensitive to initialisation and
learning rate. Not reported for an incomplete or pretrained model. No fix: where normalisation goes is a
design choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import Layer, ModelIR


@dataclass(frozen=True, eq=False)
class UnnormalizedConvStack(Diagnosis):
    """The model's convolution layers (the finding points at the first)."""

    convs: tuple[Layer, ...]

    @property
    def node(self) -> cst.CSTNode:
        return self.convs[0].node

    @property
    def message(self) -> str:
        return (f"{len(self.convs)} convolution layers and no BatchNormalization/LayerNormalization: deep stacks "
                f"without normalisation train slowly and are sensitive to initialisation and learning rate")


@rule("KL103", diagnoses=(UnnormalizedConvStack,))
def deep_stack_without_normalization(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    if not model.complete or model.pretrained:
        return
    convs = [layer for layer in model.layers if layer.is_conv]
    if len(convs) < int(opts["deep-stack-min-conv"]) or any(layer.is_norm for layer in model.layers):
        return
    yield UnnormalizedConvStack(tuple(convs))
