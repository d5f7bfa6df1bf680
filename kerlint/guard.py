"""Input the parser must not be given: it would crash the process, take minutes, or take gigabytes.

libcst's native parser overflows its stack (a segmentation fault, which no `except` catches) on brackets
nested a few thousand deep, and its time grows faster than linearly with the depth of nested or chained
expressions (1,000 nested subscripts take ~10 s, 5,000 chained `+` minutes). CPython itself refuses more
than 200 nested brackets ("too many nested parentheses"), so no valid file is lost by refusing them.

Memory: libcst keeps a node object (and its whitespace objects) for every token, so a worker's memory grows
with the number of tokens, not the bytes (an 8 MB data literal cost 8.7 GB). `estimate_tokens(text)` counts
them cheaply before the parse (one regular-expression pass, only for texts longer than MAX_TOKENS
characters: a shorter text cannot hold more tokens than characters); a file estimated above MAX_TOKENS is
refused with a notice (KL000). MAX_TOKENS is MEMORY_BOUND less BASELINE, divided by BYTES_PER_TOKEN: the
worst memory per token measured by bench/memory.py, with a margin (bench/RESULTS-memory.md has the
figures). The time a file costs grows with its tokens too (about 75 µs each), so the limit bounds it too.

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

MEMORY_BOUND = 1024 * 1024 * 1024  # one worker's peak memory, everything included (the documented bound)
BASELINE = 100 * 1024 * 1024  # the interpreter, libcst, the rules and the file's own bytes and text
BYTES_PER_TOKEN = 3000  # parse tree, IR, positions, fixes: bench/memory.py measured at most 2,682, plus margin
MAX_TOKENS = (MEMORY_BOUND - BASELINE) // BYTES_PER_TOKEN

# One token: a string or a comment (a node whatever its length), a number, a name, or a punctuation character
# (Python's `**=` counts 3). f-strings are not taken whole: libcst makes nodes of their parts, so they count
# a token per word and brace. An over-count, never an under-count, of what costs memory.
_TOKEN = re.compile(r"""(?<![fF])(?<![fF][rRbB])(?:[\"]{3}[\s\S]*?[\"]{3}|'{3}[\s\S]*?'{3}"""
                    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|#[^\n]*|\d[\w.]*|\w+|[^\w\s]""")
_BRACKETS = re.compile(r"[()\[\]{}]")
_DELTA = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}
_LONG_LINE = re.compile(r"(?m)^[^\n]{%d}" % MAX_LINE)  # anchored at line starts: one attempt per line, not per character


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


def estimate_tokens(text: str) -> int:
    """About how many tokens the parser will make of `text` (never fewer than Python's tokenizer: strings
    and comments count a token per word). Counted without building a list."""
    return _TOKEN.subn("", text)[1]


def too_large(text: str) -> str | None:
    """A message when parsing `text` would take one worker past MEMORY_BOUND, else None."""
    if len(text) <= MAX_TOKENS:
        return None
    tokens = estimate_tokens(text)
    if tokens <= MAX_TOKENS:
        return None
    return (f"file too large to analyse within kerlint's memory bound: about {tokens:,} tokens, more than "
            f"{MAX_TOKENS:,} (about {(BASELINE + tokens * BYTES_PER_TOKEN) / 2**30:.1f} GB to parse; the bound "
            f"is {MEMORY_BOUND // 2**30} GB per worker); skipped")


def problem(text: str) -> str | None:
    """A message saying why `text` must not be parsed (nesting), or None when it is safe to parse. The
    engine asks `too_large` first."""
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
