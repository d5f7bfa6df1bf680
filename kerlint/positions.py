"""Source positions for the few nodes a file's findings point at, without a pass over the whole file.

libcst's `MetadataWrapper(...).resolve(PositionProvider)` visits every node and then regenerates the
whole module's code to record a position for every node: on a typical file that costs more than parsing
it. A linter needs the positions of a handful of nodes. So:

1. find the innermost statements that contain those nodes (one bare walk over dataclass fields);
2. regenerate the code of those statements only, with libcst's own position-recording codegen state
   (so the ranges are exactly PositionProvider's);
3. place each such statement in the file by finding its generated text in the source (libcst round-trips
   the source exactly, so a statement's code, indented as in its block, is a slice of it starting at a
   line start); the text must occur once, else the enclosing statement is placed instead, and a top-level
   statement whose text occurs more than once is placed where the code of the statements before it ends.

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
# Formatting nodes (about half of a tree) no finding or fixer points at: the index skips them, and a
# request for one falls back to the full PositionProvider pass.
_UNINDEXED = frozenset({cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.TrailingWhitespace, cst.Newline,
                        cst.EmptyLine, cst.Comment, cst.LeftParen, cst.RightParen, cst.LeftSquareBracket,
                        cst.RightSquareBracket, cst.LeftCurlyBrace, cst.RightCurlyBrace})


_FORMATTING_FIELDS = ("whitespace", "lpar", "rpar", "leading_lines", "lines_after_decorators", "header", "footer",
                      "trailing_whitespace", "newline", "comma", "semicolon", "dot", "operator", "equal")
_INDEX_FIELDS: dict[type, tuple[str, ...]] = {}


def _index_fields(cls: type) -> tuple[str, ...]:
    """The fields of a node class that can hold more than formatting."""
    names = _INDEX_FIELDS.get(cls)
    if names is None:
        names = _INDEX_FIELDS[cls] = tuple(n for n in _fields(cls) if not n.startswith(_FORMATTING_FIELDS))
    return names


# Per class, what the index needs: (fields to descend into, is a statement, is an indented block), or
# _SKIP for formatting nodes and non-nodes (str, None, sentinels). Dict lookups by exact class: the
# isinstance checks against libcst's abstract classes cost a third of the walk.
_SKIP = ((), False, False)
_INFO: dict[type, tuple[tuple[str, ...], bool, bool]] = {}


def _node_info(cls: type) -> tuple[tuple[str, ...], bool, bool]:
    if not issubclass(cls, cst.CSTNode) or cls in _UNINDEXED:
        info = _SKIP
    else:
        info = (_index_fields(cls), issubclass(cls, cst.BaseStatement), issubclass(cls, cst.IndentedBlock))
    _INFO[cls] = info
    return info


def walk(root: cst.CSTNode, prune: tuple[type, ...] = ()):
    """Every node under `root` (itself included) but formatting nodes, parents before children: a plain
    walk over dataclass fields, several times faster than a libcst visitor (which rebuilds every node it
    visits). Nodes of the classes in `prune` are yielded but not descended into (`root` always is)."""
    node_type, skip = cst.CSTNode, _UNINDEXED
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if prune and node is not root and isinstance(node, prune):
            continue
        for name in _index_fields(type(node)):
            value = getattr(node, name)
            if isinstance(value, node_type):
                if type(value) not in skip:
                    stack.append(value)
            elif isinstance(value, (tuple, list)):
                stack.extend(item for item in reversed(value) if isinstance(item, node_type) and type(item) not in skip)


# Nodes that render the same alone as inside their parent (statements, elements, parameters... take
# layout arguments from it), so `_place_node` can find their code in the source.
_PLACEABLE = (cst.BaseExpression, cst.Arg)


def _fields(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


class _Recorder:
    """Stands in for the metadata provider the codegen state writes ranges into."""

    def __init__(self):
        self._computed: dict[cst.CSTNode, CodeRange] = {}


def _statement_code(module: cst.Module, stmt: cst.CSTNode, recorder: _Recorder, indents: list[str]) -> str:
    """The statement's (or expression's) code inside blocks indented by `indents`, recording
    PositionProvider's ranges as if it started on line 1, column 0."""
    state = PositionProvidingCodegenState(default_indent=module.default_indent,
                                          default_newline=module.default_newline, provider=recorder,
                                          indent_tokens=list(indents))
    stmt._codegen(state)
    return "".join(state.tokens)


