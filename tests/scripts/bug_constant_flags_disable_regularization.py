# expect: KL103, KL104
# why: configuration flags at the top are False, so the BatchNormalization and Dropout branches never add their layers.
import tensorflow as tf
from tensorflow.keras import layers

USE_BATCHNORM = False
USE_DROPOUT = False
FILTERS = [32, 64, 128, 256]

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = tf.keras.Sequential()
model.add(layers.Input(shape=(32, 32, 3)))
for f in FILTERS:
    model.add(layers.Conv2D(f, 3, padding="same", activation="relu", kernel_initializer="he_normal"))
    if USE_BATCHNORM:
        model.add(layers.BatchNormalization())
    model.add(layers.MaxPooling2D())
model.add(layers.Flatten())
model.add(layers.Dense(256, activation="relu", kernel_initializer="he_normal"))
if USE_DROPOUT:
    model.add(layers.Dropout(0.5))
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=20, batch_size=64, validation_split=0.15)
