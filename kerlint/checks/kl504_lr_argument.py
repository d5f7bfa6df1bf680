"""KL504 removed-optimizer-argument: `lr=` and `decay=` on a Keras optimizer constructor.

What each version does (tests/test_migration_keras.py checks the Keras 3 claims on the installed Keras):
`lr=` — Keras 3 raises ValueError; TF 2.11-2.15 pops it with a warning and trains at the default rate;
before 2.11 a deprecated alias (info). `decay=` — Keras 3 accepts it with a warning and ignores it (the
decay never happens: a warning); TF 2.11-2.15 raise ValueError; before 2.11 it works (not reported).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from kerlint.checks.api import INFO, WARNING, at_least, uses
from kerlint.checks.registry import Diagnosis, Options, rule
from kerlint.fix.calls import keyword_arg
from kerlint.fix.context import SAFE, FixContext
from kerlint.ir.model import FileIR, Optimizer
from kerlint.violation import Fix, Severity

_SCHEDULE = ("learning_rate=keras.optimizers.schedules.InverseTimeDecay(lr, decay_steps=1, "
             "decay_rate=decay)")


@dataclass(frozen=True, eq=False)
class LrArgument(Diagnosis):
    """`lr=`: renamed `learning_rate=` (fix: rename the keyword, unless `learning_rate=` is given too)."""

    node: cst.Arg
    optimizer: Optimizer | None
    target: str  # "keras3", "tf2.11" (the new optimizers) or "old"

    @property
    def severity(self) -> Severity | None:
        return INFO if self.target == "old" else None

    @property
    def message(self) -> str:
        if self.target == "keras3":
            return ("optimizer argument lr= is gone: Keras 3 rejects it (ValueError: Argument(s) not "
                    "recognized) — use learning_rate=")
        if self.target == "tf2.11":
            return ("optimizer argument lr= is ignored by the TF 2.11+ optimizers (outside optimizers.legacy): "
                    "they drop it with only a warning and train at their default learning rate — use "
                    "learning_rate=")
        return "optimizer argument lr= is a deprecated alias of learning_rate= (removed in Keras 3)"

    def fix(self, ctx: FixContext) -> Fix | None:
        call = getattr(self.optimizer, "node", None)
        if self.node.keyword is None:
            return None
        if isinstance(call, cst.Call) and keyword_arg(call, "learning_rate") is not None:
            return None  # both given: which one the user meant is not ours to decide
        title = "Rename `lr=` to `learning_rate=`"
        if isinstance(call, cst.Call) and keyword_arg(call, "decay") is not None:
            title += " (`decay=` has no safe equivalent and is left as it is)"
        return ctx.fix(title, SAFE, [ctx.replace(self.node.keyword, cst.Name("learning_rate"))])


@dataclass(frozen=True, eq=False)
class DecayIgnored(Diagnosis):
    """`decay=` on Keras 3: accepted with a warning, never applied. No fix: the same decay needs a
    learning-rate schedule whose steps depend on how the optimizer is used."""

    node: cst.Arg
    severity: Severity | None = WARNING
    message: str = ("optimizer argument decay= is ignored: Keras 3 accepts it with only a warning and trains "
                    f"without the decay — for the decay Keras 2 applied, use {_SCHEDULE}")


@dataclass(frozen=True, eq=False)
class DecayRejected(Diagnosis):
    """`decay=` on the TF 2.11-2.15 optimizers: ValueError. No fix (see DecayIgnored)."""

    node: cst.Arg
    message: str = ("optimizer argument decay= is rejected by the TF 2.11+ optimizers (ValueError) — use "
                    f"{_SCHEDULE} for the same per-step decay")


@rule("KL504", scope="file", diagnoses=(LrArgument, DecayIgnored, DecayRejected))
def removed_lr_argument(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
    keras3, new_optimizers = at_least(opts, 3), at_least(opts, 2, 11)
    for use in uses(file, "removed-optimizer-arg"):
        if use.detail["keyword"] == "lr":
            target = "keras3" if keras3 else "tf2.11" if new_optimizers else "old"
            yield LrArgument(use.node, use.detail["optimizer"], target)
        elif keras3:
            yield DecayIgnored(use.node)
        elif new_optimizers:
            yield DecayRejected(use.node)
