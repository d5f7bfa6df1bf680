# expect: KL102, KL104
# why: Sequential(list comprehension + head): four ReLU Dense(256) layers with default init, no normalisation, no dropout.
import numpy as np
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Dense, Input

data = np.load("sensor_features.npz")
x_train, y_train = data["x_train"], data["y_train"]
x_val, y_val = data["x_val"], data["y_val"]

hidden = [Dense(256, activation="relu") for _ in range(4)]
model = Sequential([Input(shape=(40,))] + hidden + [Dense(6, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=30, batch_size=64, validation_data=(x_val, y_val))
