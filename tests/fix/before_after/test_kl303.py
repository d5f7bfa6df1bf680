from tests.fix.before_after.codemod import assert_fix

MODEL = """
import numpy as np
import tensorflow as tf
x, y = np.random.rand(100, 4), np.random.randint(0, 2, 100)
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
"""


def test_arrays_get_validation_split():
    assert_fix("KL303", before=MODEL + "model.fit(x, y, epochs=20)\n",
               after=MODEL + "model.fit(x, y, epochs=20, validation_split=0.2)\n", unsafe=True,
               title="Hold out the last 20% of the training arrays")


def test_the_fix_is_unsafe():
    assert_fix("KL303", before=MODEL + "model.fit(x, y, epochs=20)\n", after=MODEL + "model.fit(x, y, epochs=20)\n")


def test_no_fix_for_a_dataset():
    assert_fix("KL303", before="""
               import tensorflow as tf
               train_ds = tf.keras.utils.image_dataset_from_directory("data/train", image_size=(64, 64))
               model = tf.keras.Sequential([tf.keras.layers.Rescaling(1.0 / 255, input_shape=(64, 64, 3)),
                                            tf.keras.layers.Flatten(), tf.keras.layers.Dense(5, activation="softmax")])
               model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
               model.fit(train_ds, epochs=5)
               """, after=None)
