from tests.fix.before_after.codemod import assert_fix


def test_moved_module_import():
    assert_fix("KL505", before="from keras.layers.core import Dense, Dropout\n",
               after="from keras.layers import Dense, Dropout\n", title="Import from `keras.layers`")


def test_moved_module_in_an_attribute_chain():
    assert_fix("KL505",
               before="import keras\nlayer = keras.layers.core.Dense(3)\n",
               after="import keras\nlayer = keras.layers.Dense(3)\n", title="Use `keras.layers`")


def test_module_imported_by_name_keeps_its_local_name():
    assert_fix("KL505",
               before="from keras.utils import np_utils\ny = np_utils.to_categorical([0, 1])\n",
               after="from keras import utils as np_utils\ny = np_utils.to_categorical([0, 1])\n")


def test_no_fix_for_a_moved_module_imported_with_other_names():
    assert_fix("KL505", before="from keras.utils import np_utils, plot_model\n", after=None)


def test_tf_keras_only_import():
    assert_fix("KL505",
               before="from keras.preprocessing.image import ImageDataGenerator\n",
               after="from tensorflow.keras.preprocessing.image import ImageDataGenerator\n",
               title="Keras 3 ships these names only in tf.keras")


def test_no_fix_for_a_tf_keras_only_attribute_chain():
    assert_fix("KL505", before="import keras\ngen = keras.preprocessing.image.ImageDataGenerator()\n", after=None)


def test_removed_layer_attribute_is_renamed():
    assert_fix("KL505",
               before="from keras import layers\nrnn = layers.CuDNNLSTM(32)\n",
               after="from keras import layers\nrnn = layers.LSTM(32)\n", title="Use `LSTM`")


def test_no_fix_for_an_imported_removed_layer_nor_a_removed_module():
    assert_fix("KL505", before="from keras.layers import CuDNNGRU\nrnn = CuDNNGRU(8)\n", after=None)
    assert_fix("KL505", before="from keras.wrappers.scikit_learn import KerasClassifier\n", after=None)
