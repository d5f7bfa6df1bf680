"""Jupyter notebooks (.ipynb) as lintable Python: code cells joined, IPython syntax neutralised.

The joined text keeps one line for every line of every code cell, so a finding maps back to
(cell, line in cell) through `SourceUnit.cell_map`. IPython-only lines become `pass` lines (with
the line's indentation, so a block whose body was a magic still parses):

- line magics and shell escapes: `%timeit f()`, `!pip install x`, `files = !ls`, `x = %env`,
  help lines `obj?` / `?obj`, and the continuation lines of such a line ending in a backslash;
- cell magics (`%%bash`, `%%writefile`, ...): the whole cell, since its body is not Python —
  except the magics whose body is Python (`%%time`, `%%capture`, ...), where only the first line goes.

Cells are numbered as the notebook shows them, counting markdown and raw cells (`cell 3` is the
third cell from the top). A notebook that is not valid JSON or not nbformat 4 becomes a
`SourceProblem` (reported as KL000), never an exception.
"""

from __future__ import annotations

import json
import os
import re

from kerlint.units import NOTEBOOK_HINT, SourceProblem, SourceUnit

# Cell magics whose body is ordinary Python (ruff keeps the same ones).
PYTHON_CELL_MAGICS = {"capture", "debug", "prun", "pypy", "python", "python3", "time", "timeit"}

_LINE_MAGIC_RE = re.compile(
    r"""^(?P<indent>[ \t]*)(?:
        [%!]                                   # %magic, !shell
      | \?                                     # ?help
      | [\w.,\s\[\]()*]+?=[ \t]*[%!]           # target = !cmd  /  target = %magic
      | [\w.]+\?\??[ \t]*$                     # obj?  obj??
    )""",
    re.VERBOSE,
)


def _cell_lines(source) -> list[str]:
    """A cell's source (a string or a list of strings in nbformat 4) as lines without newlines."""
    if isinstance(source, list):
        source = "".join(source)
    if not isinstance(source, str):
        raise ValueError("a code cell's `source` must be a string or a list of strings")
    return source.splitlines()


def neutralise(lines: list[str]) -> list[str]:
    """Replace IPython-only lines with `pass` lines, one for one."""
    if not lines:
        return lines
    first = lines[0].lstrip()
    if first.startswith("%%"):
        magic = first[2:].split(maxsplit=1)[0] if first[2:].strip() else ""
        if magic not in PYTHON_CELL_MAGICS:
            return ["pass"] * len(lines)
        return ["pass"] + neutralise(lines[1:])
    out: list[str] = []
    continuing = False  # inside a magic line continued with a trailing backslash
    for line in lines:
        match = _LINE_MAGIC_RE.match(line)
        if continuing or (match and not _is_python(line)):
            indent = line[: len(line) - len(line.lstrip())] if not continuing else ""
            out.append(f"{indent}pass" if not continuing else "pass")
            continuing = line.rstrip().endswith("\\")
        else:
            out.append(line)
    return out


def _is_python(line: str) -> bool:
    """Lines the magic pattern catches that are plain Python (`x = a != b`, `%` in a comment)."""
    stripped = line.strip()
    if stripped.startswith("#"):
        return True
    if "=" in stripped and not stripped.startswith(("%", "!", "?")):
        # `x = !ls` is a magic; `x != y` / `a == !b` are not. The magic marker must follow a plain `=`.
        target, _, rest = stripped.partition("=")
        if target.endswith(("!", "<", ">", "=")) or rest.startswith("="):
            return True
        return not rest.lstrip().startswith(("!", "%"))
    return False


