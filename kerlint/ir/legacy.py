"""Facts about Keras 1/2 and TensorFlow 1 APIs that Keras 3 / TF 2 removed (for rules KL505-KL508).

The extractor calls these at the places it resolves names (imports, attribute chains); each returns the
`ApiUse`s to record. The tables live in `keras_api.py`; nothing here guesses: a name is reported only when
its resolved dotted path is one of theirs.
"""

from __future__ import annotations

import functools

import libcst as cst

from kerlint.ir import keras_api as api
from kerlint.ir.model import ApiUse
from kerlint.ir.syntax import dotted as _dotted


def _prefix(path: str, rest: str) -> str:
    """`tensorflow.keras.` for path "tensorflow.keras.layers.core" and rest "layers.core"."""
    return path[: len(path) - len(rest)] if rest and path.endswith(rest) else ""


def import_facts(node: cst.ImportFrom, module: str) -> list[ApiUse]:
    """`from <module> import ...` of a removed Keras module or name."""
    family, rest = api.canonical(module)
    if family == "tf" and rest in api.TF1_REMOVED:
        return [ApiUse("tf1-api", node.module, {"path": module})]
    if family != "keras":
        return []
    names = [] if isinstance(node.names, cst.ImportStar) else list(node.names)
    out: list[ApiUse] = []
    new = api.moved_module(rest)
    if new is not None:
        out.append(ApiUse("moved-module", node.module, {"path": module, "new_path": _prefix(module, rest) + new}))
        return out
    instead = api.removed_module(rest)
    if instead is not None:
        out.append(ApiUse("removed-module", node, {"path": module, "instead": instead}))
        return out
    if rest in api.TF_KERAS_ONLY_NAMES and module.startswith("keras."):
        only = api.TF_KERAS_ONLY_NAMES[rest]
        imported = [_dotted(a.name) for a in names]
        if only is None or any(n in only for n in imported):
            out.append(ApiUse("tf-keras-only", node.module, {"path": module, "new_path": f"tensorflow.keras.{rest}",
                                                             "names": [n for n in imported
                                                                       if only is None or n in only]}))
        return out
    for alias in names:
        name = _dotted(alias.name)
        sub = f"{rest}.{name}" if rest else name
        local = alias.asname.name.value if alias.asname is not None else name
        new = api.moved_module(sub)
        if new is not None:  # `from keras.utils import np_utils`
            out.append(ApiUse("moved-module-name", node, {
                "path": f"{module}.{name}", "new_path": _prefix(module, rest) + new, "local": local,
                "single": len(names) == 1}))
            continue
        instead = api.removed_module(sub)
        if instead is not None:  # `from keras.wrappers import scikit_learn`
            out.append(ApiUse("removed-module", node, {"path": f"{module}.{name}", "instead": instead}))
            continue
        if rest == "layers" and name in api.REMOVED_LAYERS:
            out.append(ApiUse("removed-layer", alias.name, {"name": name, "replacement": api.REMOVED_LAYERS[name]}))
        elif rest == "backend" and name in api.KERAS_BACKEND_TF1:
            out.append(ApiUse("tf1-api", alias.name, {"path": f"{module}.{name}"}))
    return out


def attribute_facts(path: str, node: cst.CSTNode) -> list[ApiUse]:
    """An attribute chain (`keras.layers.core`, `tf.Session`) that resolves to a removed API."""
    fact = _attribute_fact(path)
    return [] if fact is None else [ApiUse(fact[0], node, dict(fact[1]))]


@functools.lru_cache(maxsize=4096)  # the extractor resolves the same few attribute chains thousands of times
def _attribute_fact(path: str) -> tuple[str, dict] | None:
    """(kind, facts) of the ApiUse an attribute chain resolving to `path` records, or None."""
    family, rest = api.canonical(path)
    if family == "tf":
        return ("tf1-api", {"path": path}) if rest in api.TF1_REMOVED else None
    if family != "keras" or not rest:
        return None
    if api.moved_module(rest) is not None:
        return ("moved-module", {"path": path, "attribute": True})
    if rest in api.REMOVED_MODULES:
        return ("removed-module", {"path": path, "instead": api.REMOVED_MODULES[rest], "attribute": True})
    head, _, last = rest.rpartition(".")
    if head in api.TF_KERAS_ONLY_NAMES and path.startswith("keras.") and (
            api.TF_KERAS_ONLY_NAMES[head] is None or last in api.TF_KERAS_ONLY_NAMES[head]):
        return ("tf-keras-only", {"path": path, "attribute": True})
    if head == "layers" and last in api.REMOVED_LAYERS:
        return ("removed-layer", {"name": last, "replacement": api.REMOVED_LAYERS[last], "attribute": True})
    if head == "backend" and last in api.KERAS_BACKEND_TF1:
        return ("tf1-api", {"path": path})
    return None


def keyword_facts(kind: str, call: cst.Call, rename) -> list[ApiUse]:
    """Keras 1 keywords given to `call` (a layer of `kind`, a functional Model, or fit):
    `rename(keyword)` is today's keyword or None."""
    out = []
    for arg in call.args:
        if arg.keyword is None:
            continue
        new = rename(arg.keyword.value)
        if new is not None:
            out.append(ApiUse("keras1-keyword", arg, {"keyword": arg.keyword.value, "new": new, "layer": kind,
                                                     "call": call}))
    return out


def positional_kernel_fact(kind: str, call: cst.Call, rank: int) -> ApiUse | None:
    """Keras 1 `Convolution2D(32, 3, 3)`: the kernel given as `rank` separate positionals after the filters.
    Keras 3 reads the third as `strides`, so only a call that shows it is Keras 1 code counts: the Keras 1
    class name (`Convolution2D`) or a Keras 1 keyword in the same call."""
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if len(positional) < rank + 1 or not all(isinstance(a.value, cst.Integer) for a in positional[: rank + 1]):
        return None
    keras1 = _dotted(call.func).rsplit(".", 1)[-1].startswith("Convolution") or any(
        a.keyword is not None and api.keras1_layer_keyword(kind, a.keyword.value) for a in call.args)
    if not keras1:
        return None
    return ApiUse("keras1-positional-kernel", call, {"layer": kind, "rank": rank,
                                                     "kernel": [a for a in positional[1: rank + 1]]})
