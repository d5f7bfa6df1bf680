"""What a fix works with: `FixContext` (the parsed module, its node positions, the file's IR) and the
small helpers that turn a changed libcst node into a text `Edit`.

A diagnosis's `fix(ctx)` (kerlint/checks/registry.py) changes the tree the way libcst codemods do
(`node.with_changes(...)`), but only the replaced node is rendered (`module.code_for_node`) and turned into
a text `Edit` over the original node's range, so every comment and line break outside that node is left as
it was:

    def fix(self, ctx: FixContext) -> Fix | None:
        new = self.arg.with_changes(keyword=cst.Name("learning_rate"))
        return ctx.fix("Rename `lr=` to `learning_rate=`", SAFE, [ctx.replace(self.arg, new)])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

import libcst as cst
from libcst._nodes.internal import CodegenState
from libcst.metadata import CodeRange

from kerlint.ir.graph import roles_by_node
from kerlint.ir.model import FileIR
from kerlint.positions import walk
from kerlint.violation import Applicability, Edit, Fix, Position

SAFE = Applicability.SAFE
UNSAFE = Applicability.UNSAFE


@dataclass(frozen=True)
class FixContext:
    """The parsed module, the positions of its nodes (libcst's PositionProvider) and the file's IR."""

    module: cst.Module
    positions: Mapping[cst.CSTNode, CodeRange]
    file_ir: FileIR | None = None

    def mixed_roles(self, node: cst.CSTNode) -> bool:
        """Does this layer call build both output-head and hidden layers (a helper called for both)?
        Then no fix may edit it: a change meant for the hidden layers would change the output too."""
        output, hidden = _layer_roles(self.file_ir)
        return id(node) in output and id(node) in hidden

    def code(self, node: cst.CSTNode, indent: str = "") -> str:
        """The source text of `node` (without a trailing comma it owns), as it reads inside a block
        indented by `indent` (like `module.code_for_node`, which renders it at the top level)."""
        state = CodegenState(default_indent=self.module.default_indent,
                             default_newline=self.module.default_newline, indent_tokens=[indent] if indent else [])
        _without_comma(node)._codegen(state)
        return "".join(state.tokens)

    def replace(self, old: cst.CSTNode, new: cst.CSTNode) -> Edit:
        """An edit that puts `new`, rendered, where `old` is. `old` must be a node of the module."""
        rng = self.positions[old]
        return Edit(_start(rng), _end(rng), self.code(new, self.block_indent(old)))

    def block_indent(self, node: cst.CSTNode) -> str:
        """The indentation of the block holding `node`. libcst keeps the indentation of a continuation
        line relative to it, so a node spanning lines needs it to render in place."""
        known = getattr(self.positions, "block_indent", None)  # kerlint.positions: from its one walk
        indent = known(node) if known is not None else None
        if indent is not None:
            return indent
        return _block_indents(self.module).get(id(node), "")

    def insert_after(self, node: cst.CSTNode, text: str) -> Edit:
        end = _end(self.positions[node])
        return Edit(end, end, text)

    def fix(self, message: str, applicability: Applicability, edits: Iterable[Edit]) -> Fix | None:
        edits = tuple(sorted(edits, key=lambda e: (e.start, e.end)))
        return Fix(message, applicability, edits) if edits else None


_ROLES_CACHE: dict[int, tuple[FileIR, tuple[set[int], set[int]]]] = {}


def _layer_roles(file_ir: FileIR | None) -> tuple[set[int], set[int]]:
    """kerlint.ir.graph.roles_by_node over the file's models, once per file being fixed."""
    cached = _ROLES_CACHE.get(id(file_ir))
    if cached is not None and cached[0] is file_ir:
        return cached[1]
    roles = roles_by_node(file_ir.models if file_ir is not None else ())
    _ROLES_CACHE.clear()  # only the file being fixed is worth keeping
    _ROLES_CACHE[id(file_ir)] = (file_ir, roles)
    return roles


_NODES_CACHE: dict[int, tuple[cst.Module, dict[type, list[cst.CSTNode]]]] = {}


def nodes_of_type(module: cst.Module, cls: type) -> list[cst.CSTNode]:
    """The nodes of exact type `cls` in the module (formatting nodes aside). One walk per module serves
    every fixer and finding: a libcst visit per finding cost seconds on a 10,000-line file."""
    cached = _NODES_CACHE.get(id(module))
    if cached is None or cached[0] is not module:
        by_type: dict[type, list[cst.CSTNode]] = {}
        for node in walk(module):
            by_type.setdefault(type(node), []).append(node)
        _NODES_CACHE.clear()  # only the module being fixed is worth keeping
        cached = _NODES_CACHE[id(module)] = (module, by_type)
    return cached[1].get(cls, [])


_INDENT_CACHE: dict[int, tuple[cst.Module, dict[int, str]]] = {}


def _block_indents(module: cst.Module) -> dict[int, str]:
    """id(node) -> the indentation of the indented blocks around it, for every node of the module."""
    cached = _INDENT_CACHE.get(id(module))
    if cached is not None and cached[0] is module:
        return cached[1]
    indents: dict[int, str] = {}
    stack = [""]

    class Visitor(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            indents[id(node)] = stack[-1]
            if isinstance(node, cst.IndentedBlock):
                stack.append(stack[-1] + (node.indent if node.indent is not None else module.default_indent))
            return True

        def on_leave(self, original_node: cst.CSTNode) -> None:
            if isinstance(original_node, cst.IndentedBlock):
                stack.pop()

    module.visit(Visitor())
    _INDENT_CACHE.clear()  # only the module being fixed is worth keeping
    _INDENT_CACHE[id(module)] = (module, indents)
    return indents


def _start(rng: CodeRange) -> Position:
    return Position(rng.start.line, rng.start.column + 1)


def _end(rng: CodeRange) -> Position:
    return Position(rng.end.line, rng.end.column + 1)


def _without_comma(node: cst.CSTNode) -> cst.CSTNode:
    """Arguments and list elements own the comma after them, but their position range stops before
    it: render them without it so the text matches the range it replaces."""
    if isinstance(node, (cst.Arg, cst.Element, cst.StarredElement)):
        return node.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return node
