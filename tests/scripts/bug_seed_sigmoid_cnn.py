# expect: KL101
# why: seed 000's build_bad_network trained on MNIST: two sigmoid conv layers before the softmax head.
import tensorflow as tf
from tensorflow.keras import layers, models


def build_bad_network():
    model = models.Sequential([
        layers.Conv2D(32, (3, 3), activation="sigmoid", padding="same", input_shape=(28, 28, 1)),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation="sigmoid", padding="same"),
        layers.MaxPooling2D((2, 2)),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ])
    return model


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 28, 28, 1).astype("float32") / 255.0
x_test = x_test.reshape(-1, 28, 28, 1).astype("float32") / 255.0
y_train = tf.keras.utils.to_categorical(y_train, 10)
y_test = tf.keras.utils.to_categorical(y_test, 10)

bad_model = build_bad_network()
bad_model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
bad_model.fit(x_train, y_train, epochs=10, batch_size=64, validation_data=(x_test, y_test))
