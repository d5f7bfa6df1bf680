"""Safe migration fixes, proven under the installed Keras 3: the legacy scripts in tests/fix/legacy/ fail on
Keras 3 as written; `kerlint check --fix` (safe fixes only) makes each one import, build and compile its
model and reach fit(); and the model it builds is the model its hand-written Keras 3 twin
(`<name>.modern.py`) builds — same layers, same configuration, same optimizer — so no fix changed what the
model computes. `migrate_source` (what the probe runs) gives the same text.
"""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

keras = pytest.importorskip("keras")

from kerlint.fix.migrate import migrate_source  # noqa: E402
from tests.fix.conftest import fix_source, fixed_text  # noqa: E402

LEGACY = Path(__file__).parent / "legacy"
SCRIPTS = sorted(p for p in LEGACY.glob("*.py") if not p.name.endswith(".modern.py"))
MIGRATION_CODES = {"KL501", "KL503", "KL504", "KL505", "KL506", "KL507"}


class _Reached(Exception):
    pass


def _run(text: str, path: Path):
    """Execute `text` as the script at `path` until its first fit(); return the model fit() was called on."""
    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    seen = {}
    original = keras.Model.fit

    def fit(self, *args, **kwargs):
        seen["model"] = self
        seen["kwargs"] = kwargs
        raise _Reached()

    keras.Model.fit = fit
    try:
        exec(compile(text, str(path), "exec"), {"__name__": "__main__", "__builtins__": builtins,
                                                "print": lambda *a, **k: None})
    except _Reached:
        return seen
    finally:
        keras.Model.fit = original
    raise AssertionError(f"{path.name} never called fit()")


def _layers(model) -> list[tuple[str, dict]]:
    out = []
    for layer in model.layers:
        config = layer.get_config()
        for key in ("name", "dtype", "trainable", "batch_input_shape", "input_shape", "batch_shape"):
            config.pop(key, None)
        out.append((type(layer).__name__, config))
    return out


def _optimizer(model) -> dict:
    config = model.optimizer.get_config()
    config.pop("name", None)
    return {type(model.optimizer).__name__: config}


def test_every_legacy_script_has_a_modern_twin():
    assert len(SCRIPTS) >= 4
    for script in SCRIPTS:
        assert script.with_name(script.stem + ".modern.py").is_file()


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_legacy_script_fails_on_keras3_as_written(script):
    with pytest.raises((ImportError, TypeError, ValueError, AttributeError)):
        _run(script.read_text(encoding="utf-8"), script)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_safe_fixes_build_the_same_model_as_the_keras3_version(script):
    source = script.read_text(encoding="utf-8")
    result = fix_source(source, unsafe=False, path=str(script))
    fixed = fixed_text(result)
    assert not {v.code for v in result.remaining if v.fix is not None} & MIGRATION_CODES
    assert not {v.code for v in result.remaining} & {"KL505", "KL506"}, \
        [f"{v.location.row}: {v.code} {v.message}" for v in result.remaining]
    migrated = _run(fixed, script)["model"]
    modern = _run(script.with_name(script.stem + ".modern.py").read_text(encoding="utf-8"), script)["model"]
    assert _layers(migrated) == _layers(modern)
    assert _optimizer(migrated) == _optimizer(modern)
    assert migrated.loss == modern.loss
    # what the probe runs is exactly what --fix writes, on the same lines
    migration = migrate_source(source, "3", str(script))
    assert migration.text == fixed
    assert migration.text.count("\n") == source.count("\n")
    assert {m.code for m in migration.edits} <= MIGRATION_CODES


def test_keras1_conv_fix_restores_the_stride_1_convolution():
    """Convolution2D(32, 3, 3) is a stride-3 convolution on Keras 3; the fix gives back Keras 1's 3x3, stride 1."""
    script = LEGACY / "keras1_cnn_mnist.py"
    fixed = fixed_text(fix_source(script.read_text(encoding="utf-8"), unsafe=False, path=str(script)))
    model = _run(fixed, script)["model"]
    first = model.layers[0]
    assert first.kernel_size == (3, 3) and first.strides == (1, 1)
    assert model.layers[2].strides == (2, 2)  # subsample=(2, 2) became strides=(2, 2)


