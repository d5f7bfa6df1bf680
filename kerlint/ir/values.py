"""The abstract values the extractor computes with, besides the IR objects themselves.

IR objects (Layer, ModelIR, Data, Optimizer, Loss, Initializer, Schedule) are values too: a
variable can hold a layer not yet placed in a graph, a model, or a dataset.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from kerlint.ir.keras_api import canonical
from kerlint.ir.model import Layer, Sentinel


@dataclass(frozen=True)
class Ref:
    """A reference to an imported API object, by dotted path (not yet called)."""

    path: str

    @property
    def parts(self) -> tuple[str, str]:
        return canonical(self.path)

    def attr(self, name: str) -> "Ref":
        return Ref(f"{self.path}.{name}")


@dataclass(eq=False)
class Tensor:
    """A symbolic tensor in a functional graph: which layer produced it and its shape."""

    layer: Layer | None
    shape: tuple | None = None
    broken: bool = False  # produced by something we could not follow: upstream layers are unknown


@dataclass(eq=False)
class Func:
    node: cst.FunctionDef | cst.Lambda
    closure: "Frame"
    name: str = "<lambda>"
    flags: dict = field(default_factory=dict)  # parameter -> value given by a @click.option decorator


@dataclass(eq=False)
class ClassVal:
    node: cst.ClassDef
    name: str
    bases: list
    methods: dict = field(default_factory=dict)  # name -> Func
    attrs: dict = field(default_factory=dict)

    def kind(self) -> str:
        """'model', 'layer', 'callback', 'sequence' or 'plain', from the (transitive) Keras base."""
        for base in self.bases:
            if isinstance(base, ClassVal):
                k = base.kind()
                if k != "plain":
                    return k
            elif isinstance(base, Ref):
                family, rest = base.parts
                last = rest.split(".")[-1]
                if family == "keras" or (family == "tf" and rest.startswith("Module")):
                    if last in ("Model", "Sequential", "Functional"):
                        return "model"
                    if last in ("Layer",) or (last[:1].isupper() and "layers" in rest):
                        return "layer"
                    if last == "Callback":
                        return "callback"
                    if last in ("Sequence", "PyDataset"):
                        return "sequence"
        return "plain"

    def lookup(self, name: str):
        if name in self.methods:
            return self.methods[name]
        for base in self.bases:
            if isinstance(base, ClassVal):
                found = base.lookup(name)
                if found is not None:
                    return found
        return None


@dataclass(eq=False)
class Instance:
    cls: ClassVal
    attrs: dict = field(default_factory=dict)
    model: Any = None  # the ModelIR of a subclassed Model instance


@dataclass(eq=False)
class BoundMethod:
    obj: Any
    name: str


@dataclass(eq=False)
class Builtin:
    name: str


@dataclass(eq=False)
class DataGenerator:
    """An ImageDataGenerator: does it augment, does it rescale?"""

    node: cst.CSTNode
    augmenting: bool
    rescales: Any  # bool or UNKNOWN


@dataclass(eq=False)
class Scaler:
    """An sklearn-style scaler object."""

    name: str


@dataclass(frozen=True)
class Callback:
    name: str


@dataclass(frozen=True)
class Regularizer:
    name: str


@dataclass(frozen=True)
class Metric:
    name: str


class Frame:
    """A scope: local names, and the frame to fall back to (closure or module)."""

    def __init__(self, parent: "Frame | None" = None):
        self.names: dict[str, Any] = {}
        self.parent = parent

    def lookup(self, name: str):
        frame: Frame | None = self
        while frame is not None:
            if name in frame.names:
                return frame.names[name], True
            frame = frame.parent
        return None, False


# A flag or variable's value when it is none of the constants the program compares it with.
OTHER: Any = Sentinel("OTHER", truthy=True)


@dataclass(frozen=True)
class Choice:
    """A value chosen outside the program among a few known constants: a command-line flag with `choices=`,
    a boolean switch (`action="store_true"`, `is_flag=True`, `DEFINE_bool`). Each option is a configuration
    the file may run in (see kerlint.ir.conditions)."""

    key: tuple  # ("flag", dest): the same flag read anywhere is the same choice
    label: str  # how a message names it: "--binary"
    options: tuple  # the possible values, the default first


@dataclass(eq=False)
class ArgParser:
    """An argparse.ArgumentParser (or one of its argument groups): the flags declared so far."""

    flags: dict = field(default_factory=dict)  # dest -> value: a constant default, a Choice, or UNKNOWN


@dataclass(eq=False)
class Namespace:
    """What parse_args() returns: the parser's flags by name."""

    flags: dict = field(default_factory=dict)


@dataclass(eq=False)
class Partial:
    """functools.partial(func, *args, **kwargs): calling it calls `func` with those arguments first."""

    func: Any
    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)


# --- small operations on abstract values (the interpreter's and the API handlers') ----------------------------

MAX_LOOP_ITERATIONS = 512  # a loop or comprehension over more items is not unrolled: its items are unknown


def is_const(value) -> bool:
    """A Python constant the interpreter computes with: None, a bool, a number or a string."""
    return value is None or isinstance(value, (bool, int, float, str))


def iterate(value):
    """The items a `for` over `value` sees, when they are known (a list; None otherwise)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, range):
        return list(value) if len(value) <= MAX_LOOP_ITERATIONS else None
    if isinstance(value, dict):
        return list(value.keys())
    return None


def flatten(value):
    """Every value inside nested lists, tuples and dicts (dict values), depth first."""
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from flatten(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from flatten(item)
    else:
        yield value


def tensors_in(args, kwargs) -> list:
    """The symbolic tensors among a call's arguments (nested in lists/dicts too), in `flatten`'s order."""
    found: list = []
    _collect_tensors(args, found)
    _collect_tensors(kwargs.values(), found)
    return found


def _collect_tensors(values, found: list) -> None:
    # `flatten` without its generators: this runs for most library calls
    for value in values:
        if isinstance(value, Tensor):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            _collect_tensors(value, found)
        elif isinstance(value, dict):
            _collect_tensors(value.values(), found)
