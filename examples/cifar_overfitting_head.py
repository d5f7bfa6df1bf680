"""CIFAR-10: training accuracy climbs to ~99% while validation accuracy stalls around 70%.

kerlint reports:
  KL103  four convolution layers and no BatchNormalization: the stack trains slowly and is fragile.
  KL104  a hidden Dense(512) with no Dropout or weight regularisation anywhere: the head memorises.
Fix: BatchNormalization after each Conv2D, Dropout(0.5) before the classifier (or a kernel_regularizer).
"""

from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(32, 3, padding="same", activation="relu", kernel_initializer="he_normal"),
    layers.Conv2D(32, 3, padding="same", activation="relu", kernel_initializer="he_normal"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer="he_normal"),
    layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer="he_normal"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(512, activation="relu", kernel_initializer="he_normal"),  # wide head, nothing regularises it
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=64, epochs=25, validation_data=(x_test, y_test))
