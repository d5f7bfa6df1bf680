"""KL104 dense-head-without-regularization: a wide hidden Dense and no regularisation anywhere.

Regularisation is any dropout or augmentation layer, ActivityRegularization, a `*_regularizer=` argument,
dropout inside a layer (LSTM/GRU `dropout=`/`recurrent_dropout=`, attention `dropout=`) or AdamW's weight
decay. A Dense that projects into a feature map for convolutions (a GAN generator's or a decoder's
Dense -> Reshape -> Conv2DTranspose) is not a classification head. No fix: which regulariser fits is a
design choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.ir.model import AUGMENTATION_LAYERS, DROPOUT_LAYERS, Layer, ModelIR


@dataclass(frozen=True, eq=False)
class UnregularizedWideDense(Diagnosis):
    """The first wide hidden Dense of a model with no regularisation."""

    layer: Layer

    @property
    def node(self) -> cst.CSTNode:
        return self.layer.node

    @property
    def message(self) -> str:
        return (f"hidden Dense({self.layer.width}) and no Dropout or weight regularisation anywhere in the model: "
                f"a wide dense head memorises the training set (high training, low validation accuracy)")


def _regularized(model: ModelIR) -> bool:
    for layer in model.layers:
        if layer.kind in DROPOUT_LAYERS or layer.kind in AUGMENTATION_LAYERS or layer.kind == "ActivityRegularization":
            return True
        if any(key.endswith("_regularizer") and value is not None for key, value in layer.args.items()):
            return True
        # dropout inside a layer: LSTM/GRU dropout, recurrent_dropout, MultiHeadAttention(dropout=0.1)
        if any(isinstance(layer.args.get(k), (int, float)) and layer.args.get(k) > 0
               for k in ("dropout", "recurrent_dropout", "attention_dropout")):
            return True
    for compile_ in model.compiles:
        opt = compile_.optimizer
        if getattr(opt, "name", "") in ("adamw",):
            return True
    return False


def _feeds_feature_layers(layer: Layer, succ) -> bool:
    """True when convolutions or recurrent layers come after `layer`: it is a projection into a feature
    map (a GAN generator's or a decoder's Dense -> Reshape -> Conv2DTranspose), not a classification head."""
    pending, seen = list(succ.get(id(layer), [])), set()
    while pending:
        nxt = pending.pop()
        if id(nxt) in seen:
            continue
        seen.add(id(nxt))
        if nxt.is_conv or nxt.is_recurrent or nxt.kind.startswith("UpSampling"):
            return True
        pending.extend(succ.get(id(nxt), []))
    return False


@rule("KL104", diagnoses=(UnregularizedWideDense,))
def dense_head_without_regularization(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    if not model.complete:
        return
    minimum = int(opts["dense-head-min-units"])
    succ = model.graph.successors
    wide = [layer for layer in model.graph.hidden_layers
            if layer.is_dense and isinstance(layer.width, int) and layer.width >= minimum
            and not _feeds_feature_layers(layer, succ)]
    if not wide or _regularized(model):
        return
    yield UnregularizedWideDense(wide[0])
