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
