# expect: none
# why: training resumed from saved weights (model.load_weights) for one more epoch: not a model trained from scratch.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = keras.Sequential([
    keras.Input((28, 28)),
    layers.Flatten(),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.load_weights("checkpoints/mnist_mlp.weights.h5")
model.fit(x_train, y_train, epochs=1, validation_data=(x_test, y_test))
model.save_weights("checkpoints/mnist_mlp.weights.h5")
