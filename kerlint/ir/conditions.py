"""Undecided conditions: the `if` tests the extractor cannot evaluate, keyed so that one test is decided
the same way everywhere in a file.

Semantics (see kerlint.ir.configurations): a first run of the extractor takes both arms of every
undecided `if` (facts under them are marked uncertain, as before) and records each condition met, with the
values it can take and whether its arms did anything that matters to a model (bound a value, placed a
layer, created, compiled or trained a model). Then the file is run again once per *configuration*: an
assignment of one value to each such condition, the same condition deciding the same way at every `if`
that tests it. Facts from different configurations never meet in one IR, so no finding combines two arms.

Keys: a test `X == c` / `X != c` / `X in (c1, c2)` / `X is None` whose `X` is unknown is a variable `X`
(by its source text) with the constants it is compared with plus OTHER ("none of them"); a flag with
choices (kerlint.ir.flags) is its own variable; `not T` is T negated; any other test is a boolean keyed by
its source text (`os.path.exists(MODEL_PATH)`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import libcst as cst

from kerlint.ir.values import OTHER

MAX_CONFIGURATIONS = 4  # runs per file beyond the first: conditions past this product stay undecided


@dataclass(eq=False)
class Condition:
    key: tuple
    label: str  # how a message names it: "args.binary", "--mode", "os.path.exists(MODEL_PATH)"
    node: cst.CSTNode  # the first test that met it
    options: list = field(default_factory=list)  # the values it can take, in the order seen
    boolean: bool = True  # options are (True, False)
    relevant: bool = False  # an arm did something that matters to a model

    def add_options(self, values) -> None:
        for value in values:
            if not any(value is seen or (type(value) is type(seen) and value == seen) for seen in self.options):
                self.options.append(value)
        if OTHER in self.options:  # "none of them" last: the named values first, in the order written
            self.options.remove(OTHER)
            self.options.append(OTHER)

    def describe(self, value) -> str:
        if self.boolean:
            return f"`{self.label}` is {'true' if value else 'false'}"
        if value is OTHER:
            named = ", ".join(_show(v) for v in self.options if v is not OTHER)
            return f"`{self.label}` is none of {named}"
        return f"`{self.label}` is {_show(value)}"


def _show(value) -> str:
    return repr(value) if isinstance(value, str) else str(value)


@dataclass(eq=False)
class Test:
    """One `if` test met while interpreting: the condition it tests and how a value of it decides it."""

    condition: Condition
    truth: Callable[[Any], Any]  # condition value -> True / False / None (cannot tell)
    negated: bool = False

    def decide(self, decisions: dict):
        if self.condition.key not in decisions:
            return None
        result = self.truth(decisions[self.condition.key])
        if result is None:
            return None
        return (not result) if self.negated else bool(result)

    def negate(self) -> "Test":
        return Test(self.condition, self.truth, not self.negated)


def compare_values(op: str, left, right):
    """A comparison of two known values, OTHER included (it equals none of the constants seen); None when
    it cannot be told."""
    if left is OTHER:
        return {"Equal": False, "Is": False, "NotEqual": True, "IsNot": True, "In": False,
                "NotIn": True}.get(op)
    try:
        if op in ("In", "NotIn"):
            if not isinstance(right, (list, tuple, set, frozenset, str, dict)):
                return None
            inside = left in right
            return inside if op == "In" else not inside
        return {
            "Equal": lambda: left == right, "NotEqual": lambda: left != right,
            "LessThan": lambda: left < right, "GreaterThan": lambda: left > right,
            "LessThanEqual": lambda: left <= right, "GreaterThanEqual": lambda: left >= right,
            "Is": lambda: left is right, "IsNot": lambda: left is not right,
        }.get(op, lambda: None)()
    except TypeError:
        return None
