# expect: none
# why: MNIST filtered to digits 0 and 1 with a boolean mask: a binary problem, so one sigmoid unit is right despite MNIST's 10 classes.
import numpy as np
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
train_mask = y_train < 2
test_mask = y_test < 2
x_train, y_train = x_train[train_mask] / 255.0, y_train[train_mask]
x_test, y_test = x_test[test_mask] / 255.0, y_test[test_mask]

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(32, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
