"""`# noqa` handling (the style guide's filter, applied after the checks)."""

from __future__ import annotations

import re

from kerlint.violation import Violation

_NOQA_RE = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
_FILE_NOQA_RE = re.compile(r"#\s*kerlint:\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?",
                           re.IGNORECASE)


def _codes(text: str | None) -> set[str] | None:
    if not text:
        return None  # bare noqa: everything
    return {c.upper() for c in re.split(r"[,\s]+", text.strip()) if c}


def apply(violations: list[Violation], unit, settings) -> list[Violation]:
    text = unit.text
    if "noqa" not in text:
        return violations
    file_codes: set[str] | None = set()
    for match in _FILE_NOQA_RE.finditer(text):
        codes = _codes(match.group("codes"))
        if codes is None:
            return []
        file_codes |= codes
    lines = text.splitlines()
    kept = []
    for v in violations:
        if v.code in file_codes:
            continue
        line = lines[v.location.row - 1] if v.location.row <= len(lines) and not unit.cell_map else v.source_line
        match = _NOQA_RE.search(line) if "noqa" in line and "kerlint:" not in line else None
        if match:
            codes = _codes(match.group("codes"))
            if codes is None or v.code in codes:
                continue
        kept.append(v)
    return kept
