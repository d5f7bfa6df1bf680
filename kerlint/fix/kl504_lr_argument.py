"""KL504 (safe): the optimizer keyword `lr=` -> `learning_rate=`.

`decay=` has no safe equivalent (the same decay needs a learning-rate schedule whose steps depend on
how the optimizer is used), so its finding gets no fix and stays reported.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import keyword_arg
from kerlint.fix.registry import SAFE, FixContext, fixer
from kerlint.violation import Fix


@fixer("KL504")
def lr_argument(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = finding.subject or {}
    arg = finding.node
    if subject.get("keyword") != "lr" or not isinstance(arg, cst.Arg) or arg.keyword is None:
        return None
    optimizer = getattr(subject.get("optimizer"), "node", None)
    if isinstance(optimizer, cst.Call) and keyword_arg(optimizer, "learning_rate") is not None:
        return None  # both given: which one the user meant is not ours to decide
    message = "Rename `lr=` to `learning_rate=`"
    if isinstance(optimizer, cst.Call) and keyword_arg(optimizer, "decay") is not None:
        message += " (`decay=` has no safe equivalent and is left as it is)"
    return ctx.fix(message, SAFE, [ctx.replace(arg.keyword, cst.Name("learning_rate"))])
