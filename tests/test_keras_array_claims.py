"""The claims KL404 and KL206 make about Keras, checked against the installed Keras: for each (model input or
output shape, data or label shape, loss), the rule's predicate says "Keras rejects this" exactly when a real
one-epoch fit() raises."""

from __future__ import annotations

import os

import numpy as np
import pytest

from kerlint.checks.kl206_label_shape_mismatch import label_rank_conflict
from kerlint.checks.kl404_input_shape_mismatch import input_shape_conflict

pytestmark = pytest.mark.slow

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
keras = pytest.importorskip("keras")

N = 8

# model style, first layer, model input shape, per-sample data shape
INPUT_CASES = [
    ("functional", "Dense", (33,), (60,)),        # a different number of features
    ("sequential", "Dense", (33,), (60,)),
    ("sequential", "Dropout", (33,), (60,)),      # the Dense after the Dropout rejects it
    ("functional", "Dense", (33,), (33,)),
    ("sequential", "Dense", (1,), (11,)),
    ("sequential", "Dense", (784,), (28, 28)),    # images not flattened
    ("sequential", "Flatten", (28, 28, 1), (28, 28)),  # Keras adds the trailing channel axis
    ("functional", "Flatten", (28, 28), (28, 28, 1)),  # ... or drops it
    ("functional", "Dense", (1,), ()),            # a vector of scalars into a (1,) input
    ("sequential", "Conv1D", (6, 1), (6,)),
    ("functional", "Flatten", (10, 4), (4, 10)),  # a functional model checks every dimension
    ("sequential", "Flatten", (10, 4), (4, 10)),  # a Sequential one only what its layers need: 40 values either way
    ("sequential", "Flatten", (10, 4), (10, 5)),
    ("sequential", "Conv1D", (10, 4), (20, 4)),   # a convolution slides over any length
    ("sequential", "Conv1D", (10, 4), (10, 3)),   # ... but its kernel is sized by the channels
    ("sequential", "LSTM", (10, 4), (20, 4)),
    ("functional", "LSTM", (10, 4), (20, 4)),
    ("sequential", "Flatten", (10, 4), (40,)),    # a rank change is an error in both styles
]


def _layer(kind):
    return {"Dense": lambda: keras.layers.Dense(3), "Dropout": lambda: keras.layers.Dropout(0.2),
            "Flatten": lambda: keras.layers.Flatten(), "Conv1D": lambda: keras.layers.Conv1D(2, 1),
            "LSTM": lambda: keras.layers.LSTM(2, return_sequences=True)}[kind]()


@pytest.mark.parametrize("style,first,expected,features", INPUT_CASES,
                         ids=[f"{s}-{k}-{e}<-{f}" for s, k, e, f in INPUT_CASES])
def test_input_shape_conflict_is_what_keras_rejects(style, first, expected, features):
    # after a sequence layer, pooling over time (so that only the first layer can object to a length)
    pool = keras.layers.GlobalAveragePooling1D() if first in ("Conv1D", "LSTM") else keras.layers.Flatten()
    layers = [_layer(first), pool, keras.layers.Dense(1)]
    if style == "sequential":
        model = keras.Sequential([keras.Input(expected)] + layers)
    else:
        inputs = keras.Input(expected)
        out = inputs
        for layer in layers:
            out = layer(out)
        model = keras.Model(inputs, out)
    model.compile(loss="mse", optimizer="adam")
    x = np.random.random((N,) + features).astype("float32")
    y = np.random.random((N, 1)).astype("float32")
    try:
        model.fit(x, y, epochs=1, verbose=0)
        rejected = False
    except ValueError:
        rejected = True
    kind = "Dense" if first == "Dropout" else first  # kerlint looks past dropout to the first layer with weights
    assert input_shape_conflict(expected, features, style == "functional", kind) == rejected


# loss, per-sample label shape, per-sample output shape
LABEL_CASES = [
    ("categorical_crossentropy", (5, 8), (8,)),  # a one-hot label per timestep on a per-sample head
    ("categorical_crossentropy", (8,), (8,)),
    ("categorical_crossentropy", (1, 3), (3,)),  # one-hot rows of shape (1, 3)
    ("binary_crossentropy", (), (2,)),  # integer labels on a 2-unit sigmoid head
    ("binary_crossentropy", (), (1,)),
    ("binary_crossentropy", (1,), (1,)),
    ("binary_crossentropy", (4,), (4,)),
    ("sparse_categorical_crossentropy", (), (8,)),
    ("sparse_categorical_crossentropy", (1,), (8,)),
    ("sparse_categorical_crossentropy", (5,), (8,)),  # an id per timestep on a per-sample head
]


@pytest.mark.parametrize("loss,labels,output", LABEL_CASES, ids=[f"{a}-{b}-{c}" for a, b, c in LABEL_CASES])
def test_label_rank_conflict_is_what_keras_rejects(loss, labels, output):
    units = output[-1]
    activation = "sigmoid" if loss.startswith("binary") else "softmax"
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(units, activation=activation)])
    model.compile(loss=loss, optimizer="adam")
    x = np.random.random((N, 4)).astype("float32")
    if loss.startswith("sparse"):
        y = np.random.randint(0, units, (N,) + labels)
    elif loss.startswith("binary"):
        y = np.random.randint(0, 2, (N,) + labels).astype("float32")
    else:
        y = np.eye(labels[-1])[np.random.randint(0, labels[-1], (N,) + labels[:-1])]
    try:
        model.fit(x, y, epochs=1, verbose=0)
        rejected = False
    except ValueError:
        rejected = True
    assert label_rank_conflict(loss, labels, output) == rejected


@pytest.mark.parametrize("shape", [(7,), (7, 1), (7, 3)])
def test_one_hot_shapes_are_keras_and_numpys(shape):
    from kerlint.ir.arrays import one_hot_shape

    y = np.random.randint(0, 4, shape)
    assert one_hot_shape(shape, 4, squeeze_trailing_one=True) == keras.utils.to_categorical(y, 4).shape
    assert one_hot_shape(shape, 4) == np.eye(4)[y].shape
