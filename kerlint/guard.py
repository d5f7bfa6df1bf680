"""Input the parser must not be given: it would crash the process or take minutes.

libcst's native parser overflows its stack (a segmentation fault, which no `except` catches) on brackets
nested a few thousand deep, and its time grows faster than linearly with the depth of nested or chained
expressions (1,000 nested subscripts take ~10 s, 5,000 chained `+` minutes). CPython itself refuses more
than 200 nested brackets ("too many nested parentheses"), so no valid file is lost by refusing them.

`problem(text)` is a cheap scan (brackets only, at C speed) run before every parse. Only a suspicious file
(brackets nested deeper than 200 by a naive count, or a line longer than 4,000 characters) is checked
further with CPython's own parser, whose verdict and syntax tree depth decide. The message is reported as
KL000 and the run goes on.
"""

from __future__ import annotations

import re
from itertools import accumulate

MAX_BRACKET_DEPTH = 200  # CPython's parser limit (MAXLEVEL)
MAX_LINE = 4000
MAX_TREE_DEPTH = 2000  # syntax tree depth past which libcst takes seconds (chained operators, lambdas, ...)

_BRACKETS = re.compile(r"[()\[\]{}]")
_DELTA = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}
_LONG_LINE = re.compile(r"[^\n]{%d}" % MAX_LINE)


def _naive_depth(text: str) -> int:
    brackets = _BRACKETS.findall(text)
    if len(brackets) <= MAX_BRACKET_DEPTH:
        return 0
    return max(accumulate(map(_DELTA.__getitem__, brackets)))


def _tree_depth(tree) -> int:
    import ast

    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > MAX_TREE_DEPTH:
                break
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def problem(text: str) -> str | None:
    """A message saying why `text` must not be parsed, or None when it is safe to parse."""
    deep_brackets = _naive_depth(text) > MAX_BRACKET_DEPTH
    if not deep_brackets and _LONG_LINE.search(text) is None:
        return None
    import ast

    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        if "too many nested" in str(exc) or "too complex" in str(exc):
            return f"cannot parse: {exc.msg} (line {exc.lineno}); nesting this deep is not valid Python"
        if _naive_depth(text) > 5 * MAX_BRACKET_DEPTH:
            return (f"cannot parse: {exc.msg} (line {exc.lineno}), and brackets nested more than "
                    f"{5 * MAX_BRACKET_DEPTH} deep")
        return None  # an ordinary syntax error: libcst reports it with its position
    except (RecursionError, MemoryError, ValueError) as exc:
        return f"cannot parse: the code is nested too deeply ({type(exc).__name__} in Python's own parser)"
    depth = _tree_depth(tree)
    if depth > MAX_TREE_DEPTH:
        return (f"cannot analyse: expressions nested or chained more than {MAX_TREE_DEPTH} levels deep; "
                "kerlint skips this file rather than spend minutes parsing it")
    return None