def test_fit_arguments_are_kept_through_the_rename():
    script = LEGACY / "keras1_mlp_xor.py"
    fixed = fixed_text(fix_source(script.read_text(encoding="utf-8"), unsafe=False, path=str(script)))
    assert _run(fixed, script)["kwargs"] == {"epochs": 2, "batch_size": 4, "verbose": 0}


def test_migrate_source_reports_each_rewrite_on_its_original_line():
    source = ("from keras.layers.core import Dense\n"
              "from keras.models import Sequential\n"
              "model = Sequential([Dense(output_dim=3, input_dim=4, init='uniform')])\n"
              "model.compile(loss='mse', optimizer='sgd')\n"
              "model.fit(x, y, nb_epoch=3)\n")
    result = migrate_source(source)
    assert [(m.code, m.line) for m in result.edits] == [("KL505", 1), ("KL506", 3), ("KL506", 3), ("KL506", 5)]
    assert result.text.splitlines()[2] == "model = Sequential([Dense(units=3, input_dim=4, kernel_initializer='uniform')])"
    assert all(result.original_line(n) == n for n in range(1, 6))


def test_migrate_source_leaves_unparsable_or_modern_code_alone():
    assert migrate_source("def broken(:\n").text == "def broken(:\n"
    modern = "from keras.layers import Dense\nlayer = Dense(units=3)\n"
    result = migrate_source(modern)
    assert result.text == modern and not result.changed and result.edits == []


def test_migrate_source_follows_the_target():
    """For a Keras 2.x target the module moves are not removals: nothing to rewrite there."""
    source = "from keras.layers.core import Dense\nlayer = Dense(3, init='uniform')\n"
    assert "keras.layers import" in migrate_source(source, "3").text
    kept = migrate_source(source, "2.15").text
    assert "keras.layers.core" in kept and "kernel_initializer" in kept


def _keras2_predict_classes(model, x):
    """Keras 2.5's Sequential.predict_classes, from its source."""
    proba = model.predict(x, verbose=0)
    return proba.argmax(axis=-1) if proba.shape[-1] > 1 else (proba > 0.5).astype("int32")


def test_predict_classes_fix_computes_what_keras2_did():
    import numpy as np

    source = ("import numpy as np\n"
              "from keras.models import Sequential\n"
              "from keras.layers import Dense\n"
              "model = Sequential([Dense(8, activation='relu', input_shape=(4,)), Dense(3, activation='softmax')])\n"
              "binary = Sequential([Dense(8, activation='relu', input_shape=(4,)), Dense(1, activation='sigmoid')])\n"
              "x = np.random.RandomState(0).normal(size=(16, 4)).astype('float32')\n"
              "labels = model.predict_classes(x)\n"
              "flags = binary.predict_classes(x)\n")
    fixed = fixed_text(fix_source(source, unsafe=False))
    assert "predict_classes" not in fixed
    keras.utils.set_random_seed(0)
    namespace: dict = {}
    exec(compile(fixed, "fixed.py", "exec"), namespace)
    np.testing.assert_array_equal(namespace["labels"], _keras2_predict_classes(namespace["model"], namespace["x"]))
    np.testing.assert_array_equal(namespace["flags"], _keras2_predict_classes(namespace["binary"], namespace["x"]))
    assert namespace["flags"].dtype == np.int32 and namespace["flags"].shape == (16, 1)


def test_predict_classes_of_an_unknown_output_gets_no_fix():
    source = "from keras.models import load_model\nmodel = load_model('m.h5')\nlabels = model.predict_classes(x)\n"
    result = fix_source(source, unsafe=True)
    assert not result.changed and "KL507" in {v.code for v in result.remaining}
