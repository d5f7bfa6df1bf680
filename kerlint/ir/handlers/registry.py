"""The one registry of API handlers: what a call to a library function or class means to kerlint.

A handler is a function `handler(ex, args, kwargs, node, call)`: `ex` is the interpreter
(kerlint.ir.extractor.Extractor: it builds layers and models, numbers data, places tensors), `args`/`kwargs` the
call's abstract values (copies: a handler may change them), `node` the libcst Call and `call` the Call below
(the Site called: canonical path, family, path in the family, last name; and the argument nodes). It returns the value of the call, or
`NotImplemented` to let the next handler (and at last the family's default) answer.

Handlers are registered by canonical path, grouped by library in the modules of this package:

    @handles("keras.utils.to_categorical")        # exactly this path
    @handles("keras.losses.*")                     # any path under keras.losses ("tensorflow.image.random_*")
    @handles("keras.**.to_categorical")            # any keras path whose last name is to_categorical
    @handles(when=lambda site: ...)                # a test on the Site (one family: family="keras")

Canonical paths: Keras under every spelling (`tf.keras.layers.Dense`, `keras.src.layers...`, `tf_keras...`) is
`keras.<rest>`, TensorFlow `tensorflow.<rest>`, numpy `numpy.<rest>`, anything else its imported path. Exact paths
are asked first, then the patterns in the order they were registered (the order of the modules imported by
kerlint/ir/handlers/registered.py, then of the handlers in each module); patterns of one family should not
overlap. What a path resolves to is computed once per path and kept (a dict look-up per call after that).

Methods of abstract values (`model.fit(...)`, `dataset.map(...)`) are registered by the value's exact class with
`@handles_method(ModelIR)`: `handler(ex, obj, name, args, kwargs, node, arg_nodes)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from kerlint.ir.keras_api import canonical

Handler = Callable[..., Any]

HANDLERS: dict[str, Handler] = {}  # exact canonical path -> handler
_PATTERNS: list[tuple[Callable[["Site"], bool], Handler]] = []  # in registration order
_RESOLVED: dict[str, tuple[Handler, ...]] = {}  # canonical path -> its handlers, exact first
METHODS: dict[type, Handler] = {}  # class of an abstract value -> its method handler
_FAMILY_ROOT = {"keras": "keras", "tf": "tensorflow", "np": "numpy"}


@dataclass(frozen=True)
class Site:
    """Where a call goes: `path` canonical ("keras.layers.Dense"), `family` ("keras" | "tf" | "np" | "other"),
    `rest` the path inside the family ("layers.Dense"; the whole path for "other"), `last` its last name."""

    path: str
    family: str
    rest: str
    last: str


@dataclass(frozen=True)
class Call:
    """What a handler is told about the call besides its values: the Site and the argument nodes (by position
    and by keyword)."""

    site: Site
    arg_nodes: dict

    @property
    def rest(self) -> str:
        return self.site.rest

    @property
    def last(self) -> str:
        return self.site.last

    @property
    def path(self) -> str:
        return self.site.path


def canonical_path(family: str, rest: str, path: str) -> str:
    """The registry key of a resolved API path (see the module docstring)."""
    root = _FAMILY_ROOT.get(family)
    if root is None:
        return path
    return f"{root}.{rest}" if rest else root


_SITES: dict[str, Site] = {}


def site_of(path: str) -> Site:
    """The Site of an imported dotted path (`tf.keras.layers.Dense` as spelled after imports), cached."""
    site = _SITES.get(path)
    if site is None:
        family, rest = canonical(path)
        site = _SITES[path] = Site(canonical_path(family, rest, path), family, rest, rest.split(".")[-1])
    return site


def _pattern(text: str) -> Callable[[Site], bool]:
    if text.endswith("*") and not text.endswith("**"):
        prefix = text[:-1]
        return lambda site: site.path.startswith(prefix)
    if ".**." in text:
        root, _, last = text.partition(".**.")
        return lambda site: site.last == last and (site.path == f"{root}.{last}" or (
            site.path.startswith(root + ".") and site.path.endswith("." + last)))
    raise ValueError(f"not a handler pattern: {text!r} (exact paths have no '*')")


def handles(*paths: str, when: Callable[[Site], bool] | None = None, family: str | None = None):
    """Register a handler for calls to these canonical paths or patterns, or to the Sites `when` accepts (of
    `family` only, when given)."""
    def register(func: Handler) -> Handler:
        for path in paths:
            if "*" in path:
                _PATTERNS.append((_pattern(path), func))
            elif path in HANDLERS:
                raise ValueError(f"{path} handled twice")
            else:
                HANDLERS[path] = func
        if when is not None:
            test = when if family is None else (lambda site: site.family == family and when(site))
            _PATTERNS.append((test, func))
        _RESOLVED.clear()
        return func
    return register


def handlers_for(site: Site) -> tuple[Handler, ...]:
    """The handlers of a Site: its exact path's, then the matching patterns' in registration order."""
    found = _RESOLVED.get(site.path)
    if found is None:
        exact = HANDLERS.get(site.path)
        matching = ([exact] if exact is not None else []) + [func for test, func in _PATTERNS if test(site)]
        found = _RESOLVED[site.path] = tuple(dict.fromkeys(matching))  # each handler once, first place kept
    return found


def dispatch(ex, site: Site, args, kwargs, node, arg_nodes):
    """The value the first willing handler gives the call, or NotImplemented when none does."""
    handlers = handlers_for(site)
    if not handlers:
        return NotImplemented
    call = Call(site, arg_nodes)
    for handler in handlers:
        value = handler(ex, list(args), dict(kwargs), node, call)
        if value is not NotImplemented:
            return value
    return NotImplemented


def handles_method(*classes: type):
    """Register the method handler of abstract values of these exact classes."""
    def register(func: Handler) -> Handler:
        for cls in classes:
            if cls in METHODS:
                raise ValueError(f"methods of {cls.__name__} handled twice")
            METHODS[cls] = func
        return func
    return register
