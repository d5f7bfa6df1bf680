"""The output layer, the loss and the labels disagree: accuracy hovers at chance or looks fine but lies.

kerlint reports:
  KL201  ten sigmoid outputs trained with categorical cross-entropy (sigmoid is for independent labels;
         one class per image wants softmax).
  KL204  categorical_crossentropy expects one-hot labels, but y_train holds the integers 0-9.
Fix: Dense(10, activation="softmax") and loss="sparse_categorical_crossentropy" (or to_categorical(y)).
"""

from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=64, validation_data=(x_test, y_test))
