"""Parse each file once, extract its models, run every selected rule, return Violations.

The flow is one direction: source -> libcst module -> FileIR -> Diagnoses (the rules) -> fixes (kerlint/fix/stage.py) -> Violations.
Positions are computed only for files that have something to report.
"""

from __future__ import annotations

import ast
import gc
import os
import traceback

import libcst as cst

from kerlint import catalogue, guard, parsing, prefilter, suppress
from kerlint import target as keras_target
from kerlint.fix import stage as fixes  # the fix stage, after the rules
from kerlint.checks import CHECKS, Diagnosis
from kerlint.config import Settings
from kerlint.ir import FileIR
from kerlint.ir.configurations import Configuration, extract_configurations
from kerlint.positions import locate
from kerlint.sources import read_source
from kerlint.units import TOO_LARGE_HINT, SourceProblem, SourceUnit
from kerlint.violation import Position, Severity, Violation

ISSUE_URL_HINT = "this is a bug in kerlint; please report it with the file that triggers it"


def _violation(code: str, unit_path: str, message: str, row: int, col: int, *, severity=None,
               end=None, hint: str = "", source_line: str = "", cell_map=None, fix=None) -> Violation:
    doc = catalogue.load_catalogue().get(code)
    name, default_severity = catalogue.name_and_severity(code)
    sev = severity or default_severity
    cell = None
    if cell_map:
        cell, row_in_cell = cell_map.get(row, (None, row))
        if cell is not None and end is not None:
            end_cell, end_row = cell_map.get(end[0], (cell, end[0]))
            end = (end_row, end[1]) if end_cell == cell else (row_in_cell, col)
        row = row_in_cell
    end_pos = Position(*end) if end else Position(row, col)
    return Violation(code=code, name=name, severity=sev, message=message, filename=unit_path,
                     location=Position(row, col), end_location=end_pos,
                     fix_hint=hint or (" ".join(doc.fix.split()) if doc else ""),
                     fix=fix, cell=cell, source_line=source_line)


