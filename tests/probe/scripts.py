"""Training scripts the probe tests run: one template, one real bug per variant.

Every script makes its own class-structured 28x28 data (512 samples: no download, no network), so a
healthy model learns it within a few dozen steps.
"""

TEMPLATE = '''\
import numpy as np
import keras
from keras import layers


def make_data(n=512, classes=10, seed=0):
    rng = np.random.default_rng(seed)
    coarse = rng.uniform(0, 255, size=(classes, 7, 7))
    prototypes = np.repeat(np.repeat(coarse, 4, axis=1), 4, axis=2)
    y = rng.integers(0, classes, size=n)
    x = np.clip(prototypes[y] + rng.normal(0, 45, size=(n, 28, 28)), 0, 255).astype("uint8")
    return x[..., None], y


x_train, y_train = make_data()
{prepare}
model = keras.Sequential([keras.Input(shape=(28, 28, 1))])
for filters in {filters}:
    model.add(layers.Conv2D(filters, 3, padding="same", activation="{activation}"{initializer}))
{normalization}    model.add(layers.MaxPooling2D(2, padding="same"))
model.add(layers.Flatten())
model.add(layers.Dense({units}, activation="{output}"))
model.compile(optimizer=keras.optimizers.{optimizer}, loss="{loss}", metrics=["accuracy"])
{fit}
'''

SCALE = 'x_train = x_train.astype("float32") / 255.0'


SMALL_FILTERS = (16, 16, 32, 32)
SEED_FILTERS = (32, 32, 64, 128)  # the seed document's deep sigmoid network, first four conv layers


def training_script(*, filters=SMALL_FILTERS, activation="relu", initializer="he_normal", normalization=True,
                    units=10, output="softmax", loss="sparse_categorical_crossentropy",
                    optimizer="Adam(learning_rate=1e-3)", prepare=SCALE,
                    fit="model.fit(x_train, y_train, batch_size=32, epochs=5)") -> str:
    return TEMPLATE.format(
        filters=tuple(filters), activation=activation,
        initializer=f', kernel_initializer="{initializer}"' if initializer else "",
        normalization="    model.add(layers.BatchNormalization())\n" if normalization else "",
        units=units, output=output, loss=loss, optimizer=optimizer, prepare=prepare, fit=fit)


# the seed documents' vanishing-gradient stack: 4 sigmoid conv blocks, default init, no normalisation.
# With these widths the first/last gradient-norm ratio is 2.8e-4..3.9e-4 over seeds 0-4; with the
# narrower SMALL_FILTERS it is 6.6e-4..1.1e-3, too close to the 1e-3 threshold for a test.
SIGMOID_STACK = training_script(filters=SEED_FILTERS, activation="sigmoid", initializer="", normalization=False)
# the same stack fixed the way the seeds recommend: ReLU + He + BatchNormalization
HEALTHY_STACK = training_script(filters=SEED_FILTERS)
# a single softmax unit always outputs 1.0; fed through a tf.data pipeline to cover Dataset inputs
SINGLE_UNIT_SOFTMAX = training_script(
    units=1, output="softmax", loss="binary_crossentropy",
    prepare=SCALE + '\ny_train = (y_train % 2).astype("float32")\n'
                    'import tensorflow as tf\n'
                    'train = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(512).batch(32)',
    fit="model.fit(train, epochs=5)")
# raw uint8 pixels (0-255) and SGD at a learning rate of 0.5
UINT8_HIGH_LR = training_script(prepare="", optimizer="SGD(learning_rate=0.5)", normalization=False)

RAISES_BEFORE_FIT = '''\
import numpy as np

def load(path):
    return np.load(path)

x = load("no-such-file.npy")
'''

NEVER_FITS = '''\
import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
print("built, but forgot to train")
'''

LOOPS_FOREVER = '''\
import time

while True:
    time.sleep(0.1)
'''

