# expect: KL306
# why: seed 001's learning-rate comparison: one model compiled and fit twice, so the second run starts from the first's weights.
import tensorflow as tf
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784) / 255.0
x_test = x_test.reshape(-1, 784) / 255.0

model = keras.Sequential([
    keras.layers.Input(shape=(784,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])

optimizer_high_lr = keras.optimizers.Adam(learning_rate=0.005)
optimizer_low_lr = keras.optimizers.Adam(learning_rate=0.001)

model.compile(optimizer=optimizer_high_lr, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history_high_lr = model.fit(x_train, y_train, epochs=10, validation_split=0.1)

model.compile(optimizer=optimizer_low_lr, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history_low_lr = model.fit(x_train, y_train, epochs=10, validation_split=0.1)

print("high:", history_high_lr.history["val_accuracy"][-1])
print("low:", history_low_lr.history["val_accuracy"][-1])
