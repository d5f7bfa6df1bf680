from tests.fix.before_after.codemod import assert_fix


def test_attribute_chain_loses_experimental_preprocessing():
    assert_fix("KL501",
               before="""
               import tensorflow as tf
               flip = tf.keras.layers.experimental.preprocessing.RandomFlip("horizontal")  # augment
               """,
               after="""
               import tensorflow as tf
               flip = tf.keras.layers.RandomFlip("horizontal")  # augment
               """, title="Use `tf.keras.layers` instead of `tf.keras.layers.experimental.preprocessing`")


def test_from_import_module_is_shortened():
    assert_fix("KL501",
               before="from tensorflow.keras.layers.experimental.preprocessing import RandomFlip, Rescaling\n",
               after="from tensorflow.keras.layers import RandomFlip, Rescaling\n")


def test_deprecated_alias_on_tf2_is_fixed_too():
    assert_fix("KL501",
               before="from tensorflow import keras\nnorm = keras.layers.experimental.preprocessing.Rescaling(1 / 255)\n",
               after="from tensorflow import keras\nnorm = keras.layers.Rescaling(1 / 255)\n", target_keras="2.10")


def test_no_fix_for_the_imported_module_name():
    assert_fix("KL501", before="from keras.layers.experimental import preprocessing\n"
                               "norm = preprocessing.Normalization()\n", after=None)


def test_no_fix_for_a_name_keras_layers_does_not_export():
    assert_fix("KL501", before="from tensorflow.keras.layers.experimental.preprocessing import PreprocessingLayer\n",
               after=None)