def python_syntax_error(text: str) -> SyntaxError | None:
    """Python's own verdict on `text` (its parser only: no code is compiled or run), or None when Python
    parses it (or cannot say). Its line, column and message are what `python file.py` would print."""
    try:
        compile(text, "<kerlint>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except SyntaxError as exc:
        return exc
    except (RecursionError, MemoryError, ValueError, OverflowError):
        return None
    return None


def _syntax_error(unit: SourceUnit, exc: Exception, python: SyntaxError | None = None,
                  prefix: str = "") -> Violation:
    """KL000 for a file libcst cannot parse. Python's own parser gives the location and the message when it
    rejects the text too (libcst's tokenizer errors say 1:1, its parser errors list expected tokens)."""
    lines = unit.text.split("\n")
    row = getattr(exc, "raw_line", 1) or 1
    col = (getattr(exc, "raw_column", 0) or 0) + 1
    message = getattr(exc, "message", None) or str(exc).splitlines()[0]
    end = None
    if python is not None and python.lineno and 0 < python.lineno <= len(lines):
        row, message = python.lineno, python.msg
        line_length = len(lines[row - 1])
        col = min(max(python.offset or 1, 1), line_length + 1)
        if python.end_lineno == row and python.end_offset and col < python.end_offset <= line_length + 1:
            end = (row, python.end_offset)
    line_text = lines[row - 1] if 0 < row <= len(lines) else ""
    return _violation("KL000", unit.path, f"{prefix}cannot parse: {message}", row, col, end=end,
                      source_line=line_text, cell_map=unit.cell_map,
                      hint="fix the syntax error; kerlint lints the rest of your files meanwhile")


def _parse_error(text: str) -> tuple[Exception, SyntaxError | None] | None:
    """(libcst's error, Python's) when libcst cannot parse `text`, else None."""
    try:
        parsing.parse_module(text)
    except cst.ParserSyntaxError as exc:
        return exc, python_syntax_error(text)
    return None


def unparsable_cells(unit: SourceUnit) -> tuple[list[tuple[int, Exception, SyntaxError | None]], SourceUnit]:
    """For a notebook that does not parse: the cells that do not (cell number, libcst's and Python's error),
    found one at a time, and the unit with those cells' lines turned into `pass` lines so that the other
    cells can still be linted. ([], unit) when it parses, or when the error cannot be placed in a cell."""
    bad: list[tuple[int, Exception, SyntaxError | None]] = []
    lines = unit.text.split("\n")
    cells = {cell for cell, _ in unit.cell_map.values()}
    for _ in range(len(cells)):
        error = _parse_error("\n".join(lines))
        if error is None:
            break
        exc, python = error
        row = python.lineno if python is not None and python.lineno else getattr(exc, "raw_line", 0)
        cell = unit.cell_map.get(row, (None, 0))[0]
        if cell is None or any(number == cell for number, _, _ in bad):
            return [], unit  # not in a cell, or blanking it did not help: report the notebook as one
        bad.append((cell, exc, python))
        for line, (number, _) in unit.cell_map.items():
            if number == cell:
                lines[line - 1] = "pass"
    else:
        if _parse_error("\n".join(lines)) is not None:
            return [], unit
    if not bad:
        return [], unit
    return bad, SourceUnit(unit.path, "\n".join(lines), cell_map=unit.cell_map, raw=unit.raw)


def _lint_around_bad_cells(unit: SourceUnit, settings: Settings, exc: Exception) -> tuple[list[Violation], int]:
    """A notebook with cells that do not parse: KL000 in each of them, and the other cells linted."""
    bad, rest = unparsable_cells(unit)
    if not bad:
        return [_syntax_error(unit, exc, python_syntax_error(unit.text))], 0
    reported = [_syntax_error(unit, cell_exc, python, prefix="this cell was not linted: ")
                for _, cell_exc, python in bad]
    violations, internal = lint_unit(rest, settings)
    return reported + violations, internal


def lint_unit(unit: SourceUnit, settings: Settings) -> tuple[list[Violation], int]:
    """Lint one source unit. Returns (violations, number of internal errors).

    Python's cyclic garbage collector is paused while one unit is analysed: the parse and the extractor
    allocate hundreds of thousands of objects, which set off collections that find almost nothing (libcst's
    trees hold no cycles), about 8% of the parse's time. It runs again between units, so whatever cycles a
    unit left are collected before the next one."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _lint_unit(unit, settings)
    finally:
        if enabled:
            gc.enable()


def _lint_unit(unit: SourceUnit, settings: Settings) -> tuple[list[Violation], int]:
    # Input that would take a worker past its memory bound (first: even Python's compiler, which the
    # pre-filter runs, would take gigabytes), crash the parser or take minutes.
    refused, hint = guard.too_large(unit.text), TOO_LARGE_HINT
    if not refused:
        if settings.prefilter and prefilter.can_skip(unit.text):
            return [], 0  # no Keras, TensorFlow or kerlint code in it: nothing to analyse
        refused = guard.problem(unit.text)
        hint = "simplify the deepest expression, or leave the file out with --exclude"
    if refused:
        return [_violation("KL000", unit.path, refused, 1, 1, cell_map=unit.cell_map, hint=hint)], 0
    try:
        module = parsing.parse_module(unit.text)
    except cst.ParserSyntaxError as exc:
        if unit.cell_map:  # one bad cell must not hide the findings in the others
            return _lint_around_bad_cells(unit, settings, exc)
        return [_syntax_error(unit, exc, python_syntax_error(unit.text))], 0
    except (RecursionError, MemoryError, ValueError) as exc:
        return [_violation("KL000", unit.path, f"cannot parse: {type(exc).__name__}: {exc}"[:300], 1, 1,
                           cell_map=unit.cell_map)], 0

    selected = [c for code, c in sorted(CHECKS.items())
                if settings.is_selected(code) and not settings.is_ignored_for_file(code, unit.path)]
    if not selected:
        return suppress.apply([], unit, settings), 0  # still reports unused noqa (KL001) when asked
    options = _options(settings)
    internal: list[Violation] = []
    try:
        configurations = extract_configurations(module, unit.text)
    except RecursionError:
        return [_violation("KL000", unit.path, "cannot analyse: the code is nested too deeply", 1, 1,
                           cell_map=unit.cell_map)], 0
    except Exception:  # noqa: BLE001 - one broken file must not stop the run
        tb = traceback.format_exc(limit=3).strip().splitlines()[-1]
        return [_violation("KL999", unit.path, f"internal error in the model extractor: {tb}; {ISSUE_URL_HINT}",
                           1, 1, severity=Severity.ERROR, cell_map=unit.cell_map)], 1

    raw: list[tuple[str, Diagnosis, FileIR, str]] = []
    for configuration_findings, configuration in _run_checks(selected, configurations, options, internal, unit):
        raw.extend((code, finding, configuration.file, "") for code, finding in configuration_findings)
    raw = _name_configurations(raw, configurations)
    if not raw:
        return suppress.apply([], unit, settings) + internal, len(internal)  # unused noqa (KL001)

    # Positions of the reported nodes only (a full PositionProvider pass costs more than the parse).
    positions = locate(module, unit.text, [finding.node for _, finding, _, _ in raw])
    lines = unit.text.splitlines()
    out: list[Violation] = []
    seen: set[tuple] = set()
    for code, finding, file_ir, where in raw:
        rng = positions.get(finding.node)
        if rng is None:
            row, col, end = 1, 1, None
        else:
            row, col = rng.start.line, rng.start.column + 1
            end = (rng.end.line, rng.end.column + 1)
        message = f"{finding.message} ({where})" if where else finding.message
        key = (code, row, col, message)
        if key in seen:  # a model built by a helper called twice is reported once
            continue
        seen.add(key)
        fix = fixes.fix_for(code, finding, module, positions, unit.cell_map, file_ir) \
            if settings.compute_fixes else None
        out.append(_violation(code, unit.path, message, row, col, severity=finding.severity, end=end,
                              source_line=lines[row - 1] if 0 < row <= len(lines) else "",
                              cell_map=unit.cell_map, fix=fix))
    out = suppress.apply(out, unit, settings)
    return out + internal, len(internal)


def _options(settings: Settings) -> dict[str, catalogue.RuleOptions]:
    """Each rule's own options (kerlint.catalogue.rule_options), for every rule, once per distinct settings."""
    target = keras_target.resolve(settings.target_keras, settings.root or os.getcwd())
    try:
        key = (frozenset(settings.options.items()), target)
        hash(key)
    except TypeError:  # an unhashable option value (only a test can set one): not cached
        return {code: catalogue.rule_options(code, settings.options, target) for code in CHECKS}
    cached = _OPTIONS.get(key)
    if cached is None:
        cached = _OPTIONS[key] = {code: catalogue.rule_options(code, settings.options, target) for code in CHECKS}
    return cached


_OPTIONS: dict[tuple, dict[str, catalogue.RuleOptions]] = {}


def _run_checks(selected, configurations: list[Configuration], options, internal: list, unit: SourceUnit):
    """The findings of every selected rule on each configuration's FileIR, with that configuration."""
    for configuration in configurations:
        found: list[tuple[str, Diagnosis]] = []
        for check in selected:
            try:
                targets = [configuration.file] if check.scope == "file" else configuration.file.models
                for target in targets:
                    for finding in check.func(target, options[check.code]) or ():
                        finding.node, finding.message  # a diagnosis whose message fails is this rule's KL999
                        found.append((check.code, finding))
            except Exception:  # noqa: BLE001
                tb = traceback.format_exc(limit=3).strip().splitlines()[-1]
                message = f"internal error in rule {check.code}: {tb}; {ISSUE_URL_HINT}"
                if not any(v.message == message for v in internal):
                    internal.append(_violation("KL999", unit.path, message, 1, 1, severity=Severity.ERROR,
                                               cell_map=unit.cell_map))
        yield found, configuration


def _name_configurations(raw: list, configurations: list[Configuration]) -> list:
    """One finding per (code, node, message) over all configurations; a finding that does not hold in every
    configuration says in which it does ("… (when `args.binary` is false)")."""
    if len(configurations) == 1:
        return raw
    index = {id(c.file): i for i, c in enumerate(configurations)}
    where: dict[tuple, set[int]] = {}
    first: dict[tuple, tuple] = {}
    for code, finding, file_ir, _ in raw:
        key = (code, id(finding.node), finding.message)
        where.setdefault(key, set()).add(index[id(file_ir)])
        first.setdefault(key, (code, finding, file_ir))
    out = []
    everywhere = set(range(len(configurations)))
    for key, (code, finding, file_ir) in first.items():
        held = where[key]
        suffix = _configuration_text(held, configurations) if held != everywhere and code != "KL002" else ""
        out.append((code, finding, file_ir, suffix))
    return out


def _configuration_text(held: set[int], configurations: list[Configuration]) -> str:
    """The conditions whose value is the same in every configuration where a finding holds and differs in
    some other: `when `--binary` is false`; the first such configuration in full when none is."""
    chosen = [configurations[i] for i in sorted(held)]
    others = [c for i, c in enumerate(configurations) if i not in held]
    keys = []
    for key, value in chosen[0].decisions.items():
        if all(_same(c.decisions[key], value) for c in chosen) and any(not _same(c.decisions[key], value)
                                                                        for c in others):
            keys.append(key)
    return chosen[0].describe(keys or None)


def _same(a, b) -> bool:
    return a is b or (type(a) is type(b) and a == b)


def lint_file(path: str, settings: Settings) -> tuple[list[Violation], int]:
    unit = read_source(path)
    if isinstance(unit, SourceProblem):
        return [_violation("KL000", path, unit.message, unit.line, unit.column, hint=unit.hint)], 0
    return lint_unit(unit, settings)


def lint_text(text: str, settings: Settings | None = None, path: str = "<string>") -> list[Violation]:
    """Lint source text (tests and the probe use this)."""
    violations, _ = lint_unit(SourceUnit(path, text), settings or Settings())
    return sorted(violations, key=Violation.sort_key)

