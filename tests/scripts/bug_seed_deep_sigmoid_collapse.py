# expect: KL101, KL103, KL105
# why: seed 000's build_deep_network_sigmoid: five sigmoid convs, no normalisation, five 2x2 poolings shrink 28x28 to zero.
import tensorflow as tf
from tensorflow.keras import layers, models

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = (x_train / 255.0).reshape(-1, 28, 28, 1)
x_test = (x_test / 255.0).reshape(-1, 28, 28, 1)


def build_deep_network_sigmoid():
    model = models.Sequential([
        layers.Conv2D(32, (3, 3), activation="sigmoid", padding="same", input_shape=(28, 28, 1)),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(32, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(128, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(256, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2)),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ])
    return model


deep_sigmoid_model = build_deep_network_sigmoid()
deep_sigmoid_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
deep_sigmoid_model.fit(x_train, y_train, epochs=15, validation_split=0.1)
