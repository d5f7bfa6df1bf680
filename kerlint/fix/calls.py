"""libcst helpers the fixers share: read and change the arguments of a call, keep the quote style."""

from __future__ import annotations

import libcst as cst


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


def dotted(node: cst.CSTNode) -> str:
    """`a.b.c` for a Name/Attribute chain, "" for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        owner = dotted(node.value)
        return f"{owner}.{node.attr.value}" if owner else ""
    return ""
