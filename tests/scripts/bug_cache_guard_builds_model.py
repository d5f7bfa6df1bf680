# expect: KL201
# why: a cache guard (`if not os.path.exists(path)`) builds, compiles and trains the model; softmax over 10 classes with binary_crossentropy. The held-out evaluate() after the fit is its validation (no KL303).
import os

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

MODEL_PATH = "mnist_model.keras"

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0
y_train = keras.utils.to_categorical(y_train, 10)
y_test = keras.utils.to_categorical(y_test, 10)

if not os.path.exists(MODEL_PATH):
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.3),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=10, batch_size=128)
    model.save(MODEL_PATH)
else:
    model = keras.models.load_model(MODEL_PATH)

print(model.evaluate(x_test, y_test))
