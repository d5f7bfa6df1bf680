"""The extractor's facts, one behaviour per test: what rules may rely on."""

import libcst as cst
import pytest

from kerlint.ir import UNKNOWN, extract


def ir(source):
    return extract(cst.parse_module(source), source)


def only_model(source):
    models = ir(source).models
    assert len(models) == 1, models
    return models[0]


def test_constants_flow_into_layer_arguments():
    model = only_model("""
from tensorflow import keras
NUM_CLASSES = 7
HIDDEN = 32 * 4
model = keras.Sequential([keras.layers.Dense(HIDDEN, activation="relu", input_shape=(10,)),
                          keras.layers.Dense(NUM_CLASSES, activation="softmax")])
""")
    assert [layer.width for layer in model.layers] == [128, 7]
    assert model.input_shape == (10,)
    assert model.graph.output_layer.activation == "softmax"


def test_loops_over_range_and_literal_lists_unroll():
    model = only_model("""
import keras
model = keras.Sequential()
model.add(keras.Input(shape=(32, 32, 3)))
for i in range(3):
    model.add(keras.layers.Conv2D(16 * 2 ** i, 3, padding="same", activation="relu"))
for rate in [0.1, 0.2]:
    model.add(keras.layers.Dropout(rate))
""")
    assert [layer.kind for layer in model.layers] == ["Conv2D"] * 3 + ["Dropout"] * 2
    assert [layer.width for layer in model.layers[:3]] == [16, 32, 64]
    assert model.layers[2].output_shape == (32, 32, 64)
    assert model.complete


def test_loop_over_unknown_iterable_marks_model_incomplete():
    model = only_model("""
import keras, sys
model = keras.Sequential()
for f in sys.argv:
    model.add(keras.layers.Dense(8))
""")
    assert not model.complete


def test_constant_flag_selects_the_branch():
    model = only_model("""
import keras
USE_BN = False
model = keras.Sequential([keras.Input(shape=(8,))])
model.add(keras.layers.Dense(8))
if USE_BN:
    model.add(keras.layers.BatchNormalization())
else:
    model.add(keras.layers.Dropout(0.2))
""")
    assert [layer.kind for layer in model.layers] == ["Dense", "Dropout"]
    assert model.complete


def test_activation_layer_folds_into_effective_activation():
    model = only_model("""
from tensorflow.keras import layers, models
model = models.Sequential([layers.Dense(8, input_shape=(4,)), layers.BatchNormalization(),
                           layers.Activation("tanh"), layers.Dense(2), layers.Activation("softmax")])
""")
    dense1, dense2 = model.weight_layers
    assert dense1.activation == "linear" and dense1.effective_activation == "tanh"
    assert model.graph.output_layer is dense2 and dense2.effective_activation == "softmax"


def test_functional_residual_graph():
    model = only_model("""
from tensorflow import keras
from tensorflow.keras import layers
inputs = keras.Input(shape=(16, 16, 8))
x = layers.Conv2D(8, 3, padding="same")(inputs)
x = layers.BatchNormalization()(x)
x = layers.add([x, inputs])
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
""")
    kinds = [layer.kind for layer in model.layers]
    assert kinds == ["Conv2D", "BatchNormalization", "Add", "GlobalAveragePooling2D", "Dense"]
    add = model.layers[2]
    assert add.output_shape == (16, 16, 8)
    assert model.outputs[0].kind == "Dense" and model.complete


def test_model_built_in_function_and_compiled_and_fit_elsewhere():
    model = only_model("""
import tensorflow as tf
def build(units):
    m = tf.keras.Sequential([tf.keras.layers.Dense(units, input_shape=(3,)), tf.keras.layers.Dense(1)])
    return m
model = build(64)
model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.5), loss="mse")
model.fit(X, y, epochs=3, validation_split=0.2, shuffle=False)
""")
    assert model.layers[0].width == 64
    (compile_,) = model.compiles
    assert compile_.optimizer.name == "sgd" and compile_.optimizer.learning_rate == 0.5
    assert compile_.loss.name == "mse"
    (fit,) = model.fits
    assert fit.epochs == 3 and fit.validation_split == 0.2 and fit.shuffle is False
    assert fit.x is UNKNOWN


