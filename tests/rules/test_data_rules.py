"""Behaviour of the evaluation-data rules KL402 (augmentation on eval data) and KL403 (inconsistent
preprocessing): both are errors, so every silent case here is a false alarm they must not raise."""

import textwrap

import pytest

from kerlint.engine import lint_text


def codes(src):
    return [v.code for v in lint_text(textwrap.dedent(src))]


CIFAR = """
import numpy as np
import tensorflow as tf
from tensorflow import keras
(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
model = keras.Sequential([
    keras.layers.Conv2D(16, 3, activation="relu", input_shape=(32, 32, 3)),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
augment = keras.Sequential([keras.layers.RandomFlip("horizontal"), keras.layers.RandomRotation(0.1)])
"""

# --- KL402 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lines,fires", [
    # tf.image.random_* in a lambda map on the validation dataset
    ("val = tf.data.Dataset.from_tensor_slices((x_test / 255.0, y_test))"
     ".map(lambda x, y: (tf.image.random_flip_left_right(x), y)).batch(64)\n"
     "model.fit(x_train / 255.0, y_train, epochs=5, validation_data=val)", True),
    # augmentation layers (in a Sequential) mapped over the test set, then evaluate()
    ("test = tf.data.Dataset.from_tensor_slices((x_test / 255.0, y_test)).batch(64)"
     ".map(lambda x, y: (augment(x), y))\nmodel.evaluate(test)", True),
    # called directly on the arrays used for validation
    ("x_val = augment(x_test / 255.0)\nmodel.fit(x_train / 255.0, y_train, epochs=5, validation_data=(x_val, y_test))",
     True),
    # inference mode: the layers pass data through
    ("test = tf.data.Dataset.from_tensor_slices((x_test / 255.0, y_test)).batch(64)"
     ".map(lambda x, y: (augment(x, training=False), y))\nmodel.evaluate(test)", False),
    # test-time augmentation with predict() is deliberate
    ("model.predict(augment(x_test / 255.0))", False),
    # only the training data is augmented
    ("train = tf.data.Dataset.from_tensor_slices((x_train / 255.0, y_train)).shuffle(100)"
     ".map(lambda x, y: (augment(x), y)).batch(64)\n"
     "model.fit(train, epochs=5, validation_data=(x_test / 255.0, y_test))", False),
    # an unknown function: silent
    ("val = tf.data.Dataset.from_tensor_slices((x_test / 255.0, y_test)).map(preprocess).batch(64)\n"
     "model.fit(x_train / 255.0, y_train, epochs=5, validation_data=val)", False),
])
def test_kl402_tf_data_and_layers(lines, fires):
    assert ("KL402" in codes(CIFAR + lines + "\n")) is fires


def test_kl402_named_augmentation_function_with_tf_image():
    src = CIFAR + """
def augment_fn(image, label):
    image = tf.image.random_brightness(image, 0.2)
    image = tf.image.random_crop(image, (32, 32, 3))
    return image, label

val = tf.data.Dataset.from_tensor_slices((x_test / 255.0, y_test)).map(augment_fn).batch(64)
model.fit(x_train / 255.0, y_train, epochs=5, validation_data=val)
"""
    assert "KL402" in codes(src)


@pytest.mark.parametrize("val_generator,fires", [
    ("datagen", True),                                        # the augmenting generator reused for validation
    ("ImageDataGenerator(rescale=1.0 / 255)", False),        # a plain one
    ("ImageDataGenerator(rescale=1.0 / 255, **opts)", False),  # unknown arguments: nothing known to augment
])
def test_kl402_image_data_generator(val_generator, fires):
    src = f"""
    from tensorflow.keras.preprocessing.image import ImageDataGenerator
    from tensorflow import keras
    (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
    datagen = ImageDataGenerator(rescale=1.0 / 255, width_shift_range=0.1, horizontal_flip=True)
    val_gen = {val_generator}
    model = keras.Sequential([keras.layers.Flatten(input_shape=(32, 32, 3)), keras.layers.Dense(10)])
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(datagen.flow(x_train, y_train, batch_size=64), epochs=20,
              validation_data=val_gen.flow(x_test, y_test, batch_size=64))
    """
    assert ("KL402" in codes(src)) is fires


# --- KL403 -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lines,fires", [
    ("model.fit(x_train / 255.0, y_train, epochs=5, validation_data=(x_test, y_test))", True),
    ("model.fit(x_train / 255.0, y_train, epochs=5)\nmodel.evaluate(x_test, y_test)", True),
    ("model.fit(x_train.astype('float32') / 255, y_train, epochs=5)\nmodel.predict(x_test[:10])", True),
    # consistent
    ("model.fit(x_train / 255.0, y_train, epochs=5, validation_data=(x_test / 255.0, y_test))", False),
    ("model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))", False),  # KL401's business
    # unknown preprocessing of the test data: silent
    ("model.fit(x_train / 255.0, y_train, epochs=5, validation_data=(prep(x_test), y_test))", False),
    # scaled with a fitted sklearn scaler / standardisation in both
    ("x_test = (x_test - x_train.mean()) / x_train.std()\n"
     "model.fit(x_train / 255.0, y_train, epochs=5, validation_data=(x_test, y_test))", False),
])
def test_kl403_arrays(lines, fires):
    assert ("KL403" in codes(CIFAR + lines + "\n")) is fires


