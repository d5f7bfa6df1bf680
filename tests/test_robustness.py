"""Never crash: a failing rule is one KL999 (exit 2) and the rest still runs; huge and deeply nested
files are linted or refused with a clear KL000; positions are exactly libcst's PositionProvider's."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import libcst as cst
import pytest
from click.testing import CliRunner
from libcst.metadata import MetadataWrapper, PositionProvider

from kerlint import engine
from kerlint.checks import registry
from kerlint.cli import main
from kerlint.config import Settings
from kerlint.positions import _fields, locate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

SIGMOID = """from tensorflow import keras
model = keras.Sequential([
    keras.layers.Dense(64, activation="sigmoid", input_shape=(10,)),
    keras.layers.Dense(64, activation="sigmoid"),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=5)
"""


@pytest.fixture(autouse=True)
def production_mode(monkeypatch):
    """What users run: the extractor and the fixers fall back to "unknown" / "no fix" instead of
    raising (tests/conftest.py makes them strict elsewhere)."""
    from kerlint.ir import extractor

    monkeypatch.setattr(extractor, "STRICT", False)
    from kerlint.fix import stage

    monkeypatch.setattr(stage, "_STRICT", False)
    monkeypatch.setenv("KERLINT_STRICT", "0")


# ---- an internal error in one rule --------------------------------------------------------------------


def test_a_failing_rule_is_kl999_and_everything_else_still_runs(tmp_path, monkeypatch):
    def explodes(model, opts):
        raise ZeroDivisionError("deliberate failure for the test")

    monkeypatch.setitem(registry.CHECKS, "KL102", registry.RegisteredCheck("KL102", "model", explodes))
    (tmp_path / "a.py").write_text(SIGMOID)
    (tmp_path / "b.py").write_text(SIGMOID)
    (tmp_path / "clean.py").write_text("print('no model here')\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", "--output-format", "concise", "."])
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    kl999 = [line for line in lines if "KL999" in line]
    assert len(kl999) == 2  # one a file with a model; clean.py has none for the rule to fail on
    for line in kl999:
        assert "KL102" in line and "ZeroDivisionError" in line and "report" in line
    assert {Path(line.split(":")[0]).name for line in kl999} == {"a.py", "b.py"}
    # the other rules still ran on the same files
    assert any("KL101" in line and "a.py" in line for line in lines)
    assert any("KL101" in line and "b.py" in line for line in lines)
    assert any("KL303" in line for line in lines)


def test_a_failing_rule_under_the_process_pool_is_kl999_too(tmp_path, monkeypatch):
    def explodes(model, opts):
        raise KeyError("deliberate")

    monkeypatch.setitem(registry.CHECKS, "KL102", registry.RegisteredCheck("KL102", "model", explodes))
    for name in ("a.py", "b.py", "c.py"):
        (tmp_path / name).write_text(SIGMOID)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "2", "--output-format", "concise", "."])
    assert result.exit_code == 2
    assert result.output.count("KL999") == 3 and result.output.count("KL101") == 3


# ---- size and depth ---------------------------------------------------------------------------------


def no_internal_errors(violations):
    assert not [v for v in violations if v.code == "KL999"], [v.message for v in violations]


def big_module(lines: int) -> str:
    """A Keras training script followed by `lines` lines of the helper code around models (plotting,
    argparse, metrics, timers...), from the benchmark's generator."""
    import random

    gen = corpus.ScriptGen(random.Random(5), 0)
    gen.header()
    while len(gen.w.lines) < lines:
        gen.filler_function()
    return SIGMOID + gen.w.text()


@pytest.mark.slow
def test_a_40000_line_file_is_linted():
    """40,000 lines of ordinary code are about 280,000 tokens, under kerlint.guard.MAX_TOKENS (the 1 GB
    bound per worker; 50,000 such lines, about 350,000 tokens, are refused with a KL000 notice)."""
    source = big_module(40_000)
    assert source.count("\n") >= 40_000
    started = time.perf_counter()
    violations = engine.lint_text(source, Settings(), path="huge.py")
    no_internal_errors(violations)
    assert {"KL101", "KL303"} <= {v.code for v in violations}
    assert time.perf_counter() - started < 120


@pytest.mark.parametrize("opener,closer", [("(", ")"), ("[", "]"), ("f(", ")"), ("a[", "]"), ("{1: ", "}")])
def test_200_nesting_levels_are_linted(opener, closer):
    source = SIGMOID + "deep = " + opener * 199 + "1" + closer * 199 + "\n"
    violations = engine.lint_text(source, Settings())
    no_internal_errors(violations)
    assert "KL101" in {v.code for v in violations}


@pytest.mark.parametrize("source", [
    "x = " + "-" * 200 + "1\n",
    "x = " + " + ".join(["1"] * 200) + "\n",
    "x = " + "lambda: " * 200 + "1\n",
    "x = a" + ".b" * 200 + "\n",
    "x = " + "1 if a else " * 200 + "2\n",
    "".join("    " * i + f"if a{i}:\n" for i in range(90)) + "    " * 90 + "pass\n",
])
def test_200_levels_of_other_nesting_are_linted(source):
    no_internal_errors(engine.lint_text(source, Settings()))


def test_a_long_chained_line_is_refused_wherever_it_is():
    """The guard's long-line check (a line of MAX_LINE characters sends the text to CPython's parser) finds the
    line at any line start, after LF or CRLF lines, and only a line that long."""
    from kerlint import guard

    chain = "x = " + " + ".join(["1"] * 20000)
    for text in (chain + "\n", "a = 1\n" + chain + "\n", "a = 1\r\n" + chain, "# c\n\n" + chain, "a = 1\n" + chain):
        assert guard.problem(text) is not None and "cannot parse" in guard.problem(text)
    assert guard.problem("a = 1\n" * 3 + "y = " + "1" * (guard.MAX_LINE - 5) + "\n") is None


def test_nesting_beyond_python_is_a_clear_kl000_not_a_crash(tmp_path):
    """libcst's native parser overflows its stack (SIGSEGV) past ~2000 nested brackets, and takes
    minutes on very long operator chains: kerlint refuses these up front. Run in a child process so
    that a regression shows as a failed test, not a dead test runner."""
    cases = {
        "parens.py": "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n",
        "lists.py": "x = " + "[" * 3000 + "]" * 3000 + "\n",
        "chain.py": "x = " + " + ".join(["1"] * 20000) + "\n",
        "lambdas.py": "x = " + "lambda: " * 5000 + "1\n",
        "indent.py": "".join("    " * i + f"if a{i}:\n" for i in range(150)) + "    " * 150 + "pass\n",
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "good.py").write_text(SIGMOID)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "kerlint", "check", "--no-cache", "--jobs", "1",
                           "--output-format", "concise", "."], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert time.perf_counter() - started < 60
    for name in cases:
        line = next(line for line in proc.stdout.splitlines() if line.startswith(name))
        assert "KL000" in line and ("nested" in line or "indentation" in line or "chained" in line), line
    assert "good.py" in proc.stdout and "KL101" in proc.stdout


