"""KL106-KL111 beyond their catalogue examples: model styles, Keras 2 / tf.* spellings, the real-code
patterns that must not fire (residual blocks, attention, SE gates, shared layers, configurable dropout,
zero-initialised heads) and unknown facts staying silent."""

import textwrap

from kerlint.engine import lint_text

ARCH_CODES = {"KL106", "KL107", "KL108", "KL109", "KL110", "KL111"}


def found(source: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for v in lint_text(textwrap.dedent(source), path="t.py"):
        if v.code in ARCH_CODES:
            out.setdefault(v.code, []).append(v.severity.label)
    return out


# --- KL106 abrupt-bottleneck ----------------------------------------------------------------------------

def test_bottleneck_in_subclassed_model_and_its_exceptions():
    subclassed = """
    import tensorflow as tf
    class Net(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.a = tf.keras.layers.Dense(1024, activation="relu")
            self.b = tf.keras.layers.Dense(64, activation="relu")
            self.c = tf.keras.layers.Dense(64, activation="relu")
            self.out = tf.keras.layers.Dense(10, activation="softmax")
        def call(self, x):
            return self.out(self.c(self.b(self.a(x))))
    model = Net()
    """
    assert found(subclassed) == {"KL106": ["info"]}
    squeeze_excite = """
    import keras
    inputs = keras.Input(shape=(32, 32, 256))
    x = keras.layers.Conv2D(256, 3, padding="same", activation="relu")(inputs)
    s = keras.layers.GlobalAveragePooling2D()(x)
    s = keras.layers.Dense(256, activation="relu")(s)
    s = keras.layers.Dense(16, activation="relu")(s)
    s = keras.layers.Dense(256, activation="sigmoid")(s)
    x = keras.layers.Multiply()([x, keras.layers.Reshape((1, 1, 256))(s)])
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.GlobalAveragePooling2D()(x))
    model = keras.Model(inputs, outputs)
    """
    assert "KL106" not in found(squeeze_excite)
    transformer_ffn = """
    import keras
    inputs = keras.Input(shape=(64, 256))
    h = keras.layers.Dense(2048, activation="relu")(inputs)
    h = keras.layers.Dense(256)(h)
    x = keras.layers.LayerNormalization()(keras.layers.Add()([inputs, h]))
    outputs = keras.layers.Dense(2, activation="softmax")(keras.layers.GlobalAveragePooling1D()(x))
    model = keras.Model(inputs, outputs)
    """
    assert found(transformer_ffn) == {}


# --- KL107 suspicious-dropout -----------------------------------------------------------------------------

def test_dropout_rates():
    template = """
    from tensorflow.keras import layers, models
    model = models.Sequential([
        layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)),
        {conv_dropout},
        layers.Flatten(),
        layers.Dense(128, activation="relu"),
        {dense_dropout},
        layers.Dense(10, activation="softmax"),
    ])
    """
    assert found(template.format(conv_dropout="layers.Dropout(0.25)", dense_dropout="layers.Dropout(0.5)")) == {}
    assert found(template.format(conv_dropout="layers.SpatialDropout2D(0.6)",
                                 dense_dropout="layers.Dropout(0.6)")) == {"KL107": ["warning"]}
    assert found(template.format(conv_dropout="layers.Dropout(0.0)", dense_dropout="layers.Dropout(-0.2)")) == \
        {"KL107": ["error"]}  # rate 0 switches dropout off (configurable models); a negative rate is invalid
    assert found(template.format(conv_dropout="layers.Dropout(0.2)", dense_dropout="layers.Dropout(rate=0.85)")) \
        == {"KL107": ["warning"]}


def test_keras2_dropout_p_and_dropout_before_softmax_layer():
    keras2 = """
    from keras.models import Sequential
    from keras.layers import Dense, Dropout, Activation
    model = Sequential()
    model.add(Dense(64, input_dim=20, activation="relu"))
    model.add(Dropout(p=0.9))
    model.add(Dense(10))
    model.add(Dropout(0.3))
    model.add(Activation("softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="sgd")
    """
    # Dropout(p=0.9) is too high; Dropout on the logits before the softmax layer keeps a distribution
    assert found(keras2) == {"KL107": ["warning"]}


def test_block_ending_in_dropout_is_not_an_output():
    src = """
    import keras
    def ffn(dim):
        return keras.Sequential([keras.layers.Dense(dim * 4, activation="gelu"), keras.layers.Dense(dim),
                                 keras.layers.Dropout(0.1)])
    inputs = keras.Input(shape=(16, 32))
    x = keras.layers.Add()([inputs, ffn(32)(inputs)])
    outputs = keras.layers.Dense(3, activation="softmax")(keras.layers.GlobalAveragePooling1D()(x))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    """
    assert found(src) == {}


# --- KL108 linear-hidden-stack ------------------------------------------------------------------------------

def test_linear_stack_in_subclassed_model_and_with_activation_functions():
    subclassed = """
    import keras
    class Regressor(keras.Model):
        def __init__(self):
            super().__init__()
            self.d1 = keras.layers.Dense(64)
            self.d2 = keras.layers.Dense(64)
            self.out = keras.layers.Dense(1)
        def call(self, x):
            return self.out(self.d2(self.d1(x)))
    model = Regressor()
    """
    assert found(subclassed) == {"KL108": ["warning", "warning"]}
    activation_function = """
    import tensorflow as tf
    inputs = tf.keras.Input(shape=(10,))
    x = tf.keras.layers.Dense(64)(inputs)
    x = tf.nn.relu(x)
    x = tf.keras.layers.Dense(64)(x)
    x = tf.keras.layers.LeakyReLU()(x)
    outputs = tf.keras.layers.Dense(1)(x)
    model = tf.keras.Model(inputs, outputs)
    """
    assert found(activation_function) == {}


def test_shared_layer_keeps_both_consumers():
    # the same LayerNormalization is applied twice: the linear projection also feeds a residual Add
    src = """
    import keras
    norm = keras.layers.LayerNormalization()
    inputs = keras.Input(shape=(8, 32))
    x = keras.layers.Dense(32)(inputs)
    y = keras.layers.Dense(32, activation="relu")(norm(x))
    z = norm(keras.layers.Add()([x, y]))
    outputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.GlobalAveragePooling1D()(z))
    model = keras.Model(inputs, outputs)
    """
    assert "KL108" not in found(src)


def test_incomplete_model_stays_silent():
    src = """
    from tensorflow import keras
    def build(hidden_sizes):
        model = keras.Sequential([keras.Input(shape=(8,))])
        for units in hidden_sizes:
            model.add(keras.layers.Dense(units))
        model.add(keras.layers.Dense(1))
        return model
    model = build(read_config())
    """
    assert found(src) == {}


# --- KL109 softmax-in-hidden-layer --------------------------------------------------------------------------

def test_hidden_softmax_in_subclassed_model_and_attention_weights():
    subclassed = """
    import tensorflow as tf
    class Net(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.h = tf.keras.layers.Dense(32)
            self.out = tf.keras.layers.Dense(4, activation="softmax")
        def call(self, x):
            return self.out(tf.keras.layers.Dropout(0.2)(tf.nn.softmax(self.h(x))))
    model = Net()
    """
    assert found(subclassed) == {"KL109": ["warning"]}
    attention = """
    import keras
    inputs = keras.Input(shape=(20, 16))
    scores = keras.layers.Dense(20, activation="softmax")(keras.layers.Permute((2, 1))(inputs))
    context = keras.layers.Multiply()([inputs, keras.layers.Permute((2, 1))(scores)])
    outputs = keras.layers.Dense(1, activation="sigmoid")(keras.layers.Flatten()(context))
    model = keras.Model(inputs, outputs)
    """
    assert found(attention) == {}


# --- KL110 degenerate-initializer ---------------------------------------------------------------------------

def test_initializer_spellings():
    template = """
    import tensorflow as tf
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(128, activation="tanh", kernel_initializer={init}, input_shape=(100,)),
        tf.keras.layers.Dense(10, activation="softmax"),
    ])
    """
    assert found(template.format(init="tf.compat.v1.random_normal_initializer()")) == {"KL110": ["warning"]}
    assert found(template.format(init="tf.random_normal_initializer(stddev=2.0)")) == {"KL110": ["warning"]}
    # TF 2 default stddev is 0.05, TF 1's 1.0: without an explicit stddev we cannot tell
    assert found(template.format(init="tf.random_normal_initializer()")) == {}
    assert found(template.format(init="tf.keras.initializers.RandomNormal()")) == {}
    assert found(template.format(init="tf.zeros_initializer()")) == {"KL110": ["warning"]}
    assert found(template.format(init='"glorot_uniform"')) == {}


def test_constant_initializers_severity():
    all_constant = """
    from tensorflow.keras import layers, models, initializers
    model = models.Sequential([
        layers.Dense(16, activation="sigmoid", kernel_initializer=initializers.Constant(0.5), input_shape=(4,)),
        layers.Dense(16, activation="sigmoid", kernel_initializer=initializers.Constant(0.5)),
        layers.Dense(1, activation="sigmoid", kernel_initializer=initializers.Constant(0.5)),
    ])
    """
    # both hidden layers feed a constant-initialised layer: their units never differ; the output is exempt
    assert found(all_constant) == {"KL110": ["error", "error"]}
    keras2_zero_relu = """
    from keras.models import Sequential
    from keras.layers import Dense
    model = Sequential()
    model.add(Dense(32, input_dim=8, init="zero", activation="relu"))
    model.add(Dense(1, activation="sigmoid"))
    """
    assert found(keras2_zero_relu) == {"KL110": ["error"]}


def test_zero_initialised_score_layer_feeding_a_merge_is_by_design():
    src = """
    import keras
    inputs = keras.Input(shape=(32, 32, 64))
    a = keras.layers.Conv2D(5, 1, kernel_initializer=keras.initializers.Zeros())(inputs)
    b = keras.layers.Conv2D(5, 1)(inputs)
    x = keras.layers.Add()([a, b])
    outputs = keras.layers.Activation("softmax")(x)
    model = keras.Model(inputs, outputs)
    """
    assert found(src) == {}


# --- KL111 dense-on-unflattened-feature-map -----------------------------------------------------------------

def test_dense_on_raw_mnist_images_and_on_unknown_labels():
    mnist_mlp = """
    import tensorflow as tf
    (x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(128, activation="relu", input_shape=(28, 28)),
        tf.keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x_train / 255.0, y_train, epochs=5, validation_split=0.1)
    """
    assert found(mnist_mlp) == {"KL111": ["error"]}
    subclassed_unknown_labels = """
    import keras
    class Seg(keras.Model):
        def __init__(self):
            super().__init__()
            self.conv = keras.layers.Conv2D(16, 3, padding="same", activation="relu")
            self.head = keras.layers.Dense(4, activation="softmax")
        def call(self, x):
            return self.head(self.conv(x))
    model = Seg()
    model.build((None, 64, 64, 3))
    """
    # shapes unknown in a subclassed model (no Input): silent
    assert found(subclassed_unknown_labels) == {}
    functional_unknown_labels = """
    import keras
    inputs = keras.Input(shape=(64, 64, 3))
    x = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    outputs = keras.layers.Dense(4, activation="softmax")(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(images, masks, epochs=3)
    """
    # could be per-pixel segmentation: a warning, not an error
    assert found(functional_unknown_labels) == {"KL111": ["warning"]}


def test_lstm_sequence_output_is_not_a_feature_map():
    src = """
    from tensorflow import keras
    (x, y), _ = keras.datasets.mnist.load_data()
    model = keras.Sequential([keras.layers.LSTM(64, input_shape=(28, 28)),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x / 255.0, y, epochs=2, validation_split=0.1)
    """
    assert found(src) == {}


def test_constant_initializers_inside_time_distributed():
    src = """
    import keras
    inputs = keras.Input(shape=(10, 8))
    x = keras.layers.TimeDistributed(keras.layers.Dense(16, activation="tanh", kernel_initializer="ones"))(inputs)
    x = keras.layers.TimeDistributed(keras.layers.Dense(16, activation="tanh", kernel_initializer="ones"))(x)
    x = keras.layers.LSTM(8)(x)
    outputs = keras.layers.Dense(1, activation="sigmoid")(x)
    model = keras.Model(inputs, outputs)
    """
    # the first feeds another constant layer (symmetric forever); the second feeds a random LSTM
    assert found(src) == {"KL110": ["error", "warning"]}
