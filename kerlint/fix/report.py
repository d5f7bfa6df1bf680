"""What `kerlint check` says about fixes (on stderr, so JSON/SARIF on stdout stay machine-readable).

    Fixed 3 findings in 1 file (2 remaining).
    2 more fixes are available with --unsafe-fixes.

and with --show-fixes the list: the fixes applied (with --fix), else the fixes available.
"""

from __future__ import annotations

import os
from collections import Counter

from kerlint.fix.apply import allowed
from kerlint.report import display_path, location_label
from kerlint.violation import Applicability, Violation


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def hidden_unsafe(violations: list[Violation], unsafe: bool) -> int:
    return 0 if unsafe else sum(1 for v in violations if v.fix and v.fix.applicability is Applicability.UNSAFE)


def applied_summary(applied_by_file: dict[str, list[Violation]], remaining: list[Violation], unsafe: bool,
                    *, dry_run: bool) -> str:
    """The lines after `--fix` (or `--diff`, `dry_run`): how many findings were (would be) fixed."""
    fixed = sum(len(v) for v in applied_by_file.values())
    files = sum(1 for v in applied_by_file.values() if v)
    verb = "Would fix" if dry_run else "Fixed"
    lines = [f"{verb} {_plural(fixed, 'finding')} in {_plural(files, 'file')} "
             f"({len(remaining)} remaining)." if fixed else "No fixes to apply."]
    hidden = hidden_unsafe(remaining, unsafe)
    if hidden:
        lines.append(f"{hidden} more {'fix is' if hidden == 1 else 'fixes are'} available with --unsafe-fixes.")
    return "\n".join(lines) + "\n"


def applied_list(applied_by_file: dict[str, list[Violation]]) -> str:
    """--show-fixes after --fix: per file, each code fixed, how often, and what its fix did."""
    out = []
    for path, applied in applied_by_file.items():
        if not applied:
            continue
        out.append(f"{display_path(path, os.getcwd())}:")
        counts = Counter((v.code, v.fix.message) for v in applied)
        for (code, message), count in sorted(counts.items()):
            out.append(f"    {count} × {code}: {message}")
    return "\n".join(out) + ("\n" if out else "")


def available_list(violations: list[Violation], unsafe: bool) -> str:
    """--show-fixes without --fix: each finding that has a fix, and whether --fix would apply it."""
    out = []
    cwd = os.getcwd()
    for v in violations:
        if v.fix is None:
            continue
        how = "--fix" if allowed(v, unsafe) else "--fix --unsafe-fixes"
        out.append(f"{location_label(v, cwd)}: {v.code} [{v.fix.applicability.value}] {v.fix.message} ({how})")
    if not out:
        return "No fixes available.\n"
    return "\n".join(out) + "\n"
