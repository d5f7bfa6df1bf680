"""A clean baseline: the MNIST convnet most tutorials start from.

kerlint reports nothing here. Everything the other examples get wrong is done right:
pixels scaled to [0, 1], a small ReLU stack, Dropout before the head, an output layer and a loss that
agree with the integer labels, a validation split and enough epochs with early stopping.
"""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
# uint8 0-255 -> float 0-1, with a channel axis for Conv2D.
x_train = x_train[..., tf.newaxis].astype("float32") / 255.0
x_test = x_test[..., tf.newaxis].astype("float32") / 255.0

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),  # 10 digits, softmax ...
])
# ... with integer labels 0-9 -> sparse categorical cross-entropy.
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

model.fit(x_train, y_train, batch_size=128, epochs=15, validation_split=0.1,
          callbacks=[keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)])
print(model.evaluate(x_test, y_test, verbose=0))
