"""The same model, written in every style and import style, gives the same findings (issue 2)."""

import pytest

from kerlint.engine import lint_text

IMPORTS = {
    "tf.keras": ("import tensorflow as tf\nL = tf.keras.layers\nSequential = tf.keras.Sequential\n"
                 "Model = tf.keras.Model\nInput = tf.keras.Input\n"),
    "keras": "import keras\nfrom keras import layers as L\nfrom keras import Sequential, Model, Input\n",
    "tensorflow.keras from-import": ("from tensorflow.keras import layers as L\n"
                                     "from tensorflow.keras.models import Sequential, Model\n"
                                     "from tensorflow.keras.layers import Input\n"),
    "tf_keras": "import tf_keras as tfk\nL = tfk.layers\nfrom tf_keras import Sequential, Model, Input\n",
    "star import": ("from tensorflow.keras.layers import *\nfrom tensorflow.keras.models import *\n"),
}

# Five sigmoid conv blocks on 28x28x1 with 2x2 pooling: KL101, KL103, KL105 (error).
STYLES = {
    "sequential-list": """
model = Sequential([
    L.Conv2D(32, (3, 3), activation="sigmoid", padding="same", input_shape=(28, 28, 1)),
    L.MaxPooling2D((2, 2)),
    L.Conv2D(32, (3, 3), activation="sigmoid", padding="same"),
    L.MaxPooling2D((2, 2)),
    L.Conv2D(64, (3, 3), activation="sigmoid", padding="same"),
    L.MaxPooling2D((2, 2)),
    L.Conv2D(128, (3, 3), activation="sigmoid", padding="same"),
    L.MaxPooling2D((2, 2)),
    L.Conv2D(256, (3, 3), activation="sigmoid", padding="same"),
    L.MaxPooling2D((2, 2)),
    L.Flatten(),
    L.Dense(10, activation="softmax"),
])
""",
    "add-chain-loop": """
NUM_CLASSES = 10
FILTERS = [32, 32, 64, 128, 256]
model = Sequential()
model.add(Input(shape=(28, 28, 1)))
for f in FILTERS:
    model.add(L.Conv2D(f, (3, 3), padding="same"))
    model.add(L.Activation("sigmoid"))
    model.add(L.MaxPooling2D((2, 2)))
model.add(L.Flatten())
model.add(L.Dense(NUM_CLASSES, activation="softmax"))
""",
    "functional-helper": """
def conv_block(x, filters, act="sigmoid"):
    x = L.Conv2D(filters, 3, padding="same", activation=act)(x)
    return L.MaxPooling2D(pool_size=2)(x)

def build(num_classes=10):
    inputs = Input(shape=(28, 28, 1))
    x = inputs
    for filters in (32, 32, 64, 128, 256):
        x = conv_block(x, filters)
    x = L.Flatten()(x)
    outputs = L.Dense(num_classes, activation="softmax")(x)
    return Model(inputs=inputs, outputs=outputs)

model = build()
""",
    "sequential-comprehension": """
blocks = [[L.Conv2D(f, 3, padding="same", activation="sigmoid"), L.MaxPooling2D()] for f in [32, 32, 64, 128, 256]]
model = Sequential([Input(shape=(28, 28, 1))] + [layer for block in blocks for layer in block]
                   + [L.Flatten(), L.Dense(10, activation="softmax")])
""",
}

SUBCLASSED = """
class Net(Model):
    def __init__(self, num_classes=10):
        super().__init__()
        self.convs = [L.Conv2D(f, 3, padding="same", activation="sigmoid") for f in [32, 32, 64, 128, 256]]
        self.pools = [L.MaxPooling2D() for _ in range(5)]
        self.flatten = L.Flatten()
        self.out = L.Dense(num_classes, activation="softmax")

    def call(self, x):
        for conv, pool in zip(self.convs, self.pools):
            x = pool(conv(x))
        return self.out(self.flatten(x))

model = Net()
"""

EXPECTED_WITH_SHAPES = {"KL101", "KL103", "KL105"}


def _codes(source):
    return {v.code for v in lint_text(source, path="model.py")}


def _source(imports, body):
    if imports == "star import":  # star-import users write bare names
        body = body.replace("L.", "")
    return IMPORTS[imports] + body


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("imports", sorted(IMPORTS))
def test_same_model_same_findings(imports, style):
    assert _codes(_source(imports, STYLES[style])) == EXPECTED_WITH_SHAPES


@pytest.mark.parametrize("imports", sorted(IMPORTS))
def test_subclassed_model_same_architecture_findings(imports):
    # A subclassed model has no static input shape, so shape inference (KL105) stays silent.
    assert _codes(_source(imports, SUBCLASSED)) == EXPECTED_WITH_SHAPES - {"KL105"}


def test_unrelated_class_named_like_keras_is_not_a_layer():
    source = """
class Conv2D:
    def __init__(self, *a, **k):
        pass

layers = [Conv2D(8, 3, activation="sigmoid") for _ in range(6)]
"""
    assert _codes(source) == set()


def test_unknown_block_keeps_rules_silent_on_absence():
    # `make_block` comes from another module: the model may contain BatchNormalization there.
    source = IMPORTS["keras"] + """
from mylib import make_block
model = Sequential([L.Input(shape=(64, 64, 3))])
for f in [32, 64, 128, 256]:
    model.add(L.Conv2D(f, 3, padding="same", activation="relu"))
    model.add(make_block(f))
model.add(L.GlobalAveragePooling2D())
model.add(L.Dense(10, activation="softmax"))
"""
    assert not {"KL102", "KL103"} & _codes(source)
