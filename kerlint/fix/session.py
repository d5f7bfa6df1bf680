"""Fixing files: lint, apply a pass of fixes, re-lint, until nothing is left to fix (at most
`MAX_PASSES` passes); then write the result atomically, and only if the file on disk is still the
one that was read (kerlint.fix.write says what that guarantees against concurrent writers).

    fixed = fix_file("model.py", settings, unsafe=False)   # reads and fixes in memory
    fixed.diff()                                            # a unified diff ("" when unchanged)
    write_fixed(fixed)                                      # raises FileChangedError if it changed meanwhile

A `.py` file is fixed as text. A notebook is fixed cell by cell: edits are made to the code cells'
`source` only, so outputs, metadata and other cells stay exactly as they were.
"""

from __future__ import annotations

import codecs
import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Callable

from kerlint import engine, parsing
from kerlint.config import Settings
from kerlint.fix.apply import apply_edits, select_fixes
from kerlint.fix.write import FileChangedError, WriteRefused, write_atomic  # noqa: F401 - re-exported
from kerlint.sources import read_source
from kerlint.units import SourceProblem, SourceUnit
from kerlint.violation import Violation

MAX_PASSES = 4
_CODING_RE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")  # PEP 263, as kerlint.sources reads it


@dataclass
class FileFix:
    path: str
    original: bytes  # the bytes read; the file must still hold them when the fix is written
    fixed: bytes  # what would be written (== original when nothing was fixed)
    applied: list[Violation] = field(default_factory=list)  # the findings fixed, pass by pass
    remaining: list[Violation] = field(default_factory=list)  # the findings of the fixed source
    internal_errors: int = 0
    problem: str = ""  # why some fixes were not applied, for the user
    parts_before: list[tuple[str, str]] = field(default_factory=list)  # (label, text): the file, or each cell
    parts_after: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        """A unified diff of the fixed source (per changed cell for notebooks)."""
        out: list[str] = []
        for (label, before), (_, after) in zip(self.parts_before, self.parts_after):
            if before != after:
                out += difflib.unified_diff(_lines(before), _lines(after), fromfile=label, tofile=label)
        return "".join(out)


def _lines(text: str) -> list[str]:
    return [line if line.endswith(("\n", "\r")) else line + "\n" for line in text.splitlines(keepends=True)]


# ---- documents: what fixes are applied to ------------------------------------------------------


class PythonDocument:
    """A .py file's text; written back in the encoding it was read in (BOM and PEP 263 kept)."""

    def __init__(self, unit: SourceUnit):
        self.path, self.text = unit.path, unit.text
        self.raw = unit.raw or unit.text.encode("utf-8")
        self.raw_text = unit.text

    def unit(self) -> SourceUnit:
        return SourceUnit(self.path, self.text)

    def snapshot(self) -> str:
        return self.text

    def restore(self, snapshot: str) -> None:
        self.text = snapshot

    def apply(self, chosen: list[Violation]) -> None:
        self.text = apply_edits(self.text, [edit for v in chosen for edit in v.fix.edits])

    def parts(self, original: bool = False) -> list[tuple[str, str]]:
        return [(self.path, self.raw_text if original else self.text)]

    def to_bytes(self) -> bytes:
        if self.text == self.raw_text:
            return self.raw
        if self.raw.startswith(codecs.BOM_UTF8):
            return codecs.BOM_UTF8 + self.text.encode("utf-8")
        for line in self.raw.splitlines()[:2]:
            match = _CODING_RE.match(line)
            if match:
                return self.text.encode(match.group(1).decode("ascii"))
        return self.text.encode("utf-8")


class NotebookDocument:
    """An .ipynb file: fixes edit the `source` of code cells; the JSON is re-serialised with the
    file's own indentation and key order, and only when a cell changed."""

    def __init__(self, unit: SourceUnit):
        self.path, self.raw = unit.path, unit.raw
        self.nb = json.loads(unit.raw.decode("utf-8-sig"))
        self.cells: dict[int, str] = {}  # cell number (1-based) -> source, for the cells fixes changed

    def source(self, number: int, original: bool = False) -> str:
        if number in self.cells and not original:
            return self.cells[number]
        source = self.nb["cells"][number - 1].get("source", "")
        return "".join(source) if isinstance(source, list) else source

    def unit(self) -> SourceUnit | SourceProblem:
        from kerlint import notebook

        return notebook.load(self.path, self.to_bytes())

    def snapshot(self) -> dict[int, str]:
        return dict(self.cells)

    def restore(self, snapshot: dict[int, str]) -> None:
        self.cells = dict(snapshot)

    def apply(self, chosen: list[Violation]) -> None:
        by_cell: dict[int, list] = {}
        for v in chosen:
            by_cell.setdefault(v.cell, []).extend(v.fix.edits)
        for number, edits in by_cell.items():
            self.cells[number] = apply_edits(self.source(number), edits)

    def parts(self, original: bool = False) -> list[tuple[str, str]]:
        return [(f"{self.path}:cell {n}", self.source(n, original)) for n in sorted(self.cells)]

    def to_bytes(self) -> bytes:
        if not self.cells:
            return self.raw
        nb = json.loads(self.raw.decode("utf-8-sig"))
        for number, text in self.cells.items():
            cell = nb["cells"][number - 1]
            cell["source"] = text.splitlines(keepends=True) if isinstance(cell.get("source"), list) else text
        text = self.raw.decode("utf-8-sig")
        indent = re.match(r"\{\r?\n( +)", text)
        out = json.dumps(nb, indent=len(indent.group(1)) if indent else 1,
                         ensure_ascii=text.isascii() and "\\u" in text)
        if text.endswith("\n"):
            out += "\n"
        return (codecs.BOM_UTF8 if self.raw.startswith(codecs.BOM_UTF8) else b"") + out.encode("utf-8")


