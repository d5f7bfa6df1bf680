"""kerlint.parsing: libcst's parse without its per-node validation gives the same trees, the same code and
the same syntax errors, and always puts libcst's validation back."""

from __future__ import annotations

import threading
import types

import libcst as cst
import pytest

from kerlint import parsing

ORIGINAL = cst.CSTNode.__dict__["__post_init__"]

SOURCES = {
    "decorators": "@functools.lru_cache(maxsize=None)\n@ staticmethod\ndef f(x, /, *a, k=1, **kw) -> int:\n    return x\n",
    "f-strings": 'name = "x"\ns = f"{name!r:>{10}} {name=} {{literal}} {f\'{name}\'}"\nt = rf"\\d{name}"\n',
    "parenthesised with": "with (\n    open('a') as a,\n    open('b') as b,\n):\n    pass\n",
    "match": (
        "match command.split():\n"
        "    case [\"go\", direction] if direction in 'nsew':\n"
        "        pass\n"
        "    case {\"x\": 1, **rest} | Point(x=0, y=_):\n"
        "        pass\n"
        "    case _:\n"
        "        pass\n"
    ),
    "walrus": "if (n := len(a)) > 10:\n    print([y for x in a if (y := x * 2)])\n",
    "unicode": "# café\nnaïve = 'Ünïcödé ✓'\nπ = 3.14159\n",
    "comments and blank lines": "\n\n# a comment\nx = (  # trailing\n    1 +\n    2  # two\n)\n\n\n",
    "keras": (
        "from tensorflow import keras\n"
        "model = keras.Sequential([keras.layers.Dense(10, activation='relu'), keras.layers.Dense(1)])\n"
        "model.compile(optimizer=keras.optimizers.Adam(1e-3), loss='mse')\n"
        "model.fit(x, y, epochs=3, validation_split=0.2)\n"
    ),
    "async and lambdas": (
        "async def g():\n    async with a as b:\n        await b\n    async for i in c:\n"
        "        yield lambda *, k=1: k\n"
    ),
    "crlf and no final newline": "x = 1\r\nif x:\r\n    y = [1,\r\n         2]",
    "star expressions and slices": "a, *b = c[1:2, ::3]\nprint(*b, **{'sep': ''})\ndel a[...]\n",
    "global, try, raise from": (
        "def h():\n    global q\n    try:\n        pass\n    except* ValueError as e:\n"
        "        raise TypeError() from e\n    finally:\n        q = 1\n"
    ),
}

BAD = {
    "unclosed bracket": "x = (1,\n",
    "bad indent": "def f():\nreturn 1\n",
    "stray token": "x = 1 +\n",
    "bad token": "x = 1 $ 2\n",
}


def _validated(text: str) -> cst.Module:
    assert cst.CSTNode.__dict__["__post_init__"] is ORIGINAL
    return cst.parse_module(text)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_same_tree_and_code_as_libcst(name):
    text = SOURCES[name]
    with parsing.unvalidated_nodes() as skipped:
        assert skipped  # the suite runs single-threaded per process: the swap is in place here
        fast = cst.parse_module(text)
    slow = _validated(text)
    assert fast.deep_equals(slow)
    assert fast.code == slow.code == text
    assert parsing.parse_module(text).deep_equals(slow)
    assert cst.CSTNode.__dict__["__post_init__"] is ORIGINAL


@pytest.mark.parametrize("name", sorted(BAD))
def test_same_syntax_errors_as_libcst(name):
    text = BAD[name]
    with pytest.raises(cst.ParserSyntaxError) as slow:
        _validated(text)
    with pytest.raises(cst.ParserSyntaxError) as fast:
        parsing.parse_module(text)
    assert str(fast.value) == str(slow.value)
    assert (fast.value.raw_line, fast.value.raw_column, fast.value.message) == \
        (slow.value.raw_line, slow.value.raw_column, slow.value.message)
    assert cst.CSTNode.__dict__["__post_init__"] is ORIGINAL  # restored after the failure


def test_validation_is_skipped_inside_and_restored_after():
    with parsing.unvalidated_nodes():
        cst.Name("not a valid name!")  # libcst's _validate would reject it
    assert cst.CSTNode.__dict__["__post_init__"] is ORIGINAL
    with pytest.raises(cst.CSTValidationError):
        cst.Name("not a valid name!")


def test_restored_when_the_block_raises():
    with pytest.raises(ZeroDivisionError):
        with parsing.unvalidated_nodes():
            1 / 0
    assert cst.CSTNode.__dict__["__post_init__"] is ORIGINAL
    with pytest.raises(cst.CSTValidationError):
        cst.Name("")


def test_nested_blocks_leave_the_restore_to_the_outer_one():
    with parsing.unvalidated_nodes():
        with parsing.unvalidated_nodes() as inner:
            assert inner
        cst.Name("still skipped")  # the inner block did not restore validation under the outer one
        assert parsing.parse_module("x = 1\n").code == "x = 1\n"
        cst.Name("still skipped")
    assert cst.CSTNode.__dict__["__post_init__"] is ORIGINAL


def test_env_var_keeps_libcst_validation(monkeypatch):
    monkeypatch.setenv(parsing.VALIDATE_ENV, "1")
    with parsing.unvalidated_nodes() as skipped:
        assert not skipped
        with pytest.raises(cst.CSTValidationError):
            cst.Name("")
    monkeypatch.setenv(parsing.VALIDATE_ENV, "0")
    with parsing.unvalidated_nodes() as skipped:
        assert skipped


def test_other_threads_mean_a_normal_parse():
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        with parsing.unvalidated_nodes() as skipped:
            assert not skipped
            with pytest.raises(cst.CSTValidationError):
                cst.Name("")
    finally:
        release.set()
        worker.join()


def test_a_parse_in_a_worker_thread_validates():
    results = []

    def parse_in_thread():
        with parsing.unvalidated_nodes() as skipped:
            results.append(skipped)
            results.append(parsing.parse_module(SOURCES["match"]).code)

    worker = threading.Thread(target=parse_in_thread)
    worker.start()
    worker.join()
    assert results == [False, SOURCES["match"]]
    assert cst.CSTNode.__dict__["__post_init__"] is ORIGINAL


def test_other_libcst_internals_mean_a_normal_parse(monkeypatch):
    class NodeWithoutPostInit:  # a libcst whose nodes are not validated in __post_init__
        def _validate(self):
            pass

    monkeypatch.setattr(parsing, "cst", types.SimpleNamespace(CSTNode=NodeWithoutPostInit,
                                                              parse_module=cst.parse_module))
    with parsing.unvalidated_nodes() as skipped:
        assert not skipped
    assert "__post_init__" not in NodeWithoutPostInit.__dict__
    assert parsing.parse_module(SOURCES["walrus"]).code == SOURCES["walrus"]
    assert cst.CSTNode.__dict__["__post_init__"] is ORIGINAL


def test_the_engine_reports_the_same_with_and_without_validation(monkeypatch):
    from kerlint.engine import lint_text

    script = (
        "from tensorflow import keras\n"
        "model = keras.Sequential([keras.layers.Dense(64, activation='sigmoid') for _ in range(6)]\n"
        "                         + [keras.layers.Dense(10, activation='softmax')])\n"
        "model.compile(optimizer=keras.optimizers.Adam(lr=10.0), loss='mse')\n"
        "model.fit(x, y, epochs=1)\n"
    )
    fast = lint_text(script)
    monkeypatch.setenv(parsing.VALIDATE_ENV, "1")
    slow = lint_text(script)
    assert len(fast) >= 3
    assert fast == slow