def test_uncalled_builder_function_is_still_analysed():
    (model,) = ir("""
from keras import layers, Sequential
def make_model():
    return Sequential([layers.Dense(4, activation="sigmoid", input_shape=(2,)), layers.Dense(1)])
""").models
    assert model.layers[0].activation == "sigmoid"


def test_dataset_loader_scaling_and_labels():
    model = only_model("""
from tensorflow import keras
(x_train, y_train), (x_test, y_test) = keras.datasets.cifar100.load_data(label_mode="coarse")
x_train = x_train.astype("float32") / 255.0
y_train = keras.utils.to_categorical(y_train)
model = keras.Sequential([keras.layers.Flatten(input_shape=(32, 32, 3)), keras.layers.Dense(20)])
model.fit(x_train, y_train, validation_data=(x_test, y_test))
""")
    (fit,) = model.fits
    assert fit.x.origin == "cifar100" and fit.x.image_like and fit.x.scaled is True
    assert fit.y.label_encoding == "onehot" and fit.y.num_classes == 20
    val_x, val_y = fit.validation_data
    assert val_x.scaled is False and val_x.split == "test" and val_y.label_encoding == "sparse"


def test_tf_data_pipeline_facts():
    model = only_model("""
import tensorflow as tf
(x, y), _ = tf.keras.datasets.mnist.load_data()
def prep(image, label):
    image = tf.cast(image, tf.float32) / 255.0
    return tf.image.random_flip_left_right(image), label
ds = tf.data.Dataset.from_tensor_slices((x, y)).map(prep).batch(64).prefetch(tf.data.AUTOTUNE)
model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)), tf.keras.layers.Dense(10)])
model.fit(ds, epochs=2)
""")
    data = model.fits[0].x
    assert data.is_dataset and data.batched and data.shuffled is False
    assert data.inputs.scaled is True and data.augmented is True
    assert data.elements[1].label_encoding == "sparse"


def test_image_data_generator_flow():
    model = only_model("""
from tensorflow.keras.preprocessing.image import ImageDataGenerator
from tensorflow import keras
gen = ImageDataGenerator(rescale=1.0 / 255, rotation_range=20)
train = gen.flow_from_directory("data/train", class_mode="categorical", target_size=(64, 64))
model = keras.Sequential([keras.layers.Flatten(input_shape=(64, 64, 3)), keras.layers.Dense(4)])
model.fit(train, epochs=5)
""")
    data = model.fits[0].x
    assert data.inputs.scaled is True and data.augmented is True and data.label_encoding == "onehot"


def test_subclassed_model_layers_follow_call_order():
    model = only_model("""
import keras
class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.head = keras.layers.Dense(10, activation="softmax")
        self.body = keras.layers.Dense(64, activation="relu")
    def call(self, inputs, training=False):
        return self.head(self.body(inputs))
model = Net()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
""")
    assert [layer.width for layer in model.layers] == [64, 10]
    assert model.style == "subclassed" and model.graph.output_layer.width == 10
    assert model.compiles[0].optimizer.name == "adam"


def test_keras2_spellings_are_understood():
    model = only_model("""
from keras.models import Sequential
from keras.layers import Dense, Convolution2D, Flatten
from keras.optimizers import SGD
model = Sequential()
model.add(Convolution2D(32, 3, 3, border_mode="same", init="he_normal", input_shape=(28, 28, 1)))
model.add(Flatten())
model.add(Dense(output_dim=10, init="uniform", activation="softmax"))
model.compile(optimizer=SGD(lr=0.01, decay=1e-6), loss="categorical_crossentropy")
model.fit(X, Y, nb_epoch=20)
""")
    conv, flat, dense = model.layers
    assert conv.kind == "Conv2D" and conv.args["kernel_size"] == (3, 3) and conv.args["padding"] == "same"
    assert conv.kernel_initializer.name == "he_normal"
    assert conv.output_shape == (28, 28, 32) and flat.output_shape == (28 * 28 * 32,)
    assert dense.width == 10
    opt = model.compiles[0].optimizer
    assert opt.learning_rate == 0.01 and [k for k, _ in opt.removed_args] == ["lr", "decay"]
    assert model.fits[0].epochs == 20


