# expect: none
# why: a learning-rate sweep: one fresh model per rate in a loop, each validated; the 0.1 trial is a trial, not a mistake.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0


def build_model():
    return keras.Sequential([
        layers.Flatten(input_shape=(28, 28)),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(10, activation="softmax"),
    ])


results = {}
for learning_rate in [1e-1, 1e-2, 1e-3, 1e-4]:
    model = build_model()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=5, batch_size=128, validation_split=0.1, verbose=0)
    results[learning_rate] = max(history.history["val_accuracy"])

best = max(results, key=results.get)
print("best learning rate", best, results[best])