# integer labels fed to categorical_crossentropy, and one NaN pixel
DATA_BUGS = training_script(loss="categorical_crossentropy", prepare=SCALE + "\nx_train[3, 0, 0, 0] = np.nan")
# ReLU stack, no He init, no normalisation, Adam at 0.05: the units die during training
DYING_RELU = training_script(normalization=False, initializer="", optimizer="Adam(learning_rate=0.05)")
# tanh stack on raw 0-255 pixels: the first layer's inputs sit in the flat tails
SATURATED_TANH = training_script(activation="tanh", initializer="", normalization=False, prepare="")

_SMALL_DATA = TEMPLATE.split("x_train, y_train = make_data()")[0]

# a Python generator feeding a small Sequential model
GENERATOR_INPUT = _SMALL_DATA + '''\
x, y = make_data()
x = x.astype("float32") / 255.0


def batches():
    while True:
        order = np.random.permutation(len(x))
        for i in range(0, len(x) - 31, 32):
            yield x[order[i:i + 32]], y[order[i:i + 32]]


model = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(8, 3, activation="relu"), layers.Flatten(),
                          layers.Dense(10, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(batches(), steps_per_epoch=16, epochs=3)
'''

# a subclassed model (cannot be cloned from config) with logits; validation data left unscaled
SUBCLASSED_UNSCALED_VALIDATION = _SMALL_DATA + '''\
x, y = make_data()
x_val, y_val = make_data(seed=1)
x = x.astype("float32") / 255.0


class Net(keras.Model):
    def __init__(self):
        super().__init__()
        self.conv = layers.Conv2D(8, 3, activation="relu")
        self.flat = layers.Flatten()
        self.out = layers.Dense(10)

    def call(self, inputs):
        return self.out(self.flat(self.conv(inputs)))


model = Net()
model.compile(optimizer=keras.optimizers.Adam(1e-3),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
model.fit(x, y, epochs=3, validation_data=(x_val.astype("float32"), y_val))
'''

ALLOCATES_TOO_MUCH = '''\
import numpy as np

big = np.ones((1024, 1024, 1024), dtype=np.float32)
'''

# raw uint8 pixels, but the model rescales them itself: no KP110
RESCALING_INSIDE_MODEL = _SMALL_DATA + '''\
x, y = make_data()
model = keras.Sequential([keras.Input((28, 28, 1)), layers.Rescaling(1 / 255), layers.Conv2D(8, 3, activation="relu"),
                          layers.Flatten(), layers.Dense(10, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=3)
'''

# regression on (synthetic) Boston housing, 13 unscaled features: needs --synthetic
BOSTON_REGRESSION = '''\
import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.boston_housing.load_data()
model = keras.Sequential([keras.Input((13,)), keras.layers.Dense(64, activation="relu"),
                          keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
model.fit(x_train, y_train, epochs=100, batch_size=16, validation_split=0.2)
'''

# the TensorFlow image-classification tutorial's shape: a downloaded folder of images, offline
IMAGE_FOLDER_DOWNLOAD = '''\
import pathlib

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

dataset_url = "https://storage.googleapis.com/download.tensorflow.org/example_images/flower_photos.tgz"
archive = tf.keras.utils.get_file("flower_photos.tgz", origin=dataset_url, extract=True)
data_dir = pathlib.Path(archive).with_suffix("")
train_ds, val_ds = tf.keras.utils.image_dataset_from_directory(
    data_dir, validation_split=0.2, subset="both", seed=123, image_size=(64, 64), batch_size=32)
class_names = train_ds.class_names
model = keras.Sequential([
    layers.Input((64, 64, 3)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(16, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
    layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
    layers.Flatten(), layers.Dense(64, activation="relu"), layers.Dense(len(class_names)),
])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=10)
'''

# labels sorted by class and fit(shuffle=False): each batch holds one or two classes
SORTED_UNSHUFFLED = training_script(
    prepare=SCALE + '\norder = np.argsort(y_train, kind="stable")\nx_train, y_train = x_train[order], y_train[order]',
    fit="model.fit(x_train, y_train, batch_size=32, epochs=5, shuffle=False)")