# ---- positions --------------------------------------------------------------------------------------


def _all_nodes(module):
    out, stack = [], [module]
    while stack:
        node = stack.pop()
        out.append(node)
        for name in _fields(type(node)):
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                stack.append(value)
            elif isinstance(value, (tuple, list)):
                stack.extend(v for v in value if isinstance(v, cst.CSTNode))
    return out[1:]


SOURCES = [
    SIGMOID,
    "x = 1\nx = 1\n",  # identical statements: the enclosing module pass decides
    "def f():\n    x = 1\n    x = 1\n    return x\n\n\ndef g():\n    x = 1\n",
    "a=1\r\nb=2\r\nif a:\r\n    b=3",  # CRLF, no trailing newline
    "class A:\n  def f(self):\n      return [\n1,\n  2]\n# tail comment",
    "x=1;y=2\nz=3\n@dec\n# c\ndef h(): pass\n",
    '"""doc\nx = 1\n"""\nx = 1\n',  # a statement's text also inside a string
    # Expressions placed by their own code: continuation lines in an indented block, tabs, CRLF,
    # a column on the first line only, copies of an expression elsewhere.
    "def f():\n\tif a:\n\t\tm = g(h(1,\n\t\t\t  2), k=[3,\n\t\t4])  # c\n\treturn h(1,\n\t\t\t  2)\n",
    "class A:\r\n    x = call(a, b=(1 +\r\n        2))\r\n    y = 'call(a, b=(1 +'\r\n",
    "m.add(Dense(64, activation='sigmoid'))\nm.add(Dense(64, activation='sigmoid'))\nm.add(Dense(1))",
    # top-level statements whose code occurs more than once: placed by where the statements before them end
    '# header comment\n\nimport m\n\nm.fit(x, epochs=2)\n"""\nm.fit(x, epochs=2)\n"""\n# c\nm.fit(x, epochs=2)\n'
    "for i in r:\n    m.fit(x, epochs=2)\nm.fit(x, epochs=2)",
    "x = f(1,\r\n      2)\r\n\r\nx = f(1,\r\n      2)\r\n",
]


@pytest.mark.parametrize("source", SOURCES + [corpus.generate_script(9, i, 150) for i in range(3)])
def test_positions_match_libcst_position_provider(source):
    module = cst.parse_module(source)
    full = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    nodes = _all_nodes(module)
    rng = random.Random(len(source))
    for _ in range(5):
        picked = rng.sample(nodes, min(6, len(nodes)))
        positions = locate(module, source, picked)
        for node in picked + rng.sample(nodes, min(6, len(nodes))):  # asked up front, then lazily
            assert positions.get(node) == full[node], (type(node).__name__, source)


def test_repeated_top_level_statements_are_placed_without_the_full_pass():
    source = "import m\nm.fit(x, epochs=2)\n# again\nm.fit(x, epochs=2)\nm.fit(x, epochs=2)\n"
    module = cst.parse_module(source)
    full = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    calls = [node for node in _all_nodes(module) if isinstance(node, (cst.Call, cst.Arg))]
    positions = locate(module, source, calls)
    assert [positions.get(node) for node in calls] == [full[node] for node in calls]
    assert sorted({positions.get(node).start.line for node in calls}) == [2, 4, 5]
    assert positions._full is None  # each copy placed by its own offset


@pytest.mark.parametrize("source", SOURCES + [corpus.generate_script(11, 0, 150)])
def test_every_expression_and_argument_alone_matches_libcst(source):
    module = cst.parse_module(source)
    full = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    for node in _all_nodes(module):
        if isinstance(node, (cst.BaseExpression, cst.Arg)):
            assert locate(module, source, [node]).get(node) == full[node], (type(node).__name__, source)