def test_unknown_calls_stay_unknown():
    model = only_model("""
import keras
from helpers import load_my_data, build_head
x, y = load_my_data()
model = keras.Sequential([keras.layers.Dense(8, input_shape=(4,)), build_head()])
model.fit(x, y, epochs=EPOCHS)
""")
    assert not model.complete
    assert model.fits[0].x is UNKNOWN and model.fits[0].epochs is UNKNOWN


def test_pathological_recursion_is_bounded():
    source = "import keras\ndef f(n):\n    return f(n + 1)\nf(0)\nmodel = keras.Sequential([keras.layers.Dense(1)])\n"
    assert len(ir(source).models) == 1


def test_multi_input_sub_model_call_keeps_the_graph_joined():
    (model,) = ir("""
import keras
from keras import layers
enc_in = keras.Input(shape=(16,))
encoded = layers.Dense(8, activation="relu")(enc_in)
encoder = keras.Model(enc_in, encoded)
dec_in = keras.Input(shape=(4,))
state_in = keras.Input(shape=(8,))
merged = layers.Concatenate()([layers.Dense(8)(dec_in), state_in])
decoder = keras.Model([dec_in, state_in], layers.Dense(3, activation="softmax")(merged))
outputs = decoder([dec_in, encoded])
full = keras.Model([enc_in, dec_in], outputs)
full.compile(optimizer="adam", loss="categorical_crossentropy")
""").models  # the encoder and decoder views are parts of the trained model, not models of their own
    assert model.complete
    assert [layer.kind for layer in model.layers] == ["Dense", "Dense", "Concatenate", "Dense"]


def test_models_built_inside_a_custom_layer_are_part_of_it():
    models = ir("""
import keras
from keras import layers
class Block(layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.ffn = keras.Sequential([layers.Dense(units, activation="relu"), layers.Dense(32)])
    def call(self, x):
        return x + self.ffn(x)
inputs = keras.Input(shape=(10, 32))
x = Block(512)(inputs)
model = keras.Model(inputs, layers.Dense(2, activation="softmax")(layers.GlobalAveragePooling1D()(x)))
""").models
    assert len(models) == 1 and models[0].style == "functional"
    assert 512 in [layer.width for layer in models[0].layers]


LITERALS = ['"plain"', "'single'", '""', "''", '""""""', "''''''", '"""doc\nstring"""', "'''a 'quoted' b'''",
            '"it\'s"', "'say \"hi\"'", 'r"raw"', 'R"raw"', 'u"unicode"', 'U"é ✓ π"', 'r"\\d+"', '"tab\\t"',
            '"""x\r\ny"""', '"nul\x00"', 'b"bytes"', 'rb"raw bytes"', 'Rb"x"', '"\\N{DEGREE SIGN}"',
            '"""ends with quote\\""""', "'''\n'''", '"\\\n"', "42", "0x1F", "1_000", "1e-3", "0.5"]


@pytest.mark.parametrize("text", LITERALS)
def test_literals_evaluate_as_python_does(text):
    import ast

    from kerlint.ir.extractor import _literal

    try:
        expected = ast.literal_eval(text)
    except (ValueError, SyntaxError) as exc:
        with pytest.raises(type(exc)):
            _literal.__wrapped__(text)
        return
    assert _literal.__wrapped__(text) == expected and type(_literal.__wrapped__(text)) is type(expected)
