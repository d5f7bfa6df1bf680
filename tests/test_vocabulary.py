"""The one Keras vocabulary (kerlint/ir/vocabulary.py), checked against the installed Keras: every loss it names
exists under that name, and the families mean what the rules say they mean."""

import numpy as np
import pytest

from kerlint.ir.vocabulary import (
    ACTIVATION_RANGE,
    BINARY_CE,
    CE_FOR_ENCODING,
    CROSSENTROPY,
    LOSS_FAMILIES,
    ONE_HOT_CE,
    PROBABILITY,
    SPARSE_CE,
    loss_family,
)

keras = pytest.importorskip("keras")


@pytest.mark.parametrize("name", sorted(LOSS_FAMILIES))
def test_every_loss_name_is_a_keras_loss(name):
    assert callable(keras.losses.get(name))


def test_sparse_wants_class_ids_and_one_hot_wants_one_hot_targets():
    pred = np.array([[0.7, 0.2, 0.1]], dtype="float32")
    sparse = [float(keras.losses.get(n)(np.array([0]), pred)[0]) for n in SPARSE_CE]
    onehot = float(keras.losses.get("categorical_crossentropy")(np.array([[1.0, 0, 0]]), pred)[0])
    assert sparse == [pytest.approx(onehot)] and onehot == pytest.approx(-np.log(0.7), rel=1e-5)
    assert CE_FOR_ENCODING == {"onehot": "categorical_crossentropy", "sparse": "sparse_categorical_crossentropy"}
    assert set(CE_FOR_ENCODING.values()) <= CROSSENTROPY and "categorical_crossentropy" in ONE_HOT_CE


def test_binary_crossentropy_scores_each_unit_and_clips_probabilities():
    y, pred = np.array([[1.0, 0.0]]), np.array([[0.7, 0.2]], dtype="float32")
    for name in BINARY_CE - {"binary_focal_crossentropy"}:
        value = float(keras.losses.get(name)(y, pred)[0])
        assert value == pytest.approx((-np.log(0.7) - np.log(0.8)) / 2, rel=1e-5)  # mean over the units
    clipped = float(keras.losses.get("binary_crossentropy")(np.array([[1.0]]), np.array([[0.0]], "float32"))[0])
    assert clipped == pytest.approx(-np.log(1e-7), rel=1e-3)  # from_logits=False: clipped into [1e-7, 1 - 1e-7]


@pytest.mark.parametrize("name", sorted(ACTIVATION_RANGE))
def test_activation_ranges_hold_on_keras(name):
    x = np.linspace(-50, 50, 201, dtype="float32").reshape(1, -1)
    out = np.asarray(keras.activations.get(name)(x))
    low, high = ACTIVATION_RANGE[name]
    assert out.min() >= low - 1e-6 and (high is None or out.max() <= high + 1e-6)
    if name in PROBABILITY:
        assert (low, high) == (0.0, 1.0)


def test_loss_family_of_other_spellings():
    assert loss_family("mean_squared_error") == "regression"  # a live MeanSquaredError's config name
    assert loss_family("kl_divergence") == loss_family("kld") == "categorical"
    assert loss_family("my_focal_binary_loss") == "binary"
    assert loss_family("contrastive") == "unknown"
