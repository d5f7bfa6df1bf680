"""Fixing files: the fixed point, atomic writes that never overwrite a newer file, notebooks."""

import json
import os
import stat
import textwrap

import pytest

from kerlint import engine
from kerlint.config import Settings
from kerlint.fix import session
from kerlint.fix.session import FileChangedError, fix_file, fix_paths, write_atomic, write_fixed

SAFE_AND_UNSAFE = textwrap.dedent("""\
    from tensorflow import keras

    model = keras.Sequential([
        keras.layers.Dense(64, activation="sigmoid", input_shape=(8,)),
        keras.layers.Dense(64, activation="sigmoid"),  # hidden
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=keras.optimizers.Adam(lr=1e-3), loss="binary_crossentropy")
    """)


def test_fix_file_applies_safe_fixes_only_unless_asked(tmp_path):
    path = tmp_path / "model.py"
    path.write_text(SAFE_AND_UNSAFE)
    safe = fix_file(str(path), Settings(), unsafe=False)
    assert [v.code for v in safe.applied] == ["KL504"]
    assert "KL101" in {v.code for v in safe.remaining}
    both = fix_file(str(path), Settings(), unsafe=True)
    assert sorted(v.code for v in both.applied) == ["KL101", "KL504"]
    assert path.read_text() == SAFE_AND_UNSAFE  # fixing in memory writes nothing
    assert "-model.compile(optimizer=keras.optimizers.Adam(lr=1e-3)" in both.diff()


def test_fixes_reach_a_fixed_point_and_are_idempotent(tmp_path):
    path = tmp_path / "model.py"
    path.write_text(SAFE_AND_UNSAFE)
    first = fix_file(str(path), Settings(), unsafe=True)
    assert write_fixed(first)
    second = fix_file(str(path), Settings(), unsafe=True)
    assert not second.changed and not second.applied
    assert "    keras.layers.Dense(64, activation=\"relu\", kernel_initializer=\"he_normal\"),  # hidden\n" \
        in path.read_text()


def test_a_file_changed_after_it_was_read_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "model.py"
    path.write_text(SAFE_AND_UNSAFE)
    edited_meanwhile = SAFE_AND_UNSAFE + "# the user's edit, saved while kerlint was fixing\n"
    real_lint_unit = engine.lint_unit

    def lint_then_user_saves(unit, settings):  # the editor saves between kerlint's read and its write
        result = real_lint_unit(unit, settings)
        path.write_text(edited_meanwhile)
        return result

    monkeypatch.setattr(engine, "lint_unit", lint_then_user_saves)
    run = fix_paths([str(path)], lambda p: Settings(), unsafe=False, write=True)
    assert path.read_text() == edited_meanwhile
    assert any("changed on disk since kerlint read it" in message for message in run.refused)
    assert not run.applied  # nothing is reported as fixed
    assert "KL504" in {v.code for v in run.violations}


