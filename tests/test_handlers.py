"""The API handler registry (kerlint/ir/handlers/registry.py): canonical paths, patterns, the order handlers are
asked in, and method handlers by class."""

from __future__ import annotations

import pytest

from kerlint.ir.handlers import registered  # noqa: F401 - registers every handler
from kerlint.ir.handlers import keras_data, keras_layers, keras_models, keras_training, numpy as np_handlers
from kerlint.ir.handlers import python as py_handlers
from kerlint.ir.handlers import sklearn as sk_handlers
from kerlint.ir.handlers import tensorflow as tf_handlers
from kerlint.ir import arrays
from kerlint.ir.handlers.registry import HANDLERS, METHODS, _pattern, handlers_for, handles, site_of
from kerlint.ir.model import Data, ModelIR
from kerlint.ir.values import DataGenerator, Scaler


@pytest.mark.parametrize("spelled, canonical", [
    ("tensorflow.keras.utils.to_categorical", "keras.utils.to_categorical"),
    ("keras.utils.to_categorical", "keras.utils.to_categorical"),
    ("tensorflow.keras.layers.Dense", "keras.layers.Dense"),
    ("tensorflow.one_hot", "tensorflow.one_hot"),
    ("numpy.random.randint", "numpy.random.randint"),
    ("sklearn.model_selection.train_test_split", "sklearn.model_selection.train_test_split"),
])
def test_canonical_paths(spelled, canonical):
    assert site_of(spelled).path == canonical


@pytest.mark.parametrize("path, first", [
    ("tensorflow.keras.layers.Dense", keras_layers.layer),
    ("keras.layers.concatenate", keras_layers.merge_function),
    ("keras.Input", keras_layers.layer),
    ("keras.models.Sequential", keras_models.model_class),
    ("tensorflow.keras.Model", keras_models.model_class),
    ("keras.applications.ResNet50", keras_models.application),
    ("keras.optimizers.Adam", keras_training.optimizer),
    ("keras.optimizers.schedules.ExponentialDecay", keras_training.schedule),
    ("keras.losses.CategoricalCrossentropy", keras_training.loss),
    ("keras.utils.np_utils.to_categorical", keras_data.to_categorical),
    ("keras.preprocessing.image.ImageDataGenerator", keras_data.image_data_generator),
    ("keras.datasets.mnist.load_data", keras_data.load_data),
    ("tensorflow.data.Dataset.from_tensor_slices", tf_handlers.dataset_from_tensors),
    ("tensorflow.image.random_flip_left_right", tf_handlers.random_image_op),
    ("tensorflow.train.AdamOptimizer", tf_handlers.train_optimizer),
    ("numpy.random.randint", arrays.np_randint),
    ("numpy.concatenate", np_handlers.array_op),
    ("sklearn.preprocessing.StandardScaler", sk_handlers.scaler),
    ("functools.partial", py_handlers.partial),
    ("cv2.imread", py_handlers.read_image),
])
def test_a_path_resolves_to_its_handler(path, first):
    assert handlers_for(site_of(path))[0] is first


def test_exact_paths_are_asked_before_patterns():
    # numpy.array has an exact handler (arrays.np_array) and matches the "numpy.**.array" pattern: both are
    # asked, exact first, so a NotImplemented from the exact one falls through to the pattern's
    found = handlers_for(site_of("numpy.array"))
    assert found[:2] == (arrays.np_array, np_handlers.array_op)


def test_one_keras_handler_per_path():
    # patterns of one family must not overlap (the order of registration would silently decide)
    for path in ("keras.layers.Dense", "keras.Sequential", "keras.optimizers.Adam", "keras.losses.mse",
                 "keras.callbacks.EarlyStopping", "keras.utils.to_categorical", "keras.applications.VGG16",
                 "keras.activations.relu", "keras.ops.relu", "keras.models.load_model", "keras.Model"):
        assert len(handlers_for(site_of(path))) == 1, path


def test_unknown_paths_have_no_handler():
    assert handlers_for(site_of("keras.utils.plot_model")) == ()
    assert handlers_for(site_of("mylib.build")) == (py_handlers.command_line_flags,)  # every "other" path


def test_patterns():
    prefix = _pattern("keras.losses.*")
    assert prefix(site_of("keras.losses.Huber")) and not prefix(site_of("keras.metrics.Huber"))
    anywhere = _pattern("keras.**.to_categorical")
    assert anywhere(site_of("keras.to_categorical")) and anywhere(site_of("keras.utils.np_utils.to_categorical"))
    assert not anywhere(site_of("keras.utils.to_categorical_crossentropy"))
    assert not anywhere(site_of("numpy.to_categorical"))
    with pytest.raises(ValueError):
        _pattern("keras.*.x")


def test_an_exact_path_is_registered_once():
    try:
        with pytest.raises(ValueError, match="handled twice"):
            handles("keras.utils.to_categorical_x", "keras.utils.to_categorical_x")(lambda *a: None)
    finally:
        HANDLERS.pop("keras.utils.to_categorical_x", None)


def test_method_handlers_by_class():
    assert METHODS[ModelIR] is keras_training.model_method
    assert METHODS[Data].__module__ == "kerlint.ir.handlers.data_methods"
    assert METHODS[DataGenerator] is keras_data.generator_method
    assert METHODS[Scaler] is sk_handlers.scaler_method
