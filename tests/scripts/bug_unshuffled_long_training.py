# expect: KL304, KL308
# why: data sorted by class and fit(shuffle=False), for 100 epochs without any early stopping or checkpoint.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
order = np.argsort(y_train)
x_train = x_train[order].reshape(-1, 784).astype("float32") / 255.0
y_train = y_train[order]
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0

model = keras.Sequential([
    layers.Input(shape=(784,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=100, batch_size=256, shuffle=False, validation_data=(x_test, y_test))
