"""Behaviour of the API rules KL501-KL504, and the contract with their fixers: each finding's node is the
exact syntax the fix rewrites."""

import textwrap

import libcst as cst
import pytest

from kerlint.catalogue import default_options
from kerlint.checks import CHECKS
from kerlint.engine import lint_text
from kerlint.ir import extract


def codes(src):
    return [v.code for v in lint_text(textwrap.dedent(src))]


def findings(code, src):
    src = textwrap.dedent(src)
    module = cst.parse_module(src)
    file_ir = extract(module, src)
    check = CHECKS[code]
    targets = [file_ir] if check.scope == "file" else file_ir.models
    return module, [f for target in targets for f in check.func(target, default_options())]


def text(module, node):
    return module.code_for_node(node)


# --- KL501 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("src,expected", [
    ("import tensorflow as tf\nlayer = tf.keras.layers.experimental.preprocessing.RandomFlip()\n",
     ["tf.keras.layers.experimental.preprocessing"]),
    ("from tensorflow import keras\nlayer = keras.layers.experimental.preprocessing.Rescaling(1 / 255)\n",
     ["keras.layers.experimental.preprocessing"]),
    ("from tensorflow.keras import layers as L\nlayer = L.experimental.preprocessing.RandomZoom(0.1)\n",
     ["L.experimental.preprocessing"]),
    ("from tensorflow.keras.layers.experimental.preprocessing import RandomFlip, RandomRotation\n",
     ["tensorflow.keras.layers.experimental.preprocessing"]),
])
def test_kl501_node_is_the_attribute_or_module_to_shorten(src, expected):
    module, found = findings("KL501", src)
    assert [text(module, f.node) for f in found] == expected
    assert all(type(f).__name__ == "ExperimentalPath" for f in found)


def test_kl501_module_import_of_preprocessing_is_reported_but_not_mechanical():
    module, found = findings("KL501", "from keras.layers.experimental import preprocessing\n"
                                      "norm = preprocessing.Normalization()\n")
    assert len(found) == 1 and type(found[0]).__name__ == "PreprocessingModuleImport"
    assert isinstance(found[0].node, cst.ImportFrom)


def test_kl501_reported_once_per_use_even_in_a_helper_called_twice():
    src = """
    import tensorflow as tf

    def block():
        return tf.keras.layers.experimental.preprocessing.RandomFlip()

    a, b = block(), block()
    """
    assert codes(src).count("KL501") == 1


@pytest.mark.parametrize("src", [
    "import tensorflow as tf\nlayer = tf.keras.layers.RandomFlip()\n",
    "import mylib\nx = mylib.experimental.preprocessing.clean()\n",
    "from tensorflow.keras.layers.experimental import SyncBatchNormalization\n",
])
def test_kl501_silent(src):
    assert "KL501" not in codes(src)


# --- KL502 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("src", [
    "from keras.preprocessing.image import ImageDataGenerator\ng = ImageDataGenerator()\n",
    "import tensorflow as tf\ng = tf.keras.preprocessing.image.ImageDataGenerator(rescale=1 / 255)\n",
    "from tensorflow.keras.preprocessing import image\ng = image.ImageDataGenerator(zoom_range=0.2)\n",
])
def test_kl502_import_styles(src):
    assert codes(src).count("KL502") == 1


# --- KL503 -----------------------------------------------------------------------------------------

SEQ = """
from tensorflow import keras
model = keras.Sequential([keras.layers.Dense(3, activation="softmax", input_shape=(8,))])
model.compile("adam", "categorical_crossentropy")
"""


def test_kl503_node_is_the_method_name_and_the_diagnosis_lists_keyword_renames():
    module, found = findings("KL503", SEQ + "model.fit_generator(generator=gen, samples_per_epoch=1000, nb_epoch=5)\n"
                                            "model.predict_generator(gen, steps=10)\n")
    assert [text(module, f.node) for f in found] == ["fit_generator", "predict_generator"]
    fit = found[0]
    assert fit.replacement == "fit"
    assert sorted(new for new in fit.rename_keywords.values()) == ["epochs", "x"]
    assert [text(module, arg.keyword) for arg in fit.rename_keywords] == ["generator", "nb_epoch"]
    assert fit.blocking_keywords == ("samples_per_epoch",)
    assert found[1].replacement == "predict" and found[1].rename_keywords == {}


def test_kl503_keras2_arguments_are_understood():
    src = textwrap.dedent(SEQ + "model.fit_generator(gen, 100, 30, 1, [], val_gen)\n")
    model = extract(cst.parse_module(src), src).models[0]
    fit = model.fits[0]
    assert (fit.method, fit.steps_per_epoch, fit.epochs) == ("fit_generator", 100, 30)
    assert fit.validation_data is not None
    nb = textwrap.dedent(SEQ + "model.fit_generator(generator=gen, nb_epoch=7)\n")
    assert extract(cst.parse_module(nb), nb).models[0].fits[0].epochs == 7


def test_kl503_functional_and_loaded_models():
    functional = """
    import tensorflow as tf
    inp = tf.keras.Input(shape=(4,))
    model = tf.keras.Model(inp, tf.keras.layers.Dense(1)(inp))
    model.compile("adam", "mse")
    model.fit_generator(batches(), steps_per_epoch=10, epochs=3)
    """
    loaded = """
    from tensorflow.keras.models import load_model
    m = load_model("m.h5")
    m.evaluate_generator(test_gen)
    """
    assert "KL503" in codes(functional)
    assert "KL503" in codes(loaded)


@pytest.mark.parametrize("src", [
    # not a model kerlint knows: unknown receiver, a user's class
    "model = get_model()\nmodel.fit_generator(gen, epochs=3)\n",
    "class Runner:\n    def fit_generator(self, g):\n        pass\n\nRunner().fit_generator(g)\n",
    SEQ + "model.fit(gen, epochs=3)\n",
])
def test_kl503_silent(src):
    assert "KL503" not in codes(src)


# --- KL504 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("src,keywords", [
    ("from keras.optimizers import Adam\nopt = Adam(lr=0.001)\n", ["lr"]),
    ("import tensorflow as tf\nopt = tf.keras.optimizers.SGD(lr=0.01, decay=1e-6, momentum=0.9)\n", ["lr", "decay"]),
    ("from tensorflow.keras import optimizers\nopt = optimizers.RMSprop(lr=1e-4)\n", ["lr"]),
])
def test_kl504_node_is_the_keyword_argument(src, keywords):
    module, found = findings("KL504", src)
    assert all(isinstance(f.node, cst.Arg) for f in found)
    assert [f.node.keyword.value for f in found] == keywords


def test_kl504_lr_value_is_still_the_learning_rate():
    src = SEQ.replace('"adam"', "keras.optimizers.SGD(lr=5.0)")
    assert {"KL301", "KL504"} <= set(codes(src))


@pytest.mark.parametrize("src", [
    "import tensorflow as tf\nopt = tf.compat.v1.train.GradientDescentOptimizer(learning_rate=0.1)\n",
    "import tensorflow as tf\nopt = tf.train.MomentumOptimizer(0.01, momentum=0.9)\n",
    "from mylib import Adam\nopt = Adam(lr=0.001, decay=0.1)\n",
    "from keras.optimizers import Adam\nopt = Adam(learning_rate=0.001, weight_decay=1e-4)\n",
])
def test_kl504_silent(src):
    assert "KL504" not in codes(src)
