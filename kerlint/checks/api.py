"""What the API rules (KL501-KL508, one module each: kerlint/checks/kl50N_*.py) share.

What a rule says, and at which severity, follows the Keras version the project targets
(`opts["target-keras"]`, see kerlint/target.py): an API that still works on the target is not reported as
removed. `target`/`at_least` read it; `uses` lists the file's recorded API uses of one kind.
"""

from __future__ import annotations

from kerlint import target as targets
from kerlint.checks.registry import Options
from kerlint.ir.model import FileIR
from kerlint.violation import Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def target(opts: Options) -> str:
    try:
        return targets.normalise(str(opts.get("target-keras") or targets.DEFAULT))
    except ValueError:
        return targets.DEFAULT


def at_least(opts: Options, major: int, minor: int = 0) -> bool:
    return targets.at_least(target(opts), major, minor)


def uses(file: FileIR, kind: str):
    """The file's API uses of one kind, each node once (a helper called twice records its uses twice)."""
    seen: set[int] = set()
    for use in file.api_uses:
        if use.kind == kind and id(use.node) not in seen:
            seen.add(id(use.node))
            yield use
