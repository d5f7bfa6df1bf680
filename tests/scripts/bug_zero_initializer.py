# expect: KL110
# why: kernel_initializer="zeros" on the hidden layer: every unit gets the same gradient and they never become different.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784) / 255.0
x_test = x_test.reshape(-1, 784) / 255.0

model = keras.Sequential([
    layers.Input(shape=(784,)),
    layers.Dense(128, activation="relu", kernel_initializer="zeros"),
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
