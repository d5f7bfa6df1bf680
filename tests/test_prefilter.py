"""The pre-filter: files that never mention Keras/TensorFlow are not analysed, yet a syntax error is still KL000."""

from __future__ import annotations

import subprocess
import sys

import libcst

from kerlint import engine, prefilter
from kerlint.config import Settings

MODEL = """\
from tensorflow import keras
model = keras.Sequential([keras.layers.Dense(10, activation="softmax", input_shape=(4,))])
model.compile(optimizer="adam", loss="binary_crossentropy")
"""
PLAIN = "import os\n\ndef main():\n    return os.getcwd()\n"


def test_words_that_keep_a_file():
    assert prefilter.may_have_findings("import tensorflow as tf\n")
    assert prefilter.may_have_findings("from tf_keras import layers\n")
    assert prefilter.may_have_findings("x = 1  # noqa: KL101\n")
    assert not prefilter.may_have_findings(PLAIN)


def test_a_plain_file_is_not_parsed_by_libcst(monkeypatch):
    calls = []
    real = libcst.parse_module
    monkeypatch.setattr(engine.cst, "parse_module", lambda text: calls.append(text) or real(text))
    assert engine.lint_text(PLAIN) == []
    assert calls == []
    engine.lint_text(MODEL)
    assert calls == [MODEL]
    assert engine.lint_text(PLAIN, Settings(prefilter=False)) == [] and calls[-1] == PLAIN


def test_findings_are_unchanged_on_keras_code():
    codes = [v.code for v in engine.lint_text(MODEL)]
    assert "KL201" in codes
    assert codes == [v.code for v in engine.lint_text(MODEL, Settings(prefilter=False))]


def test_a_syntax_error_in_a_plain_file_is_still_reported():
    broken = "def f(:\n    pass\n"
    assert [v.code for v in engine.lint_text(broken)] == ["KL000"]


def test_unused_noqa_in_a_file_without_keras_is_still_judged():
    text = "x = 1  # noqa: KL101\n"
    codes = [v.code for v in engine.lint_text(text, Settings(report_unused_noqa=True))]
    assert codes == ["KL001"]


def test_no_prefilter_flag(tmp_path):
    (tmp_path / "plain.py").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "model.py").write_text(MODEL, encoding="utf-8")
    for extra in ([], ["--no-prefilter"]):
        out = subprocess.run([sys.executable, "-m", "kerlint", "check", "--isolated", "--no-cache",
                              "--output-format", "concise", *extra, "."], cwd=tmp_path,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 1, out.stderr
        assert "model.py" in out.stdout and "plain.py" not in out.stdout
