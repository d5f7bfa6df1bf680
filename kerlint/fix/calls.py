"""libcst helpers the fixers share: read and change the arguments of a call, keep the quote style."""

from __future__ import annotations

import libcst as cst

from kerlint.fix.context import nodes_of_type
from kerlint.ir.syntax import dotted  # noqa: F401 - the fixers' import of it


def keyword_arg(call: cst.Call, name: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def string(text: str, like: cst.CSTNode | None = None) -> cst.SimpleString:
    """A string literal, quoted like `like` when that is a plain string literal (else double quotes)."""
    quote = '"'
    if isinstance(like, cst.SimpleString) and like.prefix == "" and like.quote in ("'", '"'):
        quote = like.quote
    return cst.SimpleString(f"{quote}{text}{quote}")


def with_arg_value(call: cst.Call, arg: cst.Arg, value: cst.BaseExpression) -> cst.Call:
    """`call` with the value of its argument `arg` (an element of call.args) replaced."""
    return call.with_changes(args=[a.with_changes(value=value) if a is arg else a for a in call.args])


def with_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    """`call` with `name=value`: the existing argument's value replaced, or a new last argument.

    A new argument follows the call's layout: in a call written one argument per line with a
    trailing comma, it goes on its own line with the same indentation.
    """
    existing = keyword_arg(call, name)
    if existing is not None:
        return with_arg_value(call, existing, value)
    new = cst.Arg(value=value, keyword=cst.Name(name),
                  equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""),
                                        whitespace_after=cst.SimpleWhitespace("")))
    args = list(call.args)
    if not args:
        return call.with_changes(args=[new])
    last = args[-1]
    if isinstance(last.comma, cst.Comma):  # trailing comma: the new argument takes over its layout
        before_last = args[-2].comma if len(args) > 1 and isinstance(args[-2].comma, cst.Comma) else None
        separator = before_last or cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        args[-1] = last.with_changes(comma=separator)
        new = new.with_changes(comma=last.comma)
    return call.with_changes(args=[*args, new])


def without_arg(call: cst.Call, arg: cst.Arg) -> cst.Call:
    """`call` without the argument `arg`; the comma layout of the last argument is kept."""
    args = list(call.args)
    index = next(i for i, a in enumerate(args) if a is arg)
    del args[index]
    if args and index == len(args):  # removed the last one: the new last takes its trailing comma
        args[-1] = args[-1].with_changes(comma=arg.comma)
    return call.with_changes(args=args)


def containing_list(module: cst.Module, node: cst.CSTNode) -> tuple[cst.List, int] | None:
    """The list literal holding `node` as an element (a Sequential's layer list), and its index."""
    found = [(lst, index) for lst in nodes_of_type(module, cst.List)
             for index, element in enumerate(lst.elements) if element.value is node]
    return found[0] if len(found) == 1 else None


def applying_call(module: cst.Module, node: cst.CSTNode) -> cst.Call | None:
    """The call that applies `node` to a tensor (`Dense(10)(x)` for the node `Dense(10)`)."""
    found = [call for call in nodes_of_type(module, cst.Call) if call.func is node]
    return found[0] if len(found) == 1 else None


def element_like(value: cst.BaseExpression, neighbour: cst.Element) -> cst.Element:
    """A new list element for `value`, separated from the next one like `neighbour` is (on its own line when
    `neighbour` is, but without the comment that follows `neighbour`'s comma: that comment is about it)."""
    comma = neighbour.comma if isinstance(neighbour.comma, cst.Comma) else \
        cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    after = comma.whitespace_after
    if isinstance(after, cst.ParenthesizedWhitespace):
        comma = comma.with_changes(whitespace_after=after.with_changes(first_line=cst.TrailingWhitespace(),
                                                                        empty_lines=[]))
    return cst.Element(value, comma=comma)


def add_statement(module: cst.Module, node: cst.CSTNode) -> cst.SimpleStatementLine | None:
    """The statement line `model.add(<node>)`, when it is alone on its line and not alone in its block
    (so removing it leaves valid code)."""
    found: list[cst.SimpleStatementLine] = []

    def is_add(line: cst.CSTNode) -> bool:
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            return False
        expr = line.body[0]
        call = expr.value if isinstance(expr, cst.Expr) else None
        return (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "add"
                and len(call.args) == 1 and call.args[0].value is node)

    for block in [module, *nodes_of_type(module, cst.IndentedBlock)]:
        if len(block.body) > 1:
            found.extend(line for line in block.body if is_add(line))
    return found[0] if len(found) == 1 else None
