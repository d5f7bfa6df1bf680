"""The context the rules read so that their warnings hold on real, well-written code (issue 12,
bench/precision-review.md): sweeps, small linear models, fine-tuning, held-out evaluation, retraining,
weight resets, decoder projections, bottlenecks, threshold metrics, and the severities that follow."""

import textwrap

import pytest

from kerlint.engine import lint_text


def found(source: str, codes: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for v in lint_text(textwrap.dedent(source), path="t.py"):
        if v.code in codes:
            out.setdefault(v.code, []).append(v.severity.label)
    return out


# --- KL301: fine-tuning and linear autoencoders -----------------------------------------------------------

FINETUNE = """
import tensorflow as tf
base = tf.keras.applications.MobileNetV2(weights="imagenet", include_top=False, input_shape=(160, 160, 3))
base.trainable = False
model = tf.keras.Sequential([base, tf.keras.layers.GlobalAveragePooling2D(), tf.keras.layers.Dense(5, activation="softmax")])
model.compile(optimizer=tf.keras.optimizers.Adam({first}), loss="sparse_categorical_crossentropy")
model.fit(train_ds, validation_data=val_ds, epochs=5)
base.trainable = True
model.compile(optimizer=tf.keras.optimizers.Adam({second}), loss="sparse_categorical_crossentropy")
model.fit(train_ds, validation_data=val_ds, epochs=10)
"""


@pytest.mark.parametrize("first,second,fires", [
    ("1e-2", "1e-5", False),  # head at 1e-2 (frozen base, keras-io's EfficientNet example), then fine-tuning at 1e-5
    ("1e-3", "1e-2", True),   # fine-tuning at a from-scratch rate wrecks the pretrained features
    ("1e-3", "2e-3", True),   # the fine-tuning ceiling is ten times lower: 1e-3
    ("1e-3", "1e-3", False),
])
def test_kl301_fine_tuning_ceiling_is_lower(first, second, fires):
    assert ("KL301" in found(FINETUNE.format(first=first, second=second), {"KL301"})) is fires


def test_kl301_linear_autoencoder_input_width_comes_from_fit_x_x():
    """Hands-On ML ch. 17: encoder Dense(2), decoder Dense(3), no input shape, trained with fit(X, X): the
    input is as wide as the output, so the model has 17 weights and SGD(0.5) is fine."""
    src = """
    import numpy as np
    import tensorflow as tf
    X_train = np.random.rand(60, 3)
    encoder = tf.keras.Sequential([tf.keras.layers.Dense(2)])
    decoder = tf.keras.Sequential([tf.keras.layers.Dense(3)])
    autoencoder = tf.keras.Sequential([encoder, decoder])
    autoencoder.compile(loss="mse", optimizer=tf.keras.optimizers.SGD(learning_rate=0.5))
    history = autoencoder.fit(X_train, {y}, epochs=500, verbose=False)
    """
    assert found(src.format(y="X_train"), {"KL301", "KL108"}) == {}
    # the same stack trained on other targets: its input width is unknown, so its size is too
    assert found(src.format(y="np.random.rand(60, 3)"), {"KL301"}) == {"KL301": ["warning"]}


# --- KL303: held-out evaluation and retrain after validation ------------------------------------------------

QUICKSTART = """
from tensorflow import keras
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
model = keras.Sequential([keras.layers.Flatten(input_shape=(28, 28)), keras.layers.Dense(128, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5)
"""


@pytest.mark.parametrize("after,reported", [
    ("", True),
    ("model.evaluate(x_test, y_test, verbose=2)", False),
    ("test_loss, test_acc = model.evaluate(x_test, y_test)", False),
    ("model.evaluate(x_train, y_train)", True),      # the training data is not held out
    ("model.predict(x_test)", True),                 # a prediction measures nothing
    ("model.evaluate(test_ds)", False),              # a dataset named as the test split
])
def test_kl303_explicit_held_out_evaluation(after, reported):
    assert ("KL303" in found(QUICKSTART + after + "\n", {"KL303"})) is reported


def test_kl303_is_info_when_reported():
    assert found(QUICKSTART, {"KL303"}) == {"KL303": ["info"]}


def test_kl303_retrain_after_validation_and_other_architectures():
    src = """
    import numpy as np
    from tensorflow import keras
    x, y = np.random.rand(1000, 20), np.random.randint(0, 2, 1000)
    def build_model(units):
        model = keras.Sequential([keras.layers.Dense(units, activation="relu", input_shape=(20,)),
                                  keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="rmsprop", loss="binary_crossentropy")
        return model
    model = build_model(16)
    model.fit(x[200:], y[200:], epochs=20, validation_data=(x[:200], y[:200]))
    final = build_model({units})
    final.fit(x, y, epochs=4)
    """
    assert "KL303" not in found(src.format(units=16), {"KL303"})  # the same architecture was validated
    assert "KL303" in found(src.format(units=64), {"KL303"})      # a different model was never validated


# --- KL304: severity by what is unshuffled ------------------------------------------------------------------

@pytest.mark.parametrize("training,severity", [
    ("model.fit(x, y, epochs=5, shuffle=False, validation_split=0.1)", "warning"),
    ("ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)\nmodel.fit(ds, epochs=5)", "info"),
    ("ds = tf.keras.utils.image_dataset_from_directory('data/train', shuffle=False)\nmodel.fit(ds, epochs=5)",
     "warning"),
])
def test_kl304_severity(training, severity):
    src = ("import numpy as np\nimport tensorflow as tf\nx, y = np.random.rand(100, 8), np.random.rand(100)\n"
           "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile('adam', 'mse')\n" + training + "\n")
    assert found(src, {"KL304"}) == {"KL304": [severity]}


# --- KL306: resets ------------------------------------------------------------------------------------------

RESET = """
from tensorflow import keras
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train / 255.0
model = keras.Sequential([keras.layers.Flatten(input_shape=(28, 28)), keras.layers.Dense(64, activation="relu"),
                          keras.layers.Dense(10, activation="softmax")])
initial_weights = model.get_weights()
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=5, validation_split=0.1)
{between}
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=5, validation_split=0.1)
"""


@pytest.mark.parametrize("between,fires", [
    ("", True),
    ("model.set_weights(initial_weights)", False),
    ("print(model.get_weights())", True),  # reading the weights resets nothing
])
def test_kl306_set_weights_resets_the_model(between, fires):
    assert ("KL306" in found(RESET.format(between=between), {"KL306"})) is fires


def test_kl306_a_set_weights_before_the_first_fit_is_no_reset_between_runs():
    src = RESET.format(between="").replace("initial_weights = model.get_weights()",
                                           "model.set_weights(model.get_weights())")
    assert "KL306" in found(src, {"KL306"})


# --- KL108: decoder projections and bottlenecks ------------------------------------------------------------

def test_kl108_dense_reshape_conv_transpose_decoder_is_silent():
    src = """
    from tensorflow import keras
    from tensorflow.keras import layers
    decoder = keras.Sequential([
        keras.Input(shape=(30,)),
        layers.Dense(3 * 3 * 16),
        layers.Reshape((3, 3, 16)),
        layers.Conv2DTranspose(32, 3, strides=2, activation="relu"),
        layers.Conv2DTranspose(1, 3, strides=2, padding="same"),
    ])
    """
    assert found(src, {"KL108"}) == {}


@pytest.mark.parametrize("first,fires", [
    ("layers.Dense(32, input_shape=(784,))", False),   # narrower than its input and the next layer: a code
    ("layers.Dense(512, input_shape=(784,))", True),   # wider than the next layer: no bottleneck
    ("layers.Dense(32)", True),                        # input width unknown and no fit(x, x): cannot tell
])
def test_kl108_linear_bottleneck(first, fires):
    src = f"""
    from tensorflow import keras
    from tensorflow.keras import layers
    model = keras.Sequential([{first}, layers.Dense(256, activation="relu"), layers.Dense(10, activation="softmax")])
    """
    assert ("KL108" in found(src, {"KL108"})) is fires


def test_kl108_an_encoder_output_used_on_its_own_is_silent():
    """keras-io's semantic image clustering: the encoder ends in a linear Dense (the representation), and a
    bigger model stacks a projection head on it; the representation is the encoder's own output."""
    src = """
    from tensorflow import keras
    from tensorflow.keras import layers
    encoder = keras.Sequential([keras.Input(shape=(64,)), layers.Dense(256, activation="relu"), layers.Dense(128)])
    model = keras.Sequential([encoder, layers.Dense(64), layers.ReLU(), layers.Dense(10, activation="softmax")])
    embeddings = encoder.predict(x_unlabelled)
    """
    assert found(src, {"KL108"}) == {}
    # an encoder never used on its own is just the first layers of the model
    assert found(src.replace("embeddings = encoder.predict(x_unlabelled)", ""), {"KL108"}) == {"KL108": ["warning"]}
    inline = src.replace("model = keras.Sequential([encoder,",
                         "model = keras.Sequential([keras.Input(shape=(64,)), layers.Dense(256, activation='relu'), "
                         "layers.Dense(128),")
    assert found(inline, {"KL108"}) == {"KL108": ["warning"]}


# --- KL205: threshold metrics and superseded compiles ------------------------------------------------------

def test_kl205_a_compile_replaced_before_training_is_not_reported():
    """Deep Learning with Python ch. 3 shows compile(metrics=["accuracy"]) then re-compiles with BinaryAccuracy
    before fit(): only the second configuration ever trains."""
    src = """
    import numpy as np
    from tensorflow import keras
    inputs, targets = np.random.rand(200, 2), np.random.randint(0, 2, (200, 1))
    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer="rmsprop", loss="mean_squared_error", metrics=["accuracy"])
    model.compile(optimizer=keras.optimizers.RMSprop(), loss=keras.losses.MeanSquaredError(),
                  metrics=[keras.metrics.BinaryAccuracy()])
    model.fit(inputs, targets, epochs=5, batch_size=128)
    """
    assert found(src, {"KL205"}) == {}
    assert found(src.replace("model.fit(inputs, targets, epochs=5, batch_size=128)", ""), {"KL205"}) == {}
    last_is_accuracy = src.replace("metrics=[keras.metrics.BinaryAccuracy()]", 'metrics=["accuracy"]')
    assert found(last_is_accuracy, {"KL205"}) == {"KL205": ["warning"]}


# --- KL101: sigmoid stacks warn, short tanh stacks advise ---------------------------------------------------

@pytest.mark.parametrize("activations,severity", [
    (["tanh", "tanh", "tanh"], "info"),          # a GAN's dense block (keras-io molecule generation)
    (["sigmoid", "sigmoid"], "info"),
    (["sigmoid", "sigmoid", "sigmoid"], "warning"),
    (["tanh"] * 5, "warning"),
])
def test_kl101_severity_follows_the_activation_and_the_depth(activations, severity):
    hidden = ", ".join(f'keras.layers.Dense(64, activation="{a}")' for a in activations)
    src = f"""
    from tensorflow import keras
    model = keras.Sequential([keras.Input(shape=(20,)), {hidden}, keras.layers.Dense(1)])
    """
    assert found(src, {"KL101"}) == {"KL101": [severity]}
