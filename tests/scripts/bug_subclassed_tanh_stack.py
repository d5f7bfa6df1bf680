# expect: KL101
# why: a subclassed MLP whose hidden Dense layers use tanh, three deep, on Fashion-MNIST.
import tensorflow as tf


class TanhClassifier(tf.keras.Model):
    def __init__(self, hidden=(256, 128, 64), num_classes=10):
        super().__init__()
        self.flatten = tf.keras.layers.Flatten()
        self.hidden_layers = [tf.keras.layers.Dense(units, activation="tanh") for units in hidden]
        self.dropout = tf.keras.layers.Dropout(0.2)
        self.out = tf.keras.layers.Dense(num_classes, activation="softmax")

    def call(self, inputs, training=False):
        x = self.flatten(inputs)
        for layer in self.hidden_layers:
            x = layer(x)
        x = self.dropout(x, training=training)
        return self.out(x)


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = TanhClassifier()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=64, validation_data=(x_test, y_test))
