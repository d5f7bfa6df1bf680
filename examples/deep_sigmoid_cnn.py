"""A deep sigmoid CNN on MNIST: the vanishing-gradient example from the seed documents.

`kerlint check examples/` flags the sigmoid stack statically (KL101); the dry run confirms it:

    kerlint probe examples/deep_sigmoid_cnn.py --synthetic

(--synthetic replaces the MNIST download with class-structured data of the same shape and dtype.)
"""

import tensorflow as tf
from tensorflow.keras import layers, models


def load_mnist():
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
    x_train = x_train.reshape(-1, 28, 28, 1).astype("float32") / 255.0
    x_test = x_test.reshape(-1, 28, 28, 1).astype("float32") / 255.0
    y_train = tf.keras.utils.to_categorical(y_train, 10)
    y_test = tf.keras.utils.to_categorical(y_test, 10)
    return (x_train, y_train), (x_test, y_test)


def build_deep_network_sigmoid():
    return models.Sequential([
        layers.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(32, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(128, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(256, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2), padding="same"),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ])


if __name__ == "__main__":
    (x_train, y_train), (x_test, y_test) = load_mnist()
    model = build_deep_network_sigmoid()
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=20, batch_size=64, validation_data=(x_test, y_test))
    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"test accuracy: {accuracy:.3f}")
