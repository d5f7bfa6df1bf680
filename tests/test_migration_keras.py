"""Every claim KL501-KL508 make about Keras 3 / TF 2, checked against the installed Keras (3.15) and TF (2.21).

The tables behind the rules (kerlint/ir/keras_api.py) are walked entry by entry: a module said to be gone must
fail to import and its replacement must hold the same names; a keyword said to be rejected must be rejected and
its replacement accepted; and so on. Claims about Keras 2 (which is not installed) are not tested here.
"""

from __future__ import annotations

import importlib
import warnings

import pytest

keras = pytest.importorskip("keras")
tf = pytest.importorskip("tensorflow")

from kerlint.ir import keras_api as api  # noqa: E402

pytestmark = pytest.mark.skipif(not keras.__version__.startswith("3."), reason="claims about Keras 3")


def _importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


@pytest.mark.parametrize("old,new", sorted(api.MOVED_MODULES.items()))
def test_moved_modules_are_gone_and_their_replacement_imports(old, new):
    assert not _importable(f"keras.{old}"), f"keras.{old} still imports"
    assert not _importable(f"tensorflow.keras.{old}")
    assert _importable(f"keras.{new}")


@pytest.mark.parametrize("name", ["Dense", "Activation", "Dropout", "Flatten", "Reshape"])
def test_layers_core_names_are_in_keras_layers(name):
    assert hasattr(keras.layers, name)


@pytest.mark.parametrize("name", ["to_categorical", "plot_model", "Sequence", "get_file", "normalize"])
def test_np_utils_and_friends_names_are_in_keras_utils(name):
    assert hasattr(keras.utils, name)


@pytest.mark.parametrize("module,names", sorted(api.TF_KERAS_ONLY_NAMES.items()))
def test_tf_keras_only_names_fail_under_keras_and_import_under_tf_keras(module, names):
    names = sorted(names) if names else ["Tokenizer", "one_hot", "text_to_word_sequence"]
    standalone = importlib.import_module(f"keras.{module}") if _importable(f"keras.{module}") else None
    legacy = importlib.import_module(f"tensorflow.keras.{module}")
    for name in names:
        assert standalone is None or not hasattr(standalone, name), f"keras.{module}.{name} exists"
        assert hasattr(legacy, name), f"tensorflow.keras.{module}.{name} is missing"


def test_keras3_has_its_own_wrappers_module():
    """`keras.wrappers` exists again in Keras 3 (SKLearnClassifier): only `keras.wrappers.scikit_learn` is gone."""
    assert hasattr(importlib.import_module("keras.wrappers"), "SKLearnClassifier")
    assert "wrappers" not in api.REMOVED_MODULES


def test_keras_preprocessing_image_keeps_the_loading_helpers():
    """KL505 must not report `from keras.preprocessing.image import load_img`: it imports on Keras 3."""
    from keras.preprocessing.image import array_to_img, img_to_array, load_img  # noqa: F401


def test_tf_keras_image_data_generator_still_builds():
    gen = tf.keras.preprocessing.image.ImageDataGenerator(rescale=1 / 255.0, horizontal_flip=True)
    batch = next(gen.flow(tf.zeros((2, 8, 8, 3)).numpy(), batch_size=2, shuffle=False))
    assert batch.shape == (2, 8, 8, 3)


@pytest.mark.parametrize("module", sorted(api.REMOVED_MODULES))
def test_removed_modules_do_not_import(module):
    assert not _importable(f"keras.{module}")


@pytest.mark.parametrize("name,replacement", sorted(api.REMOVED_LAYERS.items()))
def test_removed_layers_are_gone(name, replacement):
    assert not hasattr(keras.layers, name)
    if replacement:
        assert hasattr(keras.layers, replacement)


def _layer_for(keyword: str):
    """A layer class the Keras 1 keyword applies to, with the arguments it needs besides the keyword."""
    _, only, _ = api.KERAS1_LAYER_KEYWORDS[keyword]
    kind = sorted(only)[0] if only else ("LSTM" if keyword in ("inner_init", "U_regularizer", "dropout_W",
                                                               "dropout_U") else
                                         "Conv2D" if keyword in ("nb_filter", "border_mode", "subsample",
                                                                 "dim_ordering") else "Dense")
    required = {"Dense": {"units": 2}, "LSTM": {"units": 2}, "Conv2D": {"filters": 2, "kernel_size": 3},
                "Conv1D": {"filters": 2, "kernel_size": 3}, "MaxPooling1D": {"pool_size": 2},
                "AveragePooling1D": {"pool_size": 2},
                "Dropout": {"rate": 0.5}}
    return kind, dict(required.get(kind, {}))


_VALUES = {"init": "uniform", "inner_init": "orthogonal", "output_dim": 2, "nb_filter": 2, "filter_length": 3,
           "border_mode": "same", "subsample": (1, 1), "subsample_length": 1, "pool_length": 2, "stride": 2,
           "W_regularizer": None, "b_regularizer": None, "U_regularizer": None, "W_constraint": None,
           "b_constraint": None, "dropout_W": 0.1, "dropout_U": 0.1, "bias": True, "p": 0.5,
           "dim_ordering": "tf"}


@pytest.mark.parametrize("keyword", sorted(api.KERAS1_LAYER_KEYWORDS))
def test_keras1_layer_keywords_are_rejected_and_the_new_keyword_is_accepted(keyword):
    kind, kwargs = _layer_for(keyword)
    cls = getattr(keras.layers, kind)
    new = api.keras1_layer_keyword(kind, keyword)
    value = _VALUES[keyword]
    old_kwargs = {k: v for k, v in kwargs.items() if k != new}
    if keyword == "pool_length":
        old_kwargs = {}
    with pytest.raises((TypeError, ValueError)):
        cls(**old_kwargs, **{keyword: value})
    if new == "data_format":
        value = api.DIM_ORDERING_VALUES[value]
    if new == "strides" and kind == "Conv1D":
        value = 1
    cls(**{**kwargs, new: value})