def _syntax_errors(unit) -> float:
    """How many parts of `unit` do not parse: 0, the bad cells of a notebook, or infinity (the whole)."""
    if not isinstance(unit, SourceUnit):
        return float("inf")
    try:
        parsing.parse_module(unit.text)
    except Exception:  # noqa: BLE001 - any parser failure counts
        bad, _ = engine.unparsable_cells(unit) if unit.cell_map else ([], unit)
        return len(bad) or float("inf")
    return 0


def _breaks(candidate, current) -> bool:
    """Whether a pass of fixes made the source parse worse (a fixer bug: never keep it). A notebook with a
    cell that did not parse before still gets the fixes of its other cells."""
    errors = _syntax_errors(candidate)
    return errors > 0 and (errors == float("inf") or errors > _syntax_errors(current))


# ---- the fixed point ----------------------------------------------------------------------------


def fix_file(path: str, settings: Settings, unsafe: bool) -> FileFix:
    """Read `path` and fix it in memory: safe fixes, plus unsafe ones when `unsafe`."""
    unit = read_source(path)
    if isinstance(unit, SourceProblem):
        violations, internal = engine.lint_file(path, settings)
        return FileFix(path, b"", b"", remaining=violations, internal_errors=internal)
    return fix_unit(unit, settings, unsafe)


def fix_unit(unit: SourceUnit, settings: Settings, unsafe: bool) -> FileFix:
    """Fix source already read (`unit.raw` holds its bytes) to a fixed point, in memory."""
    path = unit.path
    doc = NotebookDocument(unit) if path.endswith(".ipynb") else PythonDocument(unit)
    fixed = FileFix(path, doc.raw, doc.raw)
    current = unit
    for _ in range(MAX_PASSES):
        violations, internal = engine.lint_unit(current, settings)
        fixed.remaining, fixed.internal_errors = violations, internal
        chosen, _ = select_fixes(violations, unsafe)
        if not chosen:
            break
        saved = doc.snapshot()
        doc.apply(chosen)
        candidate = doc.unit()
        if _breaks(candidate, current):  # a fixer bug: never keep code that does not parse
            doc.restore(saved)
            fixed.problem = (f"the fixes for {', '.join(sorted({v.code for v in chosen}))} would not parse; "
                             f"they were not applied (this is a bug in kerlint, please report it)")
            break
        fixed.applied += chosen
        current = candidate
    else:
        fixed.remaining, fixed.internal_errors = engine.lint_unit(current, settings)
    fixed.fixed = doc.to_bytes()
    fixed.parts_before, fixed.parts_after = doc.parts(original=True), doc.parts()
    return fixed


# ---- writing --------------------------------------------------------------------------------------


def write_fixed(fixed: FileFix) -> bool:
    """Write a fixed file (True), or nothing when it did not change (False). Raises FileChangedError, or
    WriteRefused for a file kerlint does not replace (kerlint.fix.write)."""
    if not fixed.changed:
        return False
    write_atomic(fixed.path, fixed.fixed, fixed.original)
    return True


# ---- several files (the CLI) -----------------------------------------------------------------------


@dataclass
class FixRun:
    files: list[FileFix] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # messages about files not written

    @property
    def violations(self) -> list[Violation]:
        return sorted((v for f in self.files for v in f.remaining), key=Violation.sort_key)

    @property
    def applied(self) -> list[Violation]:
        return [v for f in self.files if f.changed for v in f.applied]

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    @property
    def applied_by_file(self) -> dict[str, list[Violation]]:
        return {f.path: f.applied for f in self.files if f.changed}

    @property
    def internal_errors(self) -> int:
        return sum(f.internal_errors for f in self.files)

    def diff(self) -> str:
        return "".join(f.diff() for f in self.files)


def fix_paths(files: list[str], settings_for: Callable[[str], Settings], *, unsafe: bool, write: bool) -> FixRun:
    """Fix each file under its own settings; write the changed ones when `write`. A file that
    changed on disk meanwhile is left alone: its findings are those of the version that was read."""
    run = FixRun()
    for path in files:
        try:
            fixed = fix_file(path, settings_for(path), unsafe)
        except Exception as exc:  # noqa: BLE001 - a bug on one file must not lose the others
            run.refused.append(f"{path}: not fixed: internal error {type(exc).__name__}: {exc}; "
                               f"this is a bug in kerlint, please report it")
            violations, internal = engine.lint_file(path, settings_for(path))
            fixed = FileFix(path, b"", b"", remaining=violations, internal_errors=internal + 1)
        if fixed.problem:
            run.refused.append(f"{path}: {fixed.problem}")
        if write and fixed.changed:
            try:
                write_fixed(fixed)
            except (FileChangedError, WriteRefused, OSError) as exc:
                run.refused.append(f"{path}: cannot write: {exc}" if isinstance(exc, OSError) else str(exc))
                violations, internal = _lint_bytes(path, fixed.original, settings_for(path))
                fixed = FileFix(path, fixed.original, fixed.original, remaining=violations, internal_errors=internal)
        run.files.append(fixed)
    return run


def _lint_bytes(path: str, data: bytes, settings: Settings) -> tuple[list[Violation], int]:
    if path.endswith(".ipynb"):
        from kerlint import notebook

        unit = notebook.load(path, data)
    else:
        from kerlint.sources import decode_python

        unit = SourceUnit(path, decode_python(data), raw=data)
    if isinstance(unit, SourceProblem):
        return engine.lint_file(path, settings)
    return engine.lint_unit(unit, settings)