def test_kl403_tf_data_training_pipeline_with_rescaling_map():
    src = """
    import tensorflow as tf
    rescale = tf.keras.layers.Rescaling(1.0 / 255)
    train_ds = tf.keras.utils.image_dataset_from_directory("data", validation_split=0.2, subset="training", seed=1)
    val_ds = tf.keras.utils.image_dataset_from_directory("data", validation_split=0.2, subset="validation", seed=1)
    train_ds = train_ds.map(lambda x, y: (rescale(x), y))
    {val_line}
    model = tf.keras.Sequential([
        tf.keras.layers.Conv2D(16, 3, activation="relu", input_shape=(256, 256, 3)),
        tf.keras.layers.GlobalAveragePooling2D(),
        tf.keras.layers.Dense(5),
    ])
    model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(train_ds, epochs=10, validation_data=val_ds)
    """
    assert "KL403" in codes(src.format(val_line=""))
    assert "KL403" not in codes(src.format(val_line="val_ds = val_ds.map(lambda x, y: (rescale(x), y))"))


def test_kl403_silent_for_non_image_data():
    src = """
    from tensorflow import keras
    (x_train, y_train), (x_test, y_test) = keras.datasets.boston_housing.load_data()
    model = keras.Sequential([keras.layers.Dense(64, activation="relu", input_shape=(13,)), keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x_train / 100.0, y_train, epochs=50, validation_data=(x_test, y_test))
    """
    assert "KL403" not in codes(src)


def test_kl403_functional_model_predicting_a_loaded_image():
    src = """
    import numpy as np
    from tensorflow import keras
    from tensorflow.keras.preprocessing import image
    (x_train, y_train), _ = keras.datasets.cifar10.load_data()
    inputs = keras.Input(shape=(32, 32, 3))
    x = keras.layers.Conv2D(16, 3, activation="relu")(inputs)
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.GlobalAveragePooling2D()(x))
    model = keras.Model(inputs, outputs)
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(x_train / 255.0, y_train, epochs=10, validation_split=0.1)
    img = image.img_to_array(image.load_img("dog.png", target_size=(32, 32)))
    {line}
    """
    assert "KL403" in codes(src.format(line="model.predict(np.expand_dims(img, axis=0))"))
    assert "KL403" not in codes(src.format(line="model.predict(np.expand_dims(img, axis=0) / 255.0)"))


@pytest.mark.parametrize("flag,fires", [("True", True), ("False", False), ("len(sys.argv) > 1", True)])
def test_kl402_augmentation_under_a_condition_kerlint_cannot_evaluate_holds_in_one_configuration(flag, fires):
    src = f"""
    import sys
    import tensorflow as tf
    from tensorflow.keras.preprocessing.image import ImageDataGenerator
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
    augment = tf.keras.Sequential([tf.keras.layers.RandomFlip()])

    def prepare(x, y, training):
        ds = tf.data.Dataset.from_tensor_slices((x / 255.0, y)).shuffle(100)
        if training:
            ds = ds.map(lambda a, b: (augment(a), b))
        return ds.batch(64)

    def prepare2(x, y, training):
        ds = tf.data.Dataset.from_tensor_slices((x / 255.0, y))
        if training:
            return ds.map(lambda a, b: (tf.image.random_flip_left_right(a), b)).batch(64)
        return ds.batch(64)

    if {flag}:
        val_datagen = ImageDataGenerator(rescale=1 / 255, rotation_range=10)
    else:
        val_datagen = ImageDataGenerator(rescale=1 / 255)

    model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(32, 32, 3)), tf.keras.layers.Dense(10)])
    model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(prepare(x_train, y_train, True), epochs=5, validation_data=prepare(x_test, y_test, {flag}))
    model.evaluate(prepare2(x_test, y_test, {flag}))
    model.evaluate(val_datagen.flow(x_test, y_test))
    """
    assert (codes(src).count("KL402") == 3) is fires
    assert ("KL402" in codes(src)) is fires
    if fires and flag != "True":  # reported in the configuration where it holds, which the message names
        messages = [v.message for v in lint_text(textwrap.dedent(src)) if v.code == "KL402"]
        assert all(m.endswith(("(when `training` is true)", "(when `len(sys.argv) > 1` is true)"))
                   for m in messages), messages


@pytest.mark.parametrize("flag", ["True", "args.normalize"])
def test_kl403_training_scaling_under_an_unknown_condition_holds_when_it_is_true(flag):
    src = CIFAR + f"""
if {flag}:
    x_train = x_train / 255.0
model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
"""
    messages = [v.message for v in lint_text(textwrap.dedent(src)) if v.code == "KL403"]
    assert len(messages) == 1
    assert messages[0].endswith("(when `args.normalize` is true)") is (flag != "True")


def test_kl403_rescaling_generator_built_under_an_unknown_condition_is_judged_per_configuration():
    src = """
    import sys
    from tensorflow.keras.preprocessing.image import ImageDataGenerator
    from tensorflow.keras import layers, models
    if len(sys.argv) > 1:
        train_datagen = ImageDataGenerator()
    else:
        train_datagen = ImageDataGenerator(rescale=1.0 / 255)
    train_gen = train_datagen.flow_from_directory("data/train", target_size=(64, 64))
    val_gen = ImageDataGenerator().flow_from_directory("data/val", target_size=(64, 64))
    model = models.Sequential([layers.Flatten(input_shape=(64, 64, 3)), layers.Dense(3, activation="softmax")])
    model.compile("adam", "categorical_crossentropy")
    model.fit(train_gen, epochs=10, validation_data=val_gen)
    """
    found = {(v.code, v.message.rsplit("(when ", 1)[-1]) for v in lint_text(textwrap.dedent(src))
             if v.code in ("KL401", "KL403")}
    # no rescaling at all in one configuration, rescaled training data only in the other
    assert found == {("KL401", "`len(sys.argv) > 1` is true)"), ("KL403", "`len(sys.argv) > 1` is false)")}
