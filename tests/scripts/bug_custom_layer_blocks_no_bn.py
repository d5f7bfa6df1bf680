# expect: KL103
# why: a custom DoubleConv layer used three times in a functional model: six convolutions, no normalisation anywhere.
import tensorflow as tf
from tensorflow.keras import layers


class DoubleConv(layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv_a = layers.Conv2D(filters, 3, padding="same", activation="relu", kernel_initializer="he_normal")
        self.conv_b = layers.Conv2D(filters, 3, padding="same", activation="relu", kernel_initializer="he_normal")
        self.pool = layers.MaxPooling2D()

    def call(self, x):
        return self.pool(self.conv_b(self.conv_a(x)))


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

inputs = tf.keras.Input(shape=(32, 32, 3))
x = DoubleConv(32)(inputs)
x = DoubleConv(64)(x)
x = DoubleConv(128)(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.4)(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=25, batch_size=64, validation_data=(x_test, y_test))
