"""Before/after tests of one rule's fixes, in the style of libcst's `CodemodTest.assertCodemod`:

    def test_renames_lr():
        assert_fix("KL504", before="opt = Adam(lr=0.1)\\n", after="opt = Adam(learning_rate=0.1)\\n")

Only the fixes of `code` are applied (to a fixed point, as `kerlint check --fix --select CODE` would); the
result must equal `after` exactly, parse, and be stable under a second fix. `after=None` asserts that the
rule fires but offers no fix. Sources are dedented, so they can be written as indented triple-quoted text.
"""

from __future__ import annotations

import textwrap

import libcst as cst

from kerlint.config import Settings
from kerlint.engine import lint_text
from kerlint.fix.session import fix_unit
from kerlint.units import SourceUnit


def _fixed(source: str, code: str, unsafe: bool, settings: Settings) -> str:
    result = fix_unit(SourceUnit("example.py", source, raw=source.encode("utf-8")), settings, unsafe)
    return result.fixed.decode("utf-8")


def assert_fix(code: str, before: str, after: str | None, *, unsafe: bool = False, target_keras: str = "3",
               title: str | None = None) -> None:
    """`before` fixed with `code`'s fixes only (the unsafe ones too when `unsafe`) reads `after`; `title`, when
    given, is a substring of the fix's title."""
    before, after = textwrap.dedent(before), (textwrap.dedent(after) if after is not None else None)
    settings = Settings(select=(code,), target_keras=target_keras)
    mine = [v for v in lint_text(before, settings, path="example.py") if v.code == code]
    assert mine, f"{code} does not fire on the `before` source"
    if after is None:
        assert all(v.fix is None for v in mine), f"{code} offers a fix: {[v.fix.message for v in mine if v.fix]}"
        return
    if title is not None:
        assert any(v.fix is not None and title in v.fix.message for v in mine), [v.fix for v in mine]
    fixed = _fixed(before, code, unsafe, settings)
    assert fixed == after, f"\n--- fixed\n{fixed}\n--- expected\n{after}"
    cst.parse_module(fixed)
    assert _fixed(fixed, code, unsafe, settings) == fixed, "a second fix changed the source again"
