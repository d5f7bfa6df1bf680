# expect: KL205
# why: house-price regression with mse loss but metrics=["accuracy"]: exact float matches, so "accuracy" stays near 0.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.boston_housing.load_data()
mean = x_train.mean(axis=0)
std = x_train.std(axis=0)
x_train = (x_train - mean) / std
x_test = (x_test - mean) / std

model = keras.Sequential([
    layers.Dense(64, activation="relu", input_shape=(13,)),
    layers.Dense(32, activation="relu"),
    layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=40, batch_size=16, validation_split=0.2)
