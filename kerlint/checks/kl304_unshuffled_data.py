"""KL304 unshuffled-training-data: training data fed in the same order every epoch.

`fit(shuffle=False)` on arrays (fit shuffles arrays by default), or a batched dataset / generator without
shuffling (`fit(shuffle=...)` does not apply to datasets). `shuffle=False` given to a generator or to a directory
loader that shuffles by default is a choice: a warning; a hand-built tf.data pipeline without `.shuffle()` usually
lists its files in random order: info. The fixes (unsafe: the order of training changes) shuffle:
`shuffle=False` -> `shuffle=True` on fit() or on the data source (image_dataset_from_directory,
flow_from_directory, flow) found by following fit's `x` through names assigned once; otherwise `.shuffle(10000)`
before the pipeline's first `.batch()`. When the pipeline cannot be found with certainty, there is no fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import keyword_arg
from kerlint.fix.context import UNSAFE, FixContext
from kerlint.fix.pipelines import pipeline_calls
from kerlint.ir.model import Data, Fit, ModelIR
from kerlint.violation import Fix, Severity

# Loaders that shuffle unless told shuffle=False (timeseries_dataset_from_array does not: its default is False).
SHUFFLING_LOADERS = frozenset({"image_dataset_from_directory", "text_dataset_from_directory"})
SHUFFLE_BUFFER = 10000
BATCH_METHODS = ("batch", "padded_batch")


@dataclass(frozen=True, eq=False)
class UnshuffledDataset(Diagnosis):
    """fit()'s `x` argument (or the call): a batched dataset or a generator that is not shuffled. `explicit`:
    shuffling was turned off on a source that shuffles by default (a warning; else info)."""

    node: cst.CSTNode
    fit: Fit
    explicit: bool
    message: str = ("the training dataset is batched without shuffle(): every epoch sees the same "
                    "batches in the same order (fit(shuffle=...) does not apply to datasets)")

    @property
    def severity(self) -> Severity | None:
        return None if self.explicit else Severity.INFO

    def fix(self, ctx: FixContext) -> Fix | None:
        x_arg = self.fit.arg_nodes.get("x")
        if x_arg is None:
            return None
        calls = pipeline_calls(ctx.module, x_arg.value)
        for call in calls:
            arg = keyword_arg(call, "shuffle")
            if arg is not None and _is_false(arg.value):
                return ctx.fix("Let the data source shuffle (shuffle=True)", UNSAFE,
                               [ctx.replace(arg.value, cst.Name("True"))])
        batches = [c for c in calls if isinstance(c.func, cst.Attribute) and c.func.attr.value in BATCH_METHODS]
        if not batches or any(isinstance(c.func, cst.Attribute) and c.func.attr.value == "shuffle" for c in calls):
            return None
        first_batch = batches[-1].func  # outermost first, so the last one is applied first
        shuffled = cst.Call(func=cst.Attribute(value=first_batch.value, attr=cst.Name("shuffle")),
                            args=[cst.Arg(cst.Integer(str(SHUFFLE_BUFFER)))])
        return ctx.fix(f"Shuffle the dataset before batching (.shuffle({SHUFFLE_BUFFER}))", UNSAFE,
                       [ctx.replace(first_batch, first_batch.with_changes(value=shuffled))])


@dataclass(frozen=True, eq=False)
class ShuffleFalse(Diagnosis):
    """`fit(..., shuffle=False)` (the argument, or the call) on data that is not a dataset (fix: `shuffle=True`)."""

    node: cst.CSTNode
    fit: Fit
    message: str = ("fit(shuffle=False): the model sees samples in file order, often sorted by class, "
                    "and learns the order instead of the data")

    def fix(self, ctx: FixContext) -> Fix | None:
        arg = self.fit.arg_nodes.get("shuffle")
        if self.fit.shuffle is not False or arg is None or not _is_false(arg.value):
            return None
        return ctx.fix("Shuffle the training arrays every epoch (shuffle=True)", UNSAFE,
                       [ctx.replace(arg.value, cst.Name("True"))])


def _is_false(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value == "False"


@rule("KL304", diagnoses=(UnshuffledDataset, ShuffleFalse))
def unshuffled_training_data(model: ModelIR, opts: Options) -> Iterator[Diagnosis]:
    for fit in model.fits:
        x = fit.x
        if isinstance(x, Data) and x.is_dataset:
            if x.shuffled is False and (x.batched or x.role == "generator"):
                explicit = x.role == "generator" or x.origin in SHUFFLING_LOADERS
                yield UnshuffledDataset(fit.arg_nodes.get("x", fit.node), fit, explicit)
        elif fit.shuffle is False:
            yield ShuffleFalse(fit.arg_nodes.get("shuffle", fit.node), fit)