def test_write_atomic_refuses_stale_content_and_keeps_permissions(tmp_path):
    path = tmp_path / "model.py"
    path.write_bytes(b"old\n")
    os.chmod(path, 0o640)
    with pytest.raises(FileChangedError):
        write_atomic(str(path), b"new\n", expected=b"something else\n")
    assert path.read_bytes() == b"old\n"
    write_atomic(str(path), b"new\n", expected=b"old\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["model.py"]  # no temporary file left behind


def test_write_atomic_rewrites_a_symlinks_target(tmp_path):
    target = tmp_path / "real.py"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    write_atomic(str(link), b"new\n", expected=b"old\n")
    assert link.is_symlink() and target.read_bytes() == b"new\n"


def test_a_pass_that_would_not_parse_is_not_kept(tmp_path, monkeypatch):
    path = tmp_path / "model.py"
    path.write_text(SAFE_AND_UNSAFE)
    monkeypatch.setattr(session, "apply_edits", lambda text, edits: text + "def broken(:\n")
    fixed = fix_file(str(path), Settings(), unsafe=True)
    assert not fixed.changed and not fixed.applied
    assert "would not parse" in fixed.problem


def test_encoding_bom_and_crlf_line_endings_survive(tmp_path):
    path = tmp_path / "model.py"
    path.write_bytes(b"\xef\xbb\xbf" + SAFE_AND_UNSAFE.replace("\n", "\r\n").encode())
    fixed = fix_file(str(path), Settings(), unsafe=False)
    assert fixed.fixed.startswith(b"\xef\xbb\xbf")
    assert b"Adam(learning_rate=1e-3)" in fixed.fixed
    assert fixed.fixed.count(b"\r\n") == SAFE_AND_UNSAFE.count("\n") and b"\n" not in fixed.fixed.replace(b"\r\n", b"")


def _notebook(*cells) -> dict:
    out = []
    for source in cells:
        if source.startswith("markdown:"):
            out.append({"cell_type": "markdown", "metadata": {}, "source": [source[9:]]})
        else:
            out.append({"cell_type": "code", "execution_count": 3, "metadata": {"tags": ["x"]},
                        "outputs": [{"output_type": "stream", "name": "stdout", "text": ["Epoch 1/5\n"]}],
                        "source": textwrap.dedent(source).splitlines(keepends=True)})
    return {"cells": out, "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


def test_notebooks_are_fixed_cell_by_cell_with_outputs_untouched(tmp_path):
    nb = _notebook("!pip install tensorflow\nfrom tensorflow import keras\n",
                   "markdown:# The model",
                   """\
                   model = keras.Sequential([keras.layers.Dense(1, input_shape=(4,))])
                   %time x = 1
                   model.compile(optimizer=keras.optimizers.SGD(lr=0.01), loss="mse")  # tuned
                   """)
    path = tmp_path / "train.ipynb"
    path.write_text(json.dumps(nb, indent=1) + "\n")
    fixed = fix_file(str(path), Settings(), unsafe=False)
    assert [v.code for v in fixed.applied] == ["KL504"]
    assert "train.ipynb:cell 3" in fixed.diff()
    write_fixed(fixed)
    after = json.loads(path.read_text())  # still valid JSON
    expected = json.loads(json.dumps(nb))
    expected["cells"][2]["source"][2] = \
        'model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="mse")  # tuned\n'
    assert after == expected  # outputs, metadata, magics and other cells exactly as they were
    assert path.read_text().startswith('{\n "cells": [\n')  # the file's own indentation


def test_overlapping_fixes_land_in_later_passes(tmp_path):
    # KL401 rewrites the layer list, KL101 the layers inside it: one pass cannot apply both.
    path = tmp_path / "model.py"
    path.write_text(textwrap.dedent("""\
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        model = keras.Sequential([
            keras.layers.Flatten(input_shape=(28, 28)),
            keras.layers.Dense(128, activation="sigmoid"),
            keras.layers.Dense(64, activation="sigmoid"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
        """))
    settings = Settings(select=("KL101", "KL401"))
    fixed = fix_file(str(path), settings, unsafe=True)
    assert sorted(v.code for v in fixed.applied) == ["KL101", "KL401"]
    assert fixed.remaining == []
    text = fixed.fixed.decode()
    assert "    keras.layers.Rescaling(1.0 / 255, input_shape=(28, 28)),\n    keras.layers.Flatten(),\n" in text


def test_cli_fixes_a_notebook_and_diffs_it_by_cell(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from kerlint.cli import main

    nb = _notebook("from tensorflow import keras\n",
                   'opt = keras.optimizers.Adam(lr=0.001)\n')
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb, indent=2))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(mix_stderr=False)
    diff = runner.invoke(main, ["check", "--isolated", "--diff", "nb.ipynb"])
    assert diff.exit_code == 1
    assert diff.output.startswith("--- nb.ipynb:cell 2\n+++ nb.ipynb:cell 2\n")
    runner.invoke(main, ["check", "--isolated", "--fix", "nb.ipynb"])
    after = json.loads(path.read_text())
    assert after["cells"][1]["source"] == ["opt = keras.optimizers.Adam(learning_rate=0.001)\n"]
    assert after["cells"][1]["outputs"] == nb["cells"][1]["outputs"]
    assert path.read_text().startswith('{\n  "cells"')  # two-space indentation kept
