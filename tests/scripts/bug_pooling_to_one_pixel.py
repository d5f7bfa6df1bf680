# expect: KL105
# why: a 28x28 input pooled four times (with BN) is down to 1x1 before the last conv layer, which then sees a single position.
import tensorflow as tf
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train[..., None] / 255.0
x_test = x_test[..., None] / 255.0

model = tf.keras.Sequential([layers.Input(shape=(28, 28, 1))])
for filters in (16, 32, 64, 128):
    model.add(layers.Conv2D(filters, 3, padding="same", kernel_initializer="he_normal"))
    model.add(layers.BatchNormalization())
    model.add(layers.ReLU())
    model.add(layers.MaxPooling2D(2))
model.add(layers.Conv2D(256, 3, padding="same", activation="relu"))
model.add(layers.GlobalAveragePooling2D())
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=128, validation_data=(x_test, y_test))