@pytest.mark.parametrize("keyword,new", sorted(api.KERAS1_EMBEDDING_KEYWORDS.items()))
def test_embedding_keras1_keywords(keyword, new):
    with pytest.raises((TypeError, ValueError)):
        keras.layers.Embedding(10, 4, **{keyword: "uniform" if keyword == "init" else None})
    keras.layers.Embedding(10, 4, **{new: "uniform" if keyword == "init" else None})
    keras.layers.Embedding(10, output_dim=4)  # still valid: not reported


def test_conv2d_reads_a_third_positional_number_as_strides():
    """KL506's positional-kernel claim: Keras 1's Convolution2D(32, 3, 3) is a stride-3 convolution today."""
    layer = keras.layers.Convolution2D(32, 3, 3)
    assert layer.kernel_size == (3, 3) and layer.strides == (3, 3)
    fixed = keras.layers.Convolution2D(32, (3, 3))
    assert fixed.kernel_size == (3, 3) and fixed.strides == (1, 1)


def test_keras1_initializer_strings_mean_what_keras1_meant():
    """init="uniform"/"normal" keep their values in the fix: Keras 3 reads them as U(-0.05, 0.05) and N(0, 0.05),
    which is what Keras 1's uniform/normal were."""
    uniform = keras.initializers.get("uniform")
    normal = keras.initializers.get("normal")
    assert (uniform.minval, uniform.maxval) == (-0.05, 0.05)
    assert normal.stddev == 0.05


def _tiny_model():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="sgd")
    return model


def test_fit_rejects_nb_epoch():
    with pytest.raises(TypeError, match="nb_epoch"):
        _tiny_model().fit(tf.zeros((4, 2)), tf.zeros((4, 1)), nb_epoch=1, verbose=0)


def test_functional_model_rejects_input_and_output_keywords():
    x = keras.Input((3,))
    y = keras.layers.Dense(2)(x)
    with pytest.raises((TypeError, ValueError)):
        keras.Model(input=x, output=y)
    keras.Model(inputs=x, outputs=y)


@pytest.mark.parametrize("cls", ["SGD", "Adam", "RMSprop"])
def test_lr_is_rejected(cls):
    with pytest.raises(ValueError, match="lr"):
        getattr(keras.optimizers, cls)(lr=0.1)
    with pytest.raises(ValueError, match="lr"):
        getattr(tf.keras.optimizers, cls)(lr=0.1)


def test_decay_is_accepted_with_a_warning_and_ignored():
    """KL504 on Keras 3: decay= is a warning, not an error, because the optimizer accepts it and ignores it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        decayed = keras.optimizers.SGD(learning_rate=0.1, decay=0.5)
    assert any("decay" in str(w.message) for w in caught)
    plain = keras.optimizers.SGD(learning_rate=0.1)
    results = []
    for optimizer in (decayed, plain):
        var = keras.Variable([1.0, 2.0])
        for _ in range(5):
            optimizer.apply_gradients([(tf.constant([1.0, 1.0]), var)])
        results.append(var.numpy().tolist())
    assert results[0] == pytest.approx(results[1])  # the same updates: no decay happened
    assert results[1] == pytest.approx([0.5, 1.5])


def test_inverse_time_decay_is_keras2s_decay():
    """The schedule KL504 suggests for decay=: lr / (1 + decay * step), Keras 2's formula."""
    schedule = keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=1, decay_rate=0.5)
    assert float(schedule(4)) == pytest.approx(0.1 / (1 + 0.5 * 4))


@pytest.mark.parametrize("method", sorted(api.REMOVED_MODEL_METHODS))
def test_removed_model_methods_are_gone(method):
    assert not hasattr(_tiny_model(), method)


def test_layer_shapes_are_gone_but_model_shapes_and_layer_tensors_remain():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3), keras.layers.Dense(1)])
    for attr in api.REMOVED_LAYER_ATTRIBUTES:
        assert not hasattr(model.layers[0], attr)
        assert hasattr(model, attr)
    assert tuple(model.layers[0].input.shape) == (None, 2)
    assert tuple(model.layers[1].output.shape) == (None, 1)


def test_predict_proba_was_predict():
    """KL507's predict_proba -> predict fix: Keras 2's Sequential.predict_proba returned predict(x) (checked
    against Keras 2.4's source: `preds = self.predict(x, ...)` then a warning if outside [0, 1])."""
    model = _tiny_model()
    assert model.predict(tf.ones((1, 2)), verbose=0).shape == (1, 1)


@pytest.mark.parametrize("name", sorted(api.TF1_REMOVED - {"keras.backend.get_session", "keras.backend.set_session"}))
def test_tf1_names_are_gone_from_tf2(name):
    owner = tf
    parts = name.split(".")
    for part in parts[:-1]:
        owner = getattr(owner, part, None)
        if owner is None:
            return  # the whole namespace is gone (tf.contrib)
    assert not hasattr(owner, parts[-1]), f"tf.{name} still exists"


@pytest.mark.parametrize("name", sorted(api.KERAS_BACKEND_TF1))
def test_keras_backend_tf1_names_are_gone(name):
    assert not hasattr(keras.backend, name)
    assert not hasattr(tf.keras.backend, name)
