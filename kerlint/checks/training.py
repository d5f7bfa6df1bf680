"""Training-loop rules: validation, shuffling, learning rate, epochs, callbacks."""

from __future__ import annotations

from typing import Iterator

from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.model import Data, ModelIR


@rule("KL303")
def missing_validation(model: ModelIR, opts: Options) -> Iterator[Finding]:
    for fit in model.fits:
        if fit.validation_data is None and fit.validation_split in (None, 0, 0.0):
            yield Finding(fit.node, "fit() without validation_split or validation_data: nothing tells you when "
                                    "the model stops generalising or whether accuracy is real",
                          subject=fit)


@rule("KL304")
def unshuffled_training_data(model: ModelIR, opts: Options) -> Iterator[Finding]:
    for fit in model.fits:
        x = fit.x
        if isinstance(x, Data) and x.is_dataset:
            if x.shuffled is False and (x.batched or x.role == "generator"):
                yield Finding(fit.arg_nodes.get("x", fit.node),
                              "the training dataset is batched without shuffle(): every epoch sees the same "
                              "batches in the same order (fit(shuffle=...) does not apply to datasets)", subject=fit)
        elif fit.shuffle is False:
            yield Finding(fit.arg_nodes.get("shuffle", fit.node),
                          "fit(shuffle=False): the model sees samples in file order, often sorted by class, "
                          "and learns the order instead of the data", subject=fit)
