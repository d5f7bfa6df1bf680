"""How a rule is written: a small pure function over the IR that yields typed diagnoses.

    @dataclass(frozen=True, eq=False)
    class LrArgument(Diagnosis):                 # one case the rule reports, with the IR facts it is about
        arg: cst.Arg
        optimizer: Optimizer

        @property
        def node(self) -> cst.CSTNode:           # where the finding points (the engine adds positions)
            return self.arg

        @property
        def message(self) -> str:
            return "optimizer argument lr= is gone: ..."

        def fix(self, ctx: FixContext) -> Fix | None:   # the fix, made where the diagnosis is made
            return ctx.fix("Rename `lr=` to `learning_rate=`", SAFE, [ctx.replace(...)])

    @rule("KL504", scope="file")
    def removed_lr_argument(file: FileIR, opts: Options) -> Iterator[Diagnosis]:
        for use in ...:
            yield LrArgument(use.node, use.detail["optimizer"])

`scope="model"` (the default) calls the function once per ModelIR; `scope="file"` once per FileIR,
for facts that belong to no single model (removed APIs, a model reused across experiments).
The rule's name, default severity and documentation come from its `rules/KLxxx.yaml` entry; `opts` holds
the rule's own options. A rule with several cases has one Diagnosis class per case, so what it can report
reads off its classes, and a fix never re-derives which case fired.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

import libcst as cst

from kerlint.violation import Severity

if TYPE_CHECKING:
    from kerlint.fix.context import FixContext
    from kerlint.violation import Fix

Options = Mapping[str, object]


class Diagnosis:
    """One case a rule reports: a small frozen value (`@dataclass(frozen=True, eq=False)` subclass) whose
    fields are the IR objects the case is about. A subclass provides `node` and `message` (fields or
    properties), may set `severity` (a field, when the case decides it; None means the rule's default) and
    may override `fix(ctx)`: the Fix (safe or unsafe, with text edits), or None when nothing is certain."""

    severity: Severity | None = None

    def fix(self, ctx: "FixContext") -> "Fix | None":  # noqa: ARG002 - no fix unless the case defines one
        return None


@dataclass(frozen=True)
class RegisteredCheck:
    code: str
    scope: str
    func: Callable[..., Iterable[Diagnosis]]
    diagnoses: tuple[type[Diagnosis], ...] = ()  # every case the rule can report

    @property
    def fixable(self) -> bool:
        """Does some case of this rule define a fix?"""
        return any(case.fix is not Diagnosis.fix for case in self.diagnoses)


CHECKS: dict[str, RegisteredCheck] = {}


def rule(code: str, scope: str = "model", diagnoses: Iterable[type[Diagnosis]] = ()):
    """Register the decorated function as rule `code`; `diagnoses` lists the Diagnosis classes it yields."""
    if scope not in ("model", "file"):
        raise ValueError(scope)

    def register(func):
        if code in CHECKS:
            raise ValueError(f"{code} registered twice")
        CHECKS[code] = RegisteredCheck(code, scope, func, tuple(diagnoses))
        return func

    return register
