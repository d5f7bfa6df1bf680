"""`kerlint check --add-noqa`: accept today's findings once, so that only new ones are reported.

For every finding of a file, a `# noqa: CODE` directive goes where kerlint.suppress looks for one:

- on the first line of the statement holding the finding (a layer inside a multi-line `Sequential([...])`
  is suppressed on the `model = Sequential([` line), or on the reported line itself when the first line
  cannot end in a comment (it ends inside a triple-quoted string or with a backslash continuation);
- merged into the `# noqa: ...` already on that line (`# noqa: E501` -> `# noqa: E501, KL101`), else
  appended to the line, after any comment already there;
- in notebooks, in the cell holding the finding (each cell's own lines; outputs and metadata untouched).

The findings are the ones `kerlint check` reports with the same settings, so the directives suppress
exactly them; a second run finds nothing left and changes nothing. KL000 (the file does not parse),
KL001 (stale noqa) and KL999 (a kerlint bug) are never suppressed this way. The directives are parsed
by kerlint.suppress (`parse_noqa`): one definition of a noqa comment. Files are written as `--fix`
writes them (kerlint.fix.session: atomically, in their own encoding, refused if changed meanwhile).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Iterable

from kerlint.catalogue import builtin_codes
from kerlint.suppress import _NEWLINE, parse_noqa
from kerlint.units import SourceUnit
from kerlint.violation import Applicability, Edit, Fix, Position, Violation



@dataclass(frozen=True)
class NoqaEdit:
    """One line's new or extended directive: `edit` is in the rows of the file, or of `cell`."""

    cell: int | None
    edit: Edit
    codes: tuple[str, ...]  # the codes added


@dataclass
class Plan:
    edits: list[NoqaEdit] = field(default_factory=list)
    unplaced: list[Violation] = field(default_factory=list)  # no line of its statement can take a comment


def plan(unit: SourceUnit, violations: Iterable[Violation]) -> Plan:
    """The directives that suppress `violations` (findings of `unit`, as the engine reports them)."""
    noqa = parse_noqa(unit.text)
    lines = _NEWLINE.split(unit.text)
    to_text_row = {value: row for row, value in unit.cell_map.items()} if unit.cell_map else None
    out = Plan()
    codes_by_row: dict[int, set[str]] = {}
    never = builtin_codes()
    for v in violations:
        if v.code in never:  # KL000, KL001, KL999: never suppressed this way
            continue
        row = to_text_row.get((v.cell, v.location.row)) if to_text_row else v.location.row
        if row is None or not 0 < row <= len(lines):
            out.unplaced.append(v)
            continue
        first = noqa.statement_start.get(row, row)
        target = next((r for r in (first, row) if r not in noqa.no_comment_rows), None)
        if target is None:
            out.unplaced.append(v)
            continue
        codes_by_row.setdefault(target, set()).add(v.code)

    for row in sorted(codes_by_row):
        line = lines[row - 1]
        directive = noqa.line_directives.get(row)
        cell, cell_row = unit.cell_map.get(row, (None, row)) if unit.cell_map else (None, row)
        if directive is not None and directive.codes is None:
            continue  # a bare `# noqa` suppresses everything already
        if directive is not None:
            added = tuple(sorted(codes_by_row[row] - directive.codes))
            if not added:
                continue
            start, end = directive.codes_span
            edit = Edit(Position(cell_row, start), Position(cell_row, end),
                        ", ".join(directive.codes_as_written + added))
        else:
            added = tuple(sorted(codes_by_row[row]))
            code_end = len(line.rstrip()) + 1
            edit = Edit(Position(cell_row, code_end), Position(cell_row, len(line) + 1),
                        f"  # noqa: {', '.join(added)}")
        out.edits.append(NoqaEdit(cell, edit, added))
    return out


def as_fix(noqa_edit: NoqaEdit) -> Fix:
    """The directive as a fix (the language server's "suppress" action)."""
    return Fix(f"suppress with `# noqa: {', '.join(noqa_edit.codes)}`", Applicability.SAFE, (noqa_edit.edit,))


# ---- files ----------------------------------------------------------------------------------------


@dataclass
class AddNoqaRun:
    added: int = 0  # directives written or extended
    files_changed: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # files or findings left alone, and why
    internal_errors: int = 0


def add_noqa_paths(files: list[str], settings_for: Callable[[str], object]) -> AddNoqaRun:
    """Add the directives to each file, linted under its own settings."""
    from kerlint import engine
    from kerlint.fix.session import (FileChangedError, NotebookDocument, PythonDocument, WriteRefused, _breaks,
                                     write_atomic)
    from kerlint.sources import read_source
    from kerlint.units import SourceProblem

    run = AddNoqaRun()
    for path in files:
        unit = read_source(path)
        if isinstance(unit, SourceProblem):
            continue  # KL000: `kerlint check` reports it; nothing to suppress
        settings = dataclasses.replace(settings_for(path), compute_fixes=False)
        violations, internal = engine.lint_unit(unit, settings)
        run.internal_errors += internal
        todo = plan(unit, violations)
        for v in todo.unplaced:
            run.messages.append(f"{path}:{v.location.row}: {v.code} not suppressed: no line of its "
                                f"statement can end in a comment")
        if not todo.edits:
            continue
        doc = NotebookDocument(unit) if path.endswith(".ipynb") else PythonDocument(unit)
        doc.apply([_carrier(e) for e in todo.edits])
        if _breaks(doc.unit(), unit):  # a new syntax error (a notebook cell that did not parse may stay so)
            run.messages.append(f"{path}: not changed: the file would not parse with the directives "
                                f"(this is a bug in kerlint, please report it)")
            continue
        try:
            write_atomic(path, doc.to_bytes(), doc.raw)
        except (FileChangedError, WriteRefused, OSError) as exc:  # WriteRefused: read-only, hard links, owner
            run.messages.append(f"{path}: cannot write: {exc}" if isinstance(exc, OSError) else str(exc))
            continue
        run.added += len(todo.edits)
        run.files_changed.append(path)
    return run


def _carrier(noqa_edit: NoqaEdit) -> Violation:
    """The documents of kerlint.fix.session apply the fixes of violations (per cell for notebooks)."""
    return Violation(code="noqa", name="add-noqa", severity=None, message="", filename="",
                     location=noqa_edit.edit.start, end_location=noqa_edit.edit.end,
                     fix=as_fix(noqa_edit), cell=noqa_edit.cell)
