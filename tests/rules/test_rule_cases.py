"""Which typed case each multi-case rule reports (kerlint/checks/klNNN_*.py): the case a fix and a message hang
on is decided once, in the check, so each is pinned here on a source that shows it."""

import textwrap

import libcst as cst
import pytest

from kerlint.catalogue import default_options
from kerlint.checks import CHECKS
from kerlint.ir import extract

MNIST = """
import numpy as np
from tensorflow import keras
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""
SCALAR = """
import numpy as np
from tensorflow import keras
x = np.random.rand(200, 4)
model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
"""


def cases(code, src, target="3"):
    src = textwrap.dedent(src)
    file_ir = extract(cst.parse_module(src), src)
    check = CHECKS[code]
    targets = [file_ir] if check.scope == "file" else file_ir.models
    return [type(found).__name__ for target_ in targets
            for found in check.func(target_, {**default_options(), "target-keras": target})]


@pytest.mark.parametrize("code,src,expected", [
    ("KL302", "from keras.optimizers import Adam\nfrom keras import Sequential, Input, layers\n"
              "m = Sequential([Input((4,)), layers.Dense(1)])\nm.compile(optimizer=Adam(1e-9), loss='mse')\n",
     ["RateBelowMinimum"]),
    ("KL302", "from keras.optimizers import Adam\nfrom keras import Sequential, Input, layers\n"
              "m = Sequential([Input((4,)), layers.Dense(1)])\nm.compile(optimizer=Adam(0.0), loss='mse')\n",
     ["RateNotPositive"]),
    ("KL304", MNIST + "model.fit(x_train, y_train, shuffle=False, validation_split=0.1)\n", ["ShuffleFalse"]),
    ("KL304", MNIST + "ds = keras.utils.image_dataset_from_directory('d', shuffle=False)\n"
                      "model.fit(ds, epochs=3)\n", ["UnshuffledDataset"]),
    ("KL307", MNIST + "model.fit(x_train, y_train, epochs=5, validation_data=(x_train, y_train))\n",
     ["ValidationIsTrainingData"]),
    ("KL307", MNIST + "from sklearn.model_selection import train_test_split\n"
                      "x_tr, x_val, y_tr, y_val = train_test_split(x_train, y_train)\n"
                      "model.fit(x_train, y_train, epochs=5, validation_data=(x_val, y_val))\n",
     ["ValidationSplitOffTraining"]),
    ("KL307", MNIST + "tr = keras.utils.image_dataset_from_directory('d', validation_split=0.2, subset='training', seed=1)\n"
                      "va = keras.utils.image_dataset_from_directory('d', validation_split=0.2, subset='training', seed=1)\n"
                      "model.fit(tr, epochs=5, validation_data=va)\n",
     ["ValidationTrainingSubset"]),
    ("KL307", MNIST + "model.fit(x_train, y_train, epochs=5, validation_split=0.1)\n"
                      "x_holdout = x_train\nmodel.evaluate(x_holdout, y_train)\n",
     ["HeldOutNameForTrainingData"]),
    ("KL307", MNIST + "model.fit(x_train, y_train, epochs=5, validation_split=0.1)\n"
                      "test_loss = model.evaluate(x_train, y_train)\n",
     ["HeldOutScoreOnTrainingData"]),
    ("KL309", MNIST + "model.fit(x_train, y_train, validation_split=0.1)\n", ["DefaultSingleEpoch"]),
    ("KL309", MNIST + "model.fit(x_train, y_train, epochs=1, validation_split=0.1)\n"
                      "model.fit(x_train, y_train, epochs=1, validation_split=0.1)\n", ["TooFewEpochs"]),
    ("KL206", MNIST + "model.fit(x_train, np.zeros((60000, 5), dtype=int), epochs=5, validation_split=0.1)\n",
     ["LabelRankMismatch"]),
    ("KL206", MNIST + "model.fit(x_train, np.zeros((60000, 5, 3), dtype=int), epochs=5, validation_split=0.1)\n",
     ["LabelsPerTimestep"]),
    ("KL206", SCALAR.replace("keras.layers.Dense(1)", "keras.layers.Dense(3, activation='sigmoid')").replace(
        "loss=\"mse\"", "loss=\"binary_crossentropy\"") +
     "model.fit(x, np.random.randint(0, 3, 200), epochs=20, validation_split=0.1)\n",
     ["IntegerLabelsOnBinaryHead"]),
    ("KL405", SCALAR + "model.fit(x * 1000.0, np.random.rand(200), epochs=20, validation_split=0.1)\n",
     ["UnscaledInputs"]),
    ("KL405", SCALAR + "model.fit(x, np.random.rand(200) * 1e5, epochs=20, validation_split=0.1)\n",
     ["UnscaledTargets"]),
    ("KL505", "from keras.layers.core import Dense\n", ["MovedModule"]),
    ("KL505", "import keras\nd = keras.layers.core.Dense(3)\n", ["MovedModuleAttribute"]),
    ("KL505", "from keras.utils import np_utils\n", ["MovedModuleName"]),
    ("KL505", "from keras.preprocessing.image import ImageDataGenerator\n", ["TfKerasOnly"]),
    ("KL505", "import keras\ng = keras.preprocessing.image.ImageDataGenerator()\n", ["TfKerasOnlyAttribute"]),
    ("KL505", "from keras.wrappers.scikit_learn import KerasClassifier\n", ["RemovedModule"]),
    ("KL505", "from keras import layers\nr = layers.CuDNNLSTM(8)\n", ["RemovedLayer"]),
    ("KL506", "from keras.layers import Dense\nd = Dense(output_dim=3)\n", ["Keras1Keyword"]),
    ("KL506", "from keras.layers import Convolution2D\nc = Convolution2D(32, 3, 3)\n", ["Keras1PositionalKernel"]),
    ("KL507", "from keras.models import load_model\nm = load_model('m.h5')\np = m.predict_proba(x)\n",
     ["PredictProba"]),
    ("KL507", "from keras.models import load_model\nm = load_model('m.h5')\np = m.predict_classes(x)\n",
     ["PredictClasses"]),
    ("KL507", "from keras.layers import Dense\nd = Dense(3)\nprint(d.output_shape)\n", ["RemovedLayerShape"]),
])
def test_the_rule_reports_the_case_the_source_shows(code, src, expected):
    assert cases(code, src) == expected


def test_keras2_targets_keep_only_the_removed_modules_and_layers_of_kl505_as_warnings():
    src = ("from keras.layers.core import Dense\nfrom keras.wrappers.scikit_learn import KerasClassifier\n"
           "from keras import layers\nr = layers.CuDNNLSTM(8)\n")
    assert cases("KL505", src) == ["MovedModule", "RemovedModule", "RemovedLayer"]
    assert cases("KL505", src, target="2.12") == ["RemovedModule", "RemovedLayer"]
