"""The engine pauses Python's cyclic garbage collector while it analyses one file, and gives it back as it
found it, whatever happens in between."""

import gc

from kerlint.engine import lint_text

SOURCE = "from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(1, activation='softmax')])\n"


def test_the_collector_is_paused_during_a_file_and_running_after_it(monkeypatch):
    seen = []
    from kerlint import engine
    real = engine._lint_unit
    monkeypatch.setattr(engine, "_lint_unit", lambda *a: seen.append(gc.isenabled()) or real(*a))
    assert gc.isenabled()
    assert [v.code for v in lint_text(SOURCE)] == ["KL201"]
    assert seen == [False] and gc.isenabled()


def test_a_caller_that_disabled_the_collector_keeps_it_disabled():
    gc.disable()
    try:
        lint_text(SOURCE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_comes_back_when_the_analysis_raises(monkeypatch):
    from kerlint import engine

    def boom(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "_lint_unit", boom)
    try:
        lint_text(SOURCE)
    except KeyboardInterrupt:
        pass
    assert gc.isenabled()


CYCLE_PRONE = """\
from tensorflow import keras

def gc_probe_block(x, units):
    def inner(y):
        return keras.layers.Dense(units, activation="relu")(y)
    return inner(x)

inputs = keras.Input(shape=(8,))
x = inputs
for units in [units * 2 for units in (16, 32) for _ in range(2)]:
    x = gc_probe_block(x, units)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
model.compile(optimizer="adam", loss="mse")
"""


def test_a_files_syntax_tree_is_freed_without_the_collector():
    """Nothing the analysis leaves behind keeps the file's tree in a reference cycle (a comprehension's closure,
    the module scope's functions): it is freed as the file is done, so the collection that follows the file's
    pause walks no tree. (A function defined inside a called function stays in its call's scope, which a
    returned closure may still need: those few subtrees are left to the collector.)"""
    import libcst as cst

    gc.collect()
    gc.disable()
    try:
        violations = lint_text(CYCLE_PRONE)
        left = [o for o in gc.get_objects() if (isinstance(o, cst.Module) and o.code == CYCLE_PRONE)
                or (isinstance(o, cst.FunctionDef) and o.name.value == "gc_probe_block")]
    finally:
        gc.enable()
    assert [v.code for v in violations] == ["KL102"]  # the file was analysed: its ReLU stack has no He init
    assert left == []
