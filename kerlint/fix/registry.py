"""Fixers and what they work with.

A fixer is a function registered under a rule code. It receives the rule's `Finding` (its `subject`
names the IR objects to change: layers, a Fit, an Optimizer...) and a `FixContext`, and returns a
`Fix` or None when it cannot fix this finding with certainty:

    @fixer("KL504")
    def rename_lr(finding: Finding, ctx: FixContext) -> Fix | None:
        arg = ...                                          # a cst.Arg of the original module
        new = arg.with_changes(keyword=cst.Name("learning_rate"))
        return ctx.fix("Rename `lr=` to `learning_rate=`", SAFE, [ctx.replace(arg, new)])

(`FixContext` and the edit helpers live in kerlint/fix/context.py.) Fixers change the tree the way libcst codemods do (`node.with_changes(...)`), but only the
replaced node is rendered (`module.code_for_node`) and turned into a text `Edit` over the original
node's range, so every comment and line break outside that node is left as it was.
"""

from __future__ import annotations

from typing import Callable

from kerlint.checks.registry import Finding
from kerlint.fix.context import SAFE, UNSAFE, FixContext, nodes_of_type  # noqa: F401 - the fixers' imports
from kerlint.violation import Fix

Fixer = Callable[[Finding, FixContext], "Fix | None"]
FIXERS: dict[str, Fixer] = {}


def fixer(code: str):
    """Register the decorated function as the fixer of rule `code` (one fixer per rule)."""

    def register(func: Fixer) -> Fixer:
        if code in FIXERS:
            raise ValueError(f"a fixer for {code} is registered twice")
        FIXERS[code] = func
        return func

    return register
