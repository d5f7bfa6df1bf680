# expect: none
# why: a custom Layer (conv-BN-relu block) reused inside a subclassed Model whose blocks are built in a list comprehension.
import tensorflow as tf
from tensorflow import keras


class ConvBlock(keras.layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False)
        self.bn = keras.layers.BatchNormalization()
        self.act = keras.layers.Activation("relu")

    def call(self, inputs, training=False):
        return self.act(self.bn(self.conv(inputs), training=training))


class SmallNet(keras.Model):
    def __init__(self, num_classes=10):
        super().__init__()
        self.blocks = [ConvBlock(f) for f in (32, 64, 128, 128)]
        self.pool = keras.layers.MaxPooling2D()
        self.gap = keras.layers.GlobalAveragePooling2D()
        self.drop = keras.layers.Dropout(0.3)
        self.head = keras.layers.Dense(num_classes, activation="softmax")

    def call(self, x, training=False):
        for block in self.blocks:
            x = block(x, training=training)
            x = self.pool(x)
        x = self.gap(x)
        x = self.drop(x, training=training)
        return self.head(x)


(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

model = SmallNet(num_classes=10)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=64, epochs=30, validation_data=(x_test, y_test),
          callbacks=[keras.callbacks.EarlyStopping(patience=5)])
