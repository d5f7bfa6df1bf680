"""`# noqa` handling: the style guide's filter, applied to one file's violations after the checks.

Directives, as in flake8 / ruff:

- `# noqa: KL101, KL102` on the reported line, or on the first line of the (multi-line) statement
  that holds it, suppresses those codes there; a bare `# noqa` suppresses every code there.
- `# kerlint: noqa` anywhere in a comment suppresses the whole file; `# kerlint: noqa: KL101`
  suppresses those codes in the whole file.
- With `report-unused-noqa` (or `--show-unused-noqa`), a directive that suppresses nothing is
  reported as KL001 unused-noqa, saying which of its codes were unused, unknown or not enabled.
  Only kerlint's own codes are judged: a bare `# noqa` or `# noqa: E501` may be there for flake8
  or ruff, so those are never reported. KL001 carries a safe fix removing the stale codes.

Only comments count (a "# noqa" inside a string does not): the file is tokenized, which also maps
each line to its statement's first line. Files that never mention "noqa" are not tokenized.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

from kerlint.violation import Applicability, Edit, Fix, Position, Violation

_CODE = r"[A-Z]+[0-9]+"
_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line breaks libcst and the fixes count
_CODE_LIST = rf"(?P<codes>{_CODE}(?:\s*,\s*{_CODE}|\s+{_CODE})*)"
# `# noqa`, `# noqa: KL101`, `#noqa:KL101,KL102` (the `#` is the start of the comment token).
_LINE_NOQA_RE = re.compile(rf"#\s*noqa(?::\s*{_CODE_LIST})?", re.IGNORECASE)
_FILE_NOQA_RE = re.compile(rf"#\s*kerlint\s*:\s*noqa(?::\s*{_CODE_LIST})?", re.IGNORECASE)

UNUSED_NOQA = "KL001"


def _codes(text: str | None) -> frozenset[str] | None:
    if not text:
        return None  # bare noqa: every code
    return frozenset(c.upper() for c in re.split(r"[,\s]+", text.strip()) if c)


@dataclass
class Directive:
    """One `# noqa` comment. `codes` None means blanket. `used` collects the codes it suppressed."""

    row: int  # line in the unit's text (for notebooks: in the joined cells)
    column: int  # 1-based column of the directive's `#`
    end_column: int
    codes: frozenset[str] | None
    file_level: bool
    used: set[str] = field(default_factory=set)
    codes_as_written: tuple[str, ...] = ()  # in their order, for rewriting the list
    codes_span: tuple[int, int] = (0, 0)  # 1-based columns of the code list [start, end)
    comment_column: int = 0  # 1-based column of the comment's `#`


@dataclass
class NoqaMap:
    line_directives: dict[int, Directive]  # row -> directive on that row
    file_directives: list[Directive]
    statement_start: dict[int, int]  # row -> first row of the logical statement holding it
    # rows whose end is inside a string or a backslash continuation: no comment can be put there
    no_comment_rows: set[int] = field(default_factory=set)


def _comments(text: str) -> tuple[list[tuple[int, int, str]], dict[int, int], set[int]]:
    """Comment tokens (row, 0-based col, text), the row -> statement-first-row map, and the rows
    a comment cannot end (inside a multi-line string, or continued by a backslash)."""
    comments: list[tuple[int, int, str]] = []
    statement_start: dict[int, int] = {}
    no_comment = {row for row, line in enumerate(_NEWLINE.split(text), start=1) if line.endswith("\\")}
    try:
        first_row = None
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                comments.append((tok.start[0], tok.start[1], tok.string))
            elif tok.end[0] > tok.start[0] and tok.type not in (tokenize.NEWLINE, tokenize.NL):
                no_comment.update(range(tok.start[0], tok.end[0]))  # a triple-quoted string's lines
            if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT,
                            tokenize.ENCODING, tokenize.ENDMARKER):
                continue
            if first_row is None:
                first_row = tok.start[0]
            if tok.type == tokenize.NEWLINE:
                for row in range(first_row, tok.end[0] + 1):
                    statement_start[row] = first_row
                first_row = None
    except (tokenize.TokenError, SyntaxError, IndentationError):
        # libcst parsed it but tokenize disagrees (newer syntax): fall back to a line scan.
        comments = []
        for row, line in enumerate(text.splitlines(), start=1):
            pos = line.find("#")
            if pos >= 0:
                comments.append((row, pos, line[pos:]))
    # `x = 1  # C:\` ends in a comment, not a continuation: a row holding a comment takes one
    return comments, statement_start, no_comment - {row for row, _, _ in comments}


def _directive(row: int, col: int, match: re.Match, file_level: bool) -> Directive:
    written = match.group("codes")
    span = match.span("codes") if written else (match.end(), match.end())
    return Directive(row, col + match.start() + 1, col + match.end() + 1, _codes(written), file_level,
                     codes_as_written=tuple(c.upper() for c in re.split(r"[,\s]+", written or "") if c),
                     codes_span=(col + span[0] + 1, col + span[1] + 1), comment_column=col + 1)


def parse_noqa(text: str) -> NoqaMap:
    comments, statement_start, no_comment = _comments(text)
    line_directives: dict[int, Directive] = {}
    file_directives: list[Directive] = []
    for row, col, comment in comments:
        match = _FILE_NOQA_RE.search(comment)
        if match:
            file_directives.append(_directive(row, col, match, file_level=True))
            continue
        match = _LINE_NOQA_RE.search(comment)
        if match:
            line_directives[row] = _directive(row, col, match, file_level=False)
    return NoqaMap(line_directives, file_directives, statement_start, no_comment)


def _suppressing(directive: Directive | None, code: str) -> bool:
    if directive is None or not (directive.codes is None or code in directive.codes):
        return False
    directive.used.add(code)
    return True


def apply(violations: list[Violation], unit, settings) -> list[Violation]:
    """The violations no directive suppresses, plus KL001 for unused directives when asked."""
    if "noqa" not in unit.text.lower():
        return violations
    noqa = parse_noqa(unit.text)
    # Violations of notebooks carry (cell, row in cell); directives live in the joined text.
    to_text_row = {value: row for row, value in unit.cell_map.items()} if unit.cell_map else None

    kept = []
    for v in violations:
        if any([_suppressing(d, v.code) for d in noqa.file_directives]):
            continue
        row = to_text_row.get((v.cell, v.location.row), v.location.row) if to_text_row else v.location.row
        first = noqa.statement_start.get(row, row)
        if _suppressing(noqa.line_directives.get(row), v.code):
            continue
        if first != row and _suppressing(noqa.line_directives.get(first), v.code):
            continue
        kept.append(v)

    if _reports_unused(settings, unit.path):
        directives = noqa.file_directives + list(noqa.line_directives.values())
        kept += [v for d in directives if (v := _unused_violation(d, unit, settings)) is not None]
    return kept


def _reports_unused(settings, path: str) -> bool:
    """KL001 is on when asked for (the flag or `report-unused-noqa`), even if `select` does not
    name it, unless `ignore` or `per-file-ignores` turn it off."""
    if not settings.report_unused_noqa or settings.is_ignored_for_file(UNUSED_NOQA, path):
        return False
    return settings.is_selected(UNUSED_NOQA) or not any(
        selector == "ALL" or UNUSED_NOQA.startswith(selector) for selector in settings.ignore)


def _unused_violation(directive: Directive, unit, settings) -> Violation | None:
    """KL001 for a directive that suppressed nothing, or for the codes of it that did nothing."""
    from kerlint.catalogue import known_codes, name_and_severity

    kind = "file-level `kerlint: noqa`" if directive.file_level else "`noqa`"
    if directive.codes is None:
        # A bare `# noqa` on a line is shared with flake8/ruff, so only our file-level one counts.
        if directive.used or not directive.file_level:
            return None
        message = f"unused blanket {kind} directive: nothing to suppress in this file"
    else:
        # Codes of other tools (`# noqa: E501, KL101`) are theirs to judge.
        unused = sorted(c for c in directive.codes - directive.used if c.startswith("KL"))
        if not unused:
            return None
        known = known_codes()
        groups = {"unknown": [c for c in unused if c not in known],
                  "non-enabled": [c for c in unused if c in known and (
                      not settings.is_selected(c) or settings.is_ignored_for_file(c, unit.path))]}
        groups["unused"] = [c for c in unused if c not in groups["unknown"] + groups["non-enabled"]]
        detail = "; ".join(f"{label}: {', '.join(codes)}" for label, codes in groups.items() if codes)
        message = f"unused {kind} directive ({detail})"

    row, cell = directive.row, None
    if unit.cell_map:
        cell, row = unit.cell_map.get(directive.row, (None, directive.row))
    lines = unit.text.splitlines()
    source_line = lines[directive.row - 1] if 0 < directive.row <= len(lines) else ""
    # Fixes edit the file's own lines, which a notebook cell's lines are not: .py files only.
    removable = set() if directive.codes is None else set(groups["unused"] + groups["unknown"])
    fix = None if unit.cell_map else removal_fix(directive, source_line, removable)
    name, severity = name_and_severity(UNUSED_NOQA)
    return Violation(
        code=UNUSED_NOQA, name=name, severity=severity, message=message,
        filename=unit.path, location=Position(row, directive.column),
        end_location=Position(row, directive.end_column),
        fix_hint="remove the directive, or the codes in it that suppress nothing",
        fix=fix, cell=cell, source_line=source_line,
    )


def removal_fix(directive: Directive, line: str, removable: set[str]) -> Fix | None:
    """A safe fix dropping the unused and unknown codes (codes of rules that are merely not enabled
    in this run stay), or the whole directive when nothing else is left in it."""
    row = directive.row
    if directive.codes is not None:
        remaining = [c for c in directive.codes_as_written if c not in removable]
        if len(remaining) == len(directive.codes_as_written):
            return None
        if remaining:
            start, end = directive.codes_span
            return Fix("remove the unused codes from the `noqa` directive", Applicability.SAFE,
                       (Edit(Position(row, start), Position(row, end), ", ".join(remaining)),))
    # Remove the directive: with the spaces before it, unless other comment text follows it.
    start, end = directive.column, directive.end_column
    rest = line[end - 1:]
    if start == directive.comment_column and rest.strip():
        # `# noqa: KL101 because ...` -> `# because ...`: the comment's remaining text stays a comment
        gap = len(rest) - len(rest.lstrip())
        edit = Edit(Position(row, start), Position(row, end + gap), "# ")
    else:
        before = line[: start - 1].rstrip()
        keep_from = len(before) + 1 if before else 1
        edit = Edit(Position(row, keep_from), Position(row, end if rest.strip() else len(line) + 1), "")
    return Fix("remove the unused `noqa` directive", Applicability.SAFE, (edit,))
