"""kerlint's one parse: `libcst.parse_module`, without libcst re-checking the nodes its own parser built.

Every libcst node is a dataclass whose `__post_init__` calls `self._validate()` (are the parentheses
balanced, is a name a valid identifier, does whitespace hold only whitespace: mostly a regular-expression
`fullmatch` per whitespace node). Those checks are there for nodes that code builds by hand; the native
parser builds the tree through the same constructors, and what it builds is valid by construction, so
they find nothing there and cost 11-14% of the parse (bench/RESULTS-real.md). libcst's own comment at
`CSTNode.__post_init__` says as much ("It might make more sense to move validation work into the visitor,
which would allow us to avoid validating the tree when parsing a file").

`parse_module(text)` therefore replaces `CSTNode.__post_init__` with a no-op around libcst's parse, and
puts libcst's back when the parse returns or raises. The tree, its `.code` and the syntax errors are the
same either way (tests/test_parsing.py compares them). The swap is skipped, and the parse is libcst's
unchanged, when:

- libcst's internals are not the ones this was written against (`CSTNode` defines no `__post_init__`, or
  no `_validate`);
- another thread is running: the swap is process-wide, so a node another thread built meanwhile would
  not be checked either (the language server lints in a worker thread, so it always parses normally;
  `kerlint check`'s processes are single-threaded);
- the swap is already in place (a parse inside a parse leaves it to the outer one to restore);
- the environment variable `KERLINT_VALIDATE_CST` is set to a non-empty value other than `0`.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Iterator

import libcst as cst

VALIDATE_ENV = "KERLINT_VALIDATE_CST"


def parse_module(text: str) -> cst.Module:
    """`libcst.parse_module(text)`, skipping libcst's per-node validation when that is safe (above)."""
    with unvalidated_nodes():
        return cst.parse_module(text)


def _skip_validation(self) -> None:
    """Stands in for `CSTNode.__post_init__` during kerlint's parse: the parser's nodes are valid."""


def _can_skip() -> bool:
    node_class = cst.CSTNode
    return (
        os.environ.get(VALIDATE_ENV, "0") in ("", "0")
        and callable(node_class.__dict__.get("__post_init__"))
        and callable(getattr(node_class, "_validate", None))
        and threading.active_count() == 1
    )


@contextmanager
def unvalidated_nodes() -> Iterator[bool]:
    """Within the block, libcst nodes are built without `_validate()` when `_can_skip()`; yields whether
    they are. libcst's `__post_init__` is restored on the way out, also when the block raises."""
    node_class = cst.CSTNode
    if node_class.__dict__.get("__post_init__") is _skip_validation:  # an outer block owns the swap
        yield True
        return
    if not _can_skip():
        yield False
        return
    original = node_class.__dict__["__post_init__"]
    node_class.__post_init__ = _skip_validation
    try:
        yield True
    finally:
        node_class.__post_init__ = original
