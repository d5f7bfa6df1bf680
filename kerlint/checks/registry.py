"""How a rule is written: a small pure function over the IR, registered under its code.

    @rule("KL101")
    def saturating_activation(model: ModelIR, opts: Options) -> Iterator[Finding]:
        ...

`scope="model"` (the default) calls the function once per ModelIR; `scope="file"` once per FileIR,
for facts that belong to no single model (removed APIs, a model reused across experiments).
The rule's name, severity and documentation come from its `rules/KLxxx.yaml` entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import libcst as cst

from kerlint.violation import Severity

Options = Mapping[str, object]


@dataclass
class Finding:
    """What a rule returns: the node to point at and what to say. The engine adds positions."""

    node: cst.CSTNode
    message: str
    severity: Severity | None = None  # None: the rule's default severity
    subject: object = None  # the IR object(s) the finding is about (layers, a Fit...): what a fixer edits


@dataclass(frozen=True)
class RegisteredCheck:
    code: str
    scope: str
    func: Callable[..., Iterable[Finding]]


CHECKS: dict[str, RegisteredCheck] = {}


def rule(code: str, scope: str = "model"):
    if scope not in ("model", "file"):
        raise ValueError(scope)

    def register(func):
        if code in CHECKS:
            raise ValueError(f"{code} registered twice")
        CHECKS[code] = RegisteredCheck(code, scope, func)
        return func

    return register
