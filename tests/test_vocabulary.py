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
    output_fits_loss,
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


def test_the_outputs_each_cross_entropy_wants_score_an_untrained_model_at_ln_c():
    """output_fits_loss's pairs, on Keras: with zero logits (an untrained output), a softmax over C units
    under a categorical cross-entropy, sigmoid units under a binary one, and raw logits with
    from_logits=True all give ln C (ln 2 per unit for binary); a softmax over one unit gives 0 whatever the
    label, so it cannot learn."""
    logits = np.zeros((4, 3), dtype="float32")
    onehot = np.eye(3, dtype="float32")[[0, 1, 2, 0]]
    softmax = keras.ops.softmax(logits)
    cce = keras.losses.CategoricalCrossentropy()
    assert float(cce(onehot, softmax)) == pytest.approx(np.log(3), rel=1e-5)
    assert float(keras.losses.CategoricalCrossentropy(from_logits=True)(onehot, logits)) == pytest.approx(np.log(3), rel=1e-5)
    bce = keras.losses.BinaryCrossentropy()
    assert float(bce(onehot, keras.ops.sigmoid(logits))) == pytest.approx(np.log(2), rel=1e-5)
    single = keras.ops.softmax(np.zeros((4, 1), dtype="float32"))
    assert float(cce(np.ones((4, 1), dtype="float32"), single)) == pytest.approx(0.0, abs=1e-6)
    assert output_fits_loss("categorical", "softmax", False, 3) and output_fits_loss("sparse", "linear", True, 3)
    assert output_fits_loss("binary", "sigmoid", False, 2) and not output_fits_loss("categorical", "softmax", False, 1)
    assert output_fits_loss("categorical", "sigmoid", False, 3) is False and not output_fits_loss("binary", "linear", False, 1)
    assert output_fits_loss("regression", "linear", False, 1) is None and output_fits_loss("sparse", None, False, 3) is None
