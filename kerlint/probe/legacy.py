"""Running old scripts unchanged (the probe child only; `--no-migrate` turns all of it off).

Two parts, both in memory, both listed in the report's `migrations`:

1. `migrate(text)`: the safe Keras 1/2 -> 3 rewrites of `kerlint check --fix` (kerlint.fix.migrate), applied
   to the script's source before it runs. Line-preserving, so every line the probe reports is the file's.
2. `install_shims()`: names a current install lacks that an old script touches before fit(), none of which
   changes the model or its training:
   - `time.clock` (removed in Python 3.8) -> `time.perf_counter`: scripts time their training with it;
   - an unknown `keras.callbacks.X` (a callback from an older or forked Keras) -> a callback that does
     nothing: the probe never runs the script's callbacks anyway (it stops inside fit());
   - `keras.wrappers.scikit_learn` (gone in Keras 3) -> a module whose KerasClassifier / KerasRegressor
     raise a clear error naming SciKeras when used; importing it no longer stops the script;
   - TensorFlow 1 names of ops TF 2 renamed (`tf.random_uniform`, `tf.log`, `tf.set_random_seed`, ...) -> the
     same ops under `tf.compat.v1` (sessions and placeholders are not given: graph code needs rewriting);
   - NumPy's expired aliases of builtins (`np.float`, `np.int`, `np.bool`, `np.object`, `np.str`, removed in
     NumPy 1.24) -> the builtins they always were.
   A shim is reported only when the script actually uses it.
"""

from __future__ import annotations

import sys
import types

USED: list[dict] = []  # the shims the script used, in order (each once)


def _used(name: str, message: str) -> None:
    if not any(u["shim"] == name for u in USED):
        USED.append({"code": "runtime", "shim": name, "line": _script_line(), "message": message})


SCRIPT: list[str] = []  # the script's real path, set by install_shims


def _script_line() -> int | None:
    import os
    import traceback

    if not SCRIPT:
        return None
    for frame in reversed(traceback.extract_stack()):
        if os.path.realpath(frame.filename) == SCRIPT[0]:
            return frame.lineno
    return None


def migrate(text: str, path: str):
    from kerlint.fix.migrate import migrate_source

    return migrate_source(text, "3", path)


def install_shims(script: str) -> None:
    import os

    SCRIPT[:] = [os.path.realpath(script)]
    _time_clock()
    _unknown_callbacks()
    _scikit_learn_wrappers()
    _numpy_aliases()
    _tf1_renamed_ops()


def _time_clock() -> None:
    import time

    if hasattr(time, "clock"):
        return

    def clock() -> float:
        _used("time.clock", "time.clock() (removed in Python 3.8) ran as time.perf_counter()")
        return time.perf_counter()

    time.clock = clock


def _unknown_callbacks() -> None:
    import keras

    module = keras.callbacks
    base = keras.callbacks.Callback

    def __getattr__(name: str):
        if not name[:1].isupper():
            raise AttributeError(f"module 'keras.callbacks' has no attribute {name!r}")

        class Ignored(base):
            def __init__(self, *args, **kwargs):
                super().__init__()

        Ignored.__name__ = Ignored.__qualname__ = name
        _used(f"keras.callbacks.{name}", f"keras.callbacks.{name} does not exist in this Keras: the probe gave the "
                                         "script a callback that does nothing (it runs no callbacks anyway)")
        return Ignored

    try:
        module.__getattr__ = __getattr__  # PEP 562: consulted only for names the module lacks
    except (AttributeError, TypeError):
        pass


def _scikit_learn_wrappers() -> None:
    import importlib.util

    try:
        if importlib.util.find_spec("keras.wrappers.scikit_learn") is not None:
            return
    except (ImportError, ValueError):
        pass
    try:
        import keras.wrappers as wrappers  # Keras 3.5+ has its own (SKLearnClassifier, ...): keep it
    except ImportError:
        wrappers = types.ModuleType("keras.wrappers")
    sklearn = types.ModuleType("keras.wrappers.scikit_learn")

    def wrapper(name: str):
        def make(*args, **kwargs):
            raise ImportError(f"keras.wrappers.scikit_learn.{name} is gone in Keras 3: use SciKeras "
                              f"(pip install scikeras; from scikeras.wrappers import {name})")

        return make

    for name in ("KerasClassifier", "KerasRegressor"):
        setattr(sklearn, name, wrapper(name))

    def __getattr__(name: str):
        if name in ("KerasClassifier", "KerasRegressor"):
            return getattr(sklearn, name)
        raise AttributeError(name)

    sklearn.__getattr__ = __getattr__
    wrappers.scikit_learn = sklearn
    sys.modules.setdefault("keras.wrappers", wrappers)
    sys.modules["keras.wrappers.scikit_learn"] = sklearn
    _used_on_import(sklearn)


def _used_on_import(module) -> None:
    """Report the wrappers shim when the script imports it (the import is what used to fail)."""
    import builtins

    original = builtins.__import__

    def tracking_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and (name == "keras.wrappers.scikit_learn"
                           or (name == "keras.wrappers" and fromlist and "scikit_learn" in fromlist)):
            _used("keras.wrappers.scikit_learn", "keras.wrappers.scikit_learn (gone in Keras 3) was given to the "
                                                 "script as a stand-in; using KerasClassifier/KerasRegressor "
                                                 "raises an error naming SciKeras")
        return original(name, globals, locals, fromlist, level)

    builtins.__import__ = tracking_import


_NUMPY_ALIASES = {"float": float, "int": int, "bool": bool, "object": object, "str": str, "complex": complex,
                  "long": int, "unicode": str}


def _numpy_aliases() -> None:
    try:
        import numpy
    except ImportError:
        return
    original = getattr(numpy, "__getattr__", None)

    def __getattr__(name: str):
        if name in _NUMPY_ALIASES:
            _used(f"numpy.{name}", f"np.{name} (removed in NumPy 1.24) ran as the builtin {name}, which it aliased")
            return _NUMPY_ALIASES[name]
        if original is not None:
            return original(name)
        raise AttributeError(f"module 'numpy' has no attribute {name!r}")

    numpy.__getattr__ = __getattr__  # PEP 562: reached only for names numpy lacks (np.bool exists again in 2.x)


_TF1_OPS = ("random_uniform", "random_normal", "truncated_normal", "log", "to_float", "to_int32", "to_int64",
            "set_random_seed", "random_shuffle", "multinomial")


def _tf1_renamed_ops() -> None:
    try:
        import tensorflow as tf
    except ImportError:
        return
    module_type = type(tf)
    original = getattr(tf, "__getattr__", None)

    def __getattr__(name: str):
        if name in _TF1_OPS and hasattr(tf.compat.v1, name):
            _used(f"tensorflow.{name}", f"tf.{name} (TensorFlow 1) ran as tf.compat.v1.{name}, the same op")
            return getattr(tf.compat.v1, name)
        if original is not None:
            return original(name)
        raise AttributeError(f"module 'tensorflow' has no attribute {name!r}")

    if isinstance(tf, module_type):
        try:
            tf.__getattr__ = __getattr__
        except (AttributeError, TypeError):
            pass