def _shift(rng: CodeRange, lines: int) -> CodeRange:
    if not lines:
        return rng
    return CodeRange(CodePosition(rng.start.line + lines, rng.start.column),
                     CodePosition(rng.end.line + lines, rng.end.column))


class Positions(Mapping):
    """PositionProvider's ranges for the nodes of `module` (parsed from `source`), computed on demand,
    one statement at a time. `get`, `[]` and `in` are cheap for nodes of statements already
    placed; iterating or `len` computes every position (the full PositionProvider pass)."""

    def __init__(self, module: cst.Module, source: str):
        self.module = module
        self.source = source
        self._placed: set[int] = set()  # ids of the statements placed
        # node -> (its range unshifted, line shift) for the nodes of placed statements: the first statement
        # placed that holds the node gives its range (one dict look-up, however many were placed)
        self._placed_nodes: dict[cst.CSTNode, tuple[CodeRange, int]] = {}
        self._known: dict[cst.CSTNode, CodeRange] = {}
        self._full: Mapping[cst.CSTNode, CodeRange] | None = None
        self._holder: dict[int, cst.CSTNode] | None = None  # id(node) -> innermost statement holding it
        self._statements: dict[int, tuple] = {}  # id(statement) -> (statement, indents, enclosing statement)
        self._not_unique: set[int] = set()  # ids of nodes whose code occurs more than once
        self._starts: dict[int, int] | None = None  # id(top-level statement) -> where its code starts

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

    def block_indent(self, node: cst.CSTNode) -> str | None:
        """The indentation of the indented blocks around `node` (what a fixer needs to render a
        replacement spanning lines), from the same single walk; None for a node outside the module body."""
        if self._holder is None:
            self._index()
        stmt = self._holder.get(id(node))
        return None if stmt is None else "".join(self._statements[id(stmt)][1])

    # --- work ---------------------------------------------------------------------------------
    def _all(self) -> Mapping[cst.CSTNode, CodeRange]:
        if self._full is None:
            self._full = MetadataWrapper(self.module, unsafe_skip_copy=True).resolve(PositionProvider)
        return self._full

    def _from_placed(self, node) -> CodeRange | None:
        found = self._placed_nodes.get(node)
        return _shift(*found) if found is not None else None

    def prefetch(self, nodes: Iterable[cst.CSTNode], of_module: bool = False) -> None:
        """Compute the ranges of `nodes`, placing the innermost statements that hold them.
        `of_module`: the caller vouches that the nodes are the module's (unknown nodes get no range), so a
        node whose code is one line found once in the source is placed without indexing the module."""
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
        if of_module:
            pending = [node for node in pending if node not in self._known
                       and not (isinstance(node, _PLACEABLE) and self._place_node(node, None))]
            if not pending:
                return
        if self._holder is None:
            self._index()
        for node in pending:
            if node in self._known:  # inside a node placed for an earlier one
                continue
            stmt = self._holder.get(id(node))
            if stmt is not None and isinstance(node, _PLACEABLE) and id(node) not in self._not_unique \
                    and self._place_node(node, self._statements[id(stmt)][1]):
                continue
            while stmt is not None:
                _, indents, parent = self._statements[id(stmt)]
                if self._place(stmt, indents):
                    break
                if parent is None and self._place(stmt, indents, at=self._top_level_start(stmt)):
                    break  # a top-level statement whose code occurs more than once: placed by where it starts
                stmt = parent  # an ambiguous copy: place the enclosing statement instead
            rng = self._from_placed(node) if stmt is not None else None
            if rng is None:  # a node outside every statement, or nothing placeable: the full pass
                full = self._all()
                for other in pending:
                    if other in full:
                        self._known[other] = full[other]
                return
            self._known[node] = rng

    def _index(self) -> None:
        """One walk over the module: the innermost statement holding each node, and for each statement
        its block indentation and enclosing statement."""
        holder: dict[int, cst.CSTNode] = {}
        statements: dict[int, tuple] = {}
        default_indent = self.module.default_indent
        info = _INFO.get
        stack = [(stmt, (), None) for stmt in reversed(self.module.body)]
        pop, push = stack.pop, stack.append
        while stack:
            node, indents, enclosing = pop()
            fields, is_statement, is_block = info(type(node)) or _node_info(type(node))
            if is_statement:
                statements[id(node)] = (node, indents, enclosing)
                enclosing = node
            holder[id(node)] = enclosing
            if is_block:
                indents = indents + (node.indent if node.indent is not None else default_indent,)
            for name in fields:
                value = getattr(node, name)
                cls = type(value)
                if cls is tuple or cls is list:
                    for item in value:
                        if (info(type(item)) or _node_info(type(item))) is not _SKIP:
                            push((item, indents, enclosing))
                elif (info(cls) or _node_info(cls)) is not _SKIP:
                    push((value, indents, enclosing))
        self._holder, self._statements = holder, statements

    def _place_node(self, node, indents: tuple[str, ...] | None) -> bool:
        """Record the ranges of `node` and the nodes under it by finding its own code, inside blocks indented
        by `indents`, in the source, which costs less than its statement's. False when that code is not
        there exactly once, or spans lines and `indents` is None (unknown: continuation lines need it)."""
        recorder = _Recorder()
        text = _statement_code(self.module, node, recorder, indents or ())
        if indents is None and ("\n" in text or "\r" in text):
            return False
        source = self.source
        start = source.find(text) if text else -1
        if start < 0 or source.find(text, start + 1) >= 0:
            self._not_unique.add(id(node))
            return False
        lines = _count_lines(source, 0, start)
        column = start - 1 - max(source.rfind("\n", 0, start), source.rfind("\r", 0, start))
        for inner, rng in recorder._computed.items():  # generated from line 1, column 0
            self._known[inner] = CodeRange(
                CodePosition(rng.start.line + lines, rng.start.column + (column if rng.start.line == 1 else 0)),
                CodePosition(rng.end.line + lines, rng.end.column + (column if rng.end.line == 1 else 0)))
        return True

    def _top_level_start(self, stmt) -> int | None:
        """Where top-level statement `stmt`'s code starts in the source: the module's code is its header, then
        each statement's code in order, so it starts after the code of those before it. One plain code
        generation of the module (an eighth of the full PositionProvider pass), for statements whose code occurs
        more than once (`model.fit(x, y)` twice), which searching the source cannot tell apart."""
        if self._starts is None:
            code = self.module.code_for_node
            start = sum(len(code(line)) for line in self.module.header)
            self._starts = {}
            for statement in self.module.body:
                self._starts[id(statement)] = start
                start += len(code(statement))
        return self._starts.get(id(stmt))

    def _place(self, stmt, indents: list[str], at: int | None = None) -> bool:
        """Record the ranges of statement `stmt`, indented by `indents`; False when its line cannot be told.
        `at`: where its code starts, when known (else it is searched for, and must occur once)."""
        if id(stmt) in self._placed:
            return True
        module, source = self.module, self.source
        recorder = _Recorder()
        text = _statement_code(module, stmt, recorder, list(indents))
        newline = module.default_newline
        if stmt is module.body[-1] and not module.has_trailing_newline and text.endswith(newline):
            text = text[: -len(newline)]  # the module drops the last statement's newline
        if not text:
            return False
        if at is not None:
            if not source.startswith(text, at):
                return False  # not the module's code (never expected): the caller falls back
            start = at
        else:
            start = source.find(text)
            while start > 0 and source[start - 1] not in "\r\n":  # a statement starts at a line start
                start = source.find(text, start + 1)
            if start < 0 or source.find(text, start + 1) >= 0:
                return False  # not found, or another copy: cannot tell which one it is
        self._placed.add(id(stmt))
        shift = _count_lines(source, 0, start)
        placed = self._placed_nodes
        for node, rng in recorder._computed.items():
            if node not in placed:
                placed[node] = (rng, shift)
        return True


def locate(module: cst.Module, source: str, nodes: Iterable[cst.CSTNode]) -> Positions:
    """Positions for `module` with the ranges of `nodes`, which must be nodes of `module`, computed up
    front (others on demand)."""
    positions = Positions(module, source)
    positions.prefetch(list(nodes), of_module=True)
    return positions


def _count_lines(source: str, start: int, end: int) -> int:
    """Line breaks in source[start:end], counting \\r\\n as one (as libcst does)."""
    return source.count("\n", start, end) + source.count("\r", start, end) - source.count("\r\n", start, end)
