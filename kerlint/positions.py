"""Source positions for the few nodes a file's findings point at, without a pass over the whole file.

libcst's `MetadataWrapper(...).resolve(PositionProvider)` visits every node and then regenerates the
whole module's code to record a position for every node: on a typical file that costs more than parsing
it. A linter needs the positions of a handful of nodes. So:

1. find the top-level statements that contain those nodes (a bare walk over dataclass fields, stopping
   as soon as every node is found);
2. regenerate the code of those statements only, with libcst's own position-recording codegen state
   (so the ranges are exactly PositionProvider's);
3. place each such statement in the file by finding its generated text in the source (libcst round-trips
   the source exactly, so a top-level statement's code is a slice of it starting at a line start); the
   text must occur once, else we cannot tell which copy it is.

`Positions` is a lazy mapping: fixers may ask for any other node, and get it the same way.
Whatever this cannot place falls back to the full PositionProvider, so results never differ from it.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Mapping

import libcst as cst
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, PositionProvider
from libcst.metadata.position_provider import PositionProvidingCodegenState

_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _contains(root: cst.CSTNode, wanted: set[int], found: set[int]) -> None:
    """Adds to `found` the ids in `wanted` of `root` and its descendants (iterative: deep code is fine)."""
    stack = [root]
    pop, push = stack.pop, stack.append
    node_type = cst.CSTNode
    while stack:
        node = pop()
        if id(node) in wanted:
            found.add(id(node))
        for name in _fields(type(node)):
            value = getattr(node, name)
            if isinstance(value, node_type):
                push(value)
            elif isinstance(value, (tuple, list)):
                for item in value:
                    if isinstance(item, node_type):
                        push(item)


class _Recorder:
    """Stands in for the metadata provider the codegen state writes ranges into."""

    def __init__(self):
        self._computed: dict[cst.CSTNode, CodeRange] = {}


def _statement_code(module: cst.Module, stmt: cst.CSTNode, recorder: _Recorder) -> str:
    """The statement's code, recording PositionProvider's ranges as if it started on line 1."""
    state = PositionProvidingCodegenState(default_indent=module.default_indent,
                                          default_newline=module.default_newline, provider=recorder)
    stmt._codegen(state)
    return "".join(state.tokens)


def _shift(rng: CodeRange, lines: int) -> CodeRange:
    if not lines:
        return rng
    return CodeRange(CodePosition(rng.start.line + lines, rng.start.column),
                     CodePosition(rng.end.line + lines, rng.end.column))


class Positions(Mapping):
    """PositionProvider's ranges for the nodes of `module` (parsed from `source`), computed on demand,
    one top-level statement at a time. `get`, `[]` and `in` are cheap for nodes of statements already
    placed; iterating or `len` computes every position (the full PositionProvider pass)."""

    def __init__(self, module: cst.Module, source: str):
        self.module = module
        self.source = source
        self._placed: dict[int, tuple[dict, int]] = {}  # statement index -> (unshifted ranges, line shift)
        self._known: dict[cst.CSTNode, CodeRange] = {}
        self._full: Mapping[cst.CSTNode, CodeRange] | None = None

    # --- Mapping ------------------------------------------------------------------------------
    def __getitem__(self, node: cst.CSTNode) -> CodeRange:
        rng = self.get(node)
        if rng is None:
            raise KeyError(node)
        return rng

    def __contains__(self, node) -> bool:
        return self.get(node) is not None

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def get(self, node, default=None):
        rng = self._known.get(node)
        if rng is None:
            self.prefetch([node])
            rng = self._known.get(node)
        return default if rng is None else rng

    # --- work ---------------------------------------------------------------------------------
    def _all(self) -> Mapping[cst.CSTNode, CodeRange]:
        if self._full is None:
            self._full = MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(PositionProvider)
        return self._full

    def _from_placed(self, node) -> CodeRange | None:
        for ranges, shift in self._placed.values():
            rng = ranges.get(node)
            if rng is not None:
                return _shift(rng, shift)
        return None

    def prefetch(self, nodes: Iterable[cst.CSTNode]) -> None:
        """Compute the ranges of `nodes` in one walk over the statements that hold them."""
        pending = []
        for node in nodes:
            if node in self._known:
                continue
            rng = self._full.get(node) if self._full is not None else self._from_placed(node)
            if rng is not None:
                self._known[node] = rng
            else:
                pending.append(node)
        if not pending or self._full is not None:
            return
        wanted = {id(n) for n in pending}
        found: set[int] = set()
        targets: list[int] = []
        if id(self.module) not in wanted:
            for index, stmt in enumerate(self.module.body):
                if index in self._placed:
                    continue
                before = len(found)
                _contains(stmt, wanted, found)
                if len(found) != before:
                    targets.append(index)
                if len(found) == len(wanted):
                    break
        if len(found) != len(wanted) or not all(self._place(index) for index in targets):
            full = self._all()  # a node outside the statements, or a statement we cannot place
            for node in pending:
                if node in full:
                    self._known[node] = full[node]
            return
        for node in pending:
            rng = self._from_placed(node)
            if rng is not None:
                self._known[node] = rng

    def _place(self, index: int) -> bool:
        """Record the ranges of top-level statement `index`; False when its line cannot be told."""
        module, source = self.module, self.source
        recorder = _Recorder()
        text = _statement_code(module, module.body[index], recorder)
        newline = module.default_newline
        if index == len(module.body) - 1 and not module.has_trailing_newline and text.endswith(newline):
            text = text[: -len(newline)]  # the module drops the last statement's newline
        if not text:
            return False
        start = source.find(text)
        while start > 0 and source[start - 1] not in "\r\n":  # a statement starts at a line start
            start = source.find(text, start + 1)
        if start < 0 or source.find(text, start + 1) >= 0:
            return False  # not found, or another copy: cannot tell which one it is
        self._placed[index] = (recorder._computed, _count_lines(source, 0, start))
        return True


def locate(module: cst.Module, source: str, nodes: Iterable[cst.CSTNode]) -> Positions:
    """Positions for `module` with the ranges of `nodes` computed up front (others on demand)."""
    positions = Positions(module, source)
    positions.prefetch(list(nodes))
    return positions


def _count_lines(source: str, start: int, end: int) -> int:
    """Line breaks in source[start:end], counting \\r\\n as one (as libcst does)."""
    return source.count("\n", start, end) + source.count("\r", start, end) - source.count("\r\n", start, end)
