"""Run the extractor once per configuration of a file's undecided conditions (kerlint.ir.conditions).

The first run takes every arm of every undecided `if`; when some of those conditions matter to a model,
the file is run again for each combination of their values, at most MAX_CONFIGURATIONS runs (conditions
in the order met; those past the bound stay undecided, their models incomplete, and a notice says so).
The engine runs the rules on each configuration's FileIR and names the configuration in the message of a
finding that does not hold in all of them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import libcst as cst

from kerlint.ir.conditions import MAX_CONFIGURATIONS, Condition
from kerlint.ir.extractor import Extractor
from kerlint.ir.model import FileIR, Notice


@dataclass(eq=False)
class Configuration:
    file: FileIR
    decisions: dict = field(default_factory=dict)  # condition key -> value
    conditions: dict = field(default_factory=dict)  # condition key -> Condition (the enumerated ones)

    def describe(self, keys=None) -> str:
        """`when `args.binary` is true and `mode` is 'train'` (only `keys` when given)."""
        parts = [self.conditions[k].describe(v) for k, v in self.decisions.items() if keys is None or k in keys]
        return "when " + " and ".join(parts) if parts else ""


def extract_configurations(module: cst.Module, source: str = "") -> list[Configuration]:
    first = Extractor(module, source)
    base = first.run()
    first.release()
    relevant = [c for c in first.conditions.values() if c.relevant and len(c.options) > 1]
    if not relevant or base.budget_exhausted:
        return [Configuration(base)]
    chosen: list[Condition] = []
    size = 1
    for condition in relevant:
        if size * len(condition.options) <= MAX_CONFIGURATIONS:
            chosen.append(condition)
            size *= len(condition.options)
    left = [c for c in relevant if c not in chosen]
    if not chosen:
        base.notices.append(_bounded_notice(left))
        return [Configuration(base)]
    runs = []
    for values in itertools.product(*(c.options for c in chosen)):
        decisions = {c.key: v for c, v in zip(chosen, values)}
        extractor = Extractor(module, source, decisions)
        file = extractor.run()
        extractor.release()
        runs.append(Configuration(file, decisions, {c.key: c for c in chosen}))
        if left:
            file.notices.append(_bounded_notice(left))
    return runs


def _bounded_notice(left: list[Condition]) -> Notice:
    names = ", ".join(f"`{c.label}`" for c in left[:3]) + (" …" if len(left) > 3 else "")
    return Notice(left[0].node,
                  f"{len(left)} more undecided condition{'s' if len(left) != 1 else ''} ({names}) were not "
                  f"enumerated (kerlint analyses at most {MAX_CONFIGURATIONS} configurations of a file): models "
                  "built under them are checked only partly")
