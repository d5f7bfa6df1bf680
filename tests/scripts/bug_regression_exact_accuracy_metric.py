# expect: KL205, KL308
# why: a house-price regressor tracks keras.metrics.Accuracy (exact equality of floats) with an mse loss: it reads 0 however good the fit.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.boston_housing.load_data()
mean, std = x_train.mean(axis=0), x_train.std(axis=0)
x_train = (x_train - mean) / std
x_test = (x_test - mean) / std

model = keras.Sequential([
    layers.Dense(64, activation="relu", input_shape=(13,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(1),
])
model.compile(optimizer="rmsprop", loss="mse", metrics=[keras.metrics.Accuracy()])
model.fit(x_train, y_train, epochs=60, batch_size=16, validation_split=0.2, verbose=0)
print(model.evaluate(x_test, y_test))
