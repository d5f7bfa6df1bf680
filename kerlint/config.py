"""Effective settings for a run: defaults, then `[tool.kerlint]`, then command-line flags."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, replace

from kerlint.violation import Severity


def _matches(code: str, prefixes: tuple[str, ...]) -> int:
    """Length of the longest prefix in `prefixes` that selects `code` (0: none). ALL selects all."""
    best = 0
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 1)
        elif code.startswith(prefix):
            best = max(best, len(prefix) + 1)
    return best


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("KL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.WARNING
    exclude: tuple[str, ...] = ()
    options: dict = field(default_factory=dict)
    report_unused_noqa: bool = False

    def with_overrides(self, **changes) -> "Settings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def is_selected(self, code: str) -> bool:
        """ruff's rule: the most specific of select/ignore wins; KL000 and KL999 are always on."""
        if code in ("KL000", "KL999"):
            return True
        chosen = _matches(code, self.select + self.extend_select)
        ignored = _matches(code, self.ignore)
        return chosen > 0 and chosen > ignored

    def is_ignored_for_file(self, code: str, path: str) -> bool:
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path.replace("\\", "/"), pattern):
                if _matches(code, codes):
                    return True
        return False

    def option(self, name: str):
        from kerlint.catalogue import default_options

        if name in self.options:
            return self.options[name]
        return default_options()[name]
