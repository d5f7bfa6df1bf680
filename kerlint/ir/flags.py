"""Command-line flags: argparse, absl and click, as values the extractor can compute with.

A flag's value is its default when that is a literal (`--epochs` with `default=20` is 20). A flag with
`choices=` or a boolean switch (`action="store_true"`, `is_flag=True`, `DEFINE_bool`, `DEFINE_enum`) is a
`Choice`: each option is a configuration the file may run in, and kerlint.ir.conditions analyses each one
(`if args.binary:` is decided one way in one run and the other way in the next). A flag without a literal
default (paths, values read from the environment) is UNKNOWN.
"""

from __future__ import annotations

from typing import Any

from kerlint.ir.model import UNKNOWN
from kerlint.ir.values import ArgParser, Builtin, Choice, Func, Namespace

NOT_A_FLAG: Any = object()  # what call() answers for calls that are not about flags


def _const(value) -> bool:
    return value is None or isinstance(value, (bool, int, float, str))


def _typed(default, kind):
    """argparse applies `type=` to a string default: `type=int, default="20"` is 20."""
    if isinstance(default, str) and isinstance(kind, Builtin) and kind.name in ("int", "float"):
        try:
            return int(default) if kind.name == "int" else float(default)
        except ValueError:
            return UNKNOWN
    return default


def flag(dest: str, label: str, *, default, has_default: bool, choices=None, switch: bool = False):
    """The value of one declared flag."""
    key = ("flag", dest)
    if switch:
        start = bool(default) if _const(default) else False
        return Choice(key, label, (start, not start))
    if isinstance(choices, (list, tuple)) and choices and all(_const(c) and c is not None for c in choices):
        options = ([default] if default in choices else []) + [c for c in choices if c != default]
        return Choice(key, label, tuple(options))
    if has_default and _const(default) and default is not None:
        return default
    return UNKNOWN


def _argparse_argument(parser: ArgParser, args, kwargs) -> None:
    names = [a for a in args if isinstance(a, str)]
    if not names:
        return
    long = next((n for n in names if n.startswith("--")), names[0])
    dest = kwargs.get("dest") if isinstance(kwargs.get("dest"), str) else long.lstrip("-").replace("-", "_")
    action = kwargs.get("action")
    switch = action in ("store_true", "store_false")
    default = kwargs.get("default", action == "store_false" if switch else None)
    parser.flags[dest] = flag(dest, long, default=_typed(default, kwargs.get("type")),
                              has_default="default" in kwargs, choices=kwargs.get("choices"), switch=switch)


def parser_method(parser, name: str, args, kwargs):
    """Methods of an ArgumentParser."""
    if not isinstance(parser, ArgParser):
        return UNKNOWN
    if name == "add_argument":
        _argparse_argument(parser, args, kwargs)
        return None
    if name in ("add_argument_group", "add_mutually_exclusive_group"):
        return parser  # a group's flags land in the parser's namespace
    if name == "set_defaults":
        parser.flags.update({k: v for k, v in kwargs.items() if _const(v) and v is not None})
        return None
    if name in ("parse_args", "parse_intermixed_args"):
        return Namespace(dict(parser.flags))
    if name == "parse_known_args":
        return (Namespace(dict(parser.flags)), UNKNOWN)
    return UNKNOWN


class ClickOption:
    """What `click.option(...)` returns: a decorator that gives one parameter of the command its value."""

    def __init__(self, dest: str, value):
        self.dest = dest
        self.value = value


class ClickChoices:
    def __init__(self, options):
        self.options = options


_ABSL = {"DEFINE_string": "value", "DEFINE_integer": "value", "DEFINE_float": "value",
         "DEFINE_bool": "switch", "DEFINE_boolean": "switch", "DEFINE_enum": "enum"}


def call(extractor, path: str, last: str, args, kwargs, node):
    """argparse.ArgumentParser(), absl flags.DEFINE_*, absl app.run(main), click.option/Choice; NOT_A_FLAG
    for anything else."""
    family = path.split(".")[0]
    if family == "argparse" and last == "ArgumentParser":
        return ArgParser()
    if family == "absl" or ".flags." in f".{path}":
        kind = _ABSL.get(last)
        if kind is not None:
            name = kwargs.get("name", args[0] if args else None)
            if not isinstance(name, str):
                return None
            default = kwargs.get("default", args[1] if len(args) > 1 else None)
            choices = kwargs.get("enum_values", args[2] if len(args) > 2 else None) if kind == "enum" else None
            extractor.absl_flags[name] = flag(name, f"--{name}", default=default, has_default=True,
                                              choices=choices, switch=kind == "switch")
            return None
        if last == "run" and path.endswith("app.run") and args and isinstance(args[0], Func):
            return extractor.call(args[0], [UNKNOWN], {}, node)
    if family == "click":
        if last == "Choice":
            options = args[0] if args else kwargs.get("choices")
            return ClickChoices(tuple(options)) if isinstance(options, (list, tuple)) else UNKNOWN
        if last in ("option", "argument"):
            names = [a for a in args if isinstance(a, str)]
            if not names:
                return UNKNOWN
            plain = [n for n in names if not n.startswith("-")]
            long = next((n for n in names if n.startswith("--")), names[0])
            dest = plain[0] if plain else long.lstrip("-").replace("-", "_")
            kind = kwargs.get("type")
            switch = kwargs.get("is_flag") is True
            choices = kind.options if isinstance(kind, ClickChoices) else None
            return ClickOption(dest, flag(dest, long, default=_typed(kwargs.get("default"), kind),
                                          has_default="default" in kwargs, choices=choices, switch=switch))
    return NOT_A_FLAG


def click_params(decorators) -> dict:
    """A command's parameters given by its @click.option decorators: name -> value."""
    return {d.dest: d.value for d in decorators if isinstance(d, ClickOption)}