def load(path: str, data: bytes) -> SourceUnit | SourceProblem:
    """Read a notebook's bytes into a SourceUnit (or a SourceProblem saying what is wrong)."""
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return SourceProblem(path, f"malformed notebook: not UTF-8 ({exc.reason})", hint=NOTEBOOK_HINT)
    except json.JSONDecodeError as exc:
        return SourceProblem(path, f"malformed notebook: invalid JSON ({exc.msg})", exc.lineno, exc.colno,
                             hint=NOTEBOOK_HINT)
    if not isinstance(nb, dict):
        return SourceProblem(path, "malformed notebook: the top level is not a JSON object", hint=NOTEBOOK_HINT)
    if "cells" not in nb:
        if "worksheets" in nb:
            return SourceProblem(path, "unsupported notebook: nbformat 3 or older; "
                                       "convert it with `jupyter nbconvert --to notebook`", hint=NOTEBOOK_HINT)
        return SourceProblem(path, "malformed notebook: no `cells` list (not nbformat 4)", hint=NOTEBOOK_HINT)
    cells = nb["cells"]
    if not isinstance(cells, list):
        return SourceProblem(path, "malformed notebook: `cells` is not a list", hint=NOTEBOOK_HINT)
    language = (nb.get("metadata") or {}).get("language_info", {}) if isinstance(nb.get("metadata"), dict) else {}
    if isinstance(language, dict) and language.get("name") not in (None, "python", "ipython", "python3"):
        # An R or Julia notebook: nothing kerlint can read. Lint nothing rather than misreport.
        return SourceUnit(path, "", cell_map={}, raw=data)

    text_lines: list[str] = []
    cell_map: dict[int, tuple[int, int]] = {}
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or "cell_type" not in cell:
            return SourceProblem(path, f"malformed notebook: cell {number} has no `cell_type`",
                                 hint=NOTEBOOK_HINT)
        if cell["cell_type"] != "code":
            continue
        try:
            lines = neutralise(_cell_lines(cell.get("source", "")))
        except ValueError as exc:
            return SourceProblem(path, f"malformed notebook: cell {number}: {exc}", hint=NOTEBOOK_HINT)
        for row_in_cell, line in enumerate(lines, start=1):
            text_lines.append(line)
            cell_map[len(text_lines)] = (number, row_in_cell)
    text = "\n".join(text_lines) + ("\n" if text_lines else "")
    return SourceUnit(path, text, cell_map=cell_map, raw=data)


# ---- where a cell's line sits in the .ipynb file (for GitHub annotations and SARIF regions) ------

_NUMBER_RE = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_WS_RE = re.compile(r"[ \t\n\r]*")


def _source_offsets(text: str) -> dict[int, list[tuple[int, str]]]:
    """For each cell (1-based), the (character offset, value) of every string of its `source`.

    A small JSON scanner that remembers positions (the json module does not); strings are decoded
    with the json module's own scanner.
    """
    found: dict[int, list[tuple[int, str]]] = {}

    def value(i: int, path: tuple) -> int:
        i = _WS_RE.match(text, i).end()
        char = text[i]
        if char == "{":
            i = _WS_RE.match(text, i + 1).end()
            if text[i] == "}":
                return i + 1
            while True:
                key, i = json.decoder.scanstring(text, _WS_RE.match(text, i).end() + 1)
                i = _WS_RE.match(text, i).end() + 1  # the colon
                i = _WS_RE.match(text, value(i, path + (key,))).end()
                if text[i] == "}":
                    return i + 1
                i += 1  # the comma
        if char == "[":
            i = _WS_RE.match(text, i + 1).end()
            if text[i] == "]":
                return i + 1
            index = 0
            while True:
                i = _WS_RE.match(text, value(i, path + (index,))).end()
                if text[i] == "]":
                    return i + 1
                i, index = i + 1, index + 1
        if char == '"':
            string, end = json.decoder.scanstring(text, i + 1)
            if len(path) in (3, 4) and path[0] == "cells" and path[2] == "source":
                found.setdefault(path[1] + 1, []).append((i, string))
            return end
        for literal in ("true", "false", "null"):
            if text.startswith(literal, i):
                return i + len(literal)
        match = _NUMBER_RE.match(text, i)
        if not match:
            raise ValueError(f"unexpected {char!r} at {i}")
        return match.end()

    value(0, ())
    return found


def file_lines(data: bytes) -> dict[tuple[int, int], int]:
    """(cell, line in cell) -> line of the .ipynb file holding it; {} when it cannot tell."""
    try:
        text = data.decode("utf-8-sig")
        offsets = _source_offsets(text)
    except (ValueError, IndexError, RecursionError, UnicodeDecodeError):
        return {}
    mapping: dict[tuple[int, int], int] = {}
    for cell, strings in offsets.items():
        row = 1
        for offset, string in strings:
            file_line = text.count("\n", 0, offset) + 1
            # a list element usually holds one line; a single string holds the whole cell on one line
            for _ in range(max(string.count("\n") + (0 if string.endswith("\n") else 1), 1)):
                mapping[(cell, row)] = file_line
                row += 1
    return mapping


_FILE_LINES_CACHE: dict[tuple[str, int, int], dict[tuple[int, int], int]] = {}


def file_line(path: str, cell: int, row: int) -> int | None:
    """The .ipynb file's line for a cell's line (read once per notebook version), or None."""
    try:
        stat = os.stat(path)
        key = (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)
        if key not in _FILE_LINES_CACHE:
            with open(path, "rb") as fh:
                _FILE_LINES_CACHE[key] = file_lines(fh.read())
    except OSError:
        return None
    return _FILE_LINES_CACHE[key].get((cell, row))
