"""Fashion-MNIST fed as raw 0-255 pixels: the loss starts huge and accuracy plateaus early.

kerlint reports:
  KL401  x_train holds raw uint8 pixel values and neither the data nor the model scales them.
Fix: x_train = x_train / 255.0 (and the same for x_test), or a layers.Rescaling(1/255) first layer.
"""

import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()
# The reshape and the cast look like preprocessing, but the values are still 0-255.
x_train = x_train.reshape(-1, 28, 28, 1).astype("float32")
x_test = x_test.reshape(-1, 28, 28, 1).astype("float32")

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(28, 28, 1)),
    tf.keras.layers.Conv2D(32, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dropout(0.3),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))
