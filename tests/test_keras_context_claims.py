"""The Keras behaviour the context-reading rules rely on (issue 12), checked against the installed Keras:
- KL205: `"accuracy"` resolves to a threshold or argmax metric from the output and the labels (never exact
  equality), so it is meaningful on a classifier trained with mse — and meaningless on a continuous target;
- KL301/KL302: a LearningRateScheduler replaces the compiled rate, and set_weights(initial) is a reset (KL306);
- KL304: which dataset loaders shuffle by default."""

import inspect

import numpy as np
import pytest

pytestmark = pytest.mark.probe  # imports TensorFlow


@pytest.fixture(scope="module")
def keras():
    return pytest.importorskip("keras")


def _resolved_accuracy(keras, units, labels):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(units)])
    model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
    model.fit(np.random.rand(8, 4).astype("float32"), labels, epochs=1, verbose=0)
    metrics = model._compile_metrics._flat_metrics[0]
    return [type(m).__name__ for m in getattr(metrics, "metrics", [metrics])]


def test_accuracy_string_resolves_to_threshold_or_argmax_metrics(keras):
    binary = np.random.randint(0, 2, (8, 1)).astype("float32")
    onehot = keras.utils.to_categorical(np.random.randint(0, 3, 8), 3)
    sparse = np.random.randint(0, 3, (8, 1)).astype("float32")
    assert _resolved_accuracy(keras, 1, binary) == ["BinaryAccuracy"]
    assert _resolved_accuracy(keras, 3, onehot) == ["CategoricalAccuracy"]
    assert _resolved_accuracy(keras, 3, sparse) == ["SparseCategoricalAccuracy"]


def test_binary_accuracy_thresholds_and_accuracy_needs_exact_equality(keras):
    y_true, y_pred = np.array([[0.0], [1.0], [3.7]]), np.array([[0.2], [0.9], [3.69]])
    binary = keras.metrics.BinaryAccuracy()
    binary.update_state(y_true[:2], y_pred[:2])
    assert float(binary.result()) == 1.0  # 0/1 targets: thresholding at 0.5 makes mse outputs count
    exact = keras.metrics.Accuracy()
    exact.update_state(y_true, y_pred)
    assert float(exact.result()) == 0.0  # a continuous target is never matched exactly


def test_learning_rate_scheduler_replaces_the_compiled_rate(keras):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.5), loss="mse")
    model.fit(np.random.rand(16, 4), np.random.rand(16, 1), epochs=1, verbose=0,
              callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch: 1e-3)])
    assert float(model.optimizer.learning_rate) == pytest.approx(1e-3)


def test_set_weights_restores_the_initial_weights(keras):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
    initial = model.get_weights()
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.random.rand(32, 4), np.random.rand(32, 1), epochs=2, verbose=0)
    assert any(not np.allclose(a, b) for a, b in zip(initial, model.get_weights()))
    model.set_weights(initial)
    assert all(np.array_equal(a, b) for a, b in zip(initial, model.get_weights()))


def test_which_loaders_shuffle_by_default(keras):
    from kerlint.checks.kl304_unshuffled_data import SHUFFLING_LOADERS

    for name in SHUFFLING_LOADERS:
        assert inspect.signature(getattr(keras.utils, name)).parameters["shuffle"].default is True, name
    # not in the set: the time-series loader keeps the order unless told otherwise
    assert inspect.signature(keras.utils.timeseries_dataset_from_array).parameters["shuffle"].default is False


def test_clone_model_starts_from_fresh_weights(keras):
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(np.random.rand(32, 4), np.random.rand(32, 1), epochs=2, verbose=0)
    clone = keras.models.clone_model(model)
    kernels = [w for w in model.get_weights() if w.ndim == 2]
    cloned = [w for w in clone.get_weights() if w.ndim == 2]
    assert all(not np.allclose(a, b) for a, b in zip(kernels, cloned))  # re-initialised, not copied
