# expect: KL202
# why: a subclassed model ends in tf.nn.softmax but is compiled with SparseCategoricalCrossentropy(from_logits=True).
import tensorflow as tf


class ConvClassifier(tf.keras.Model):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = tf.keras.layers.Conv2D(32, 3, activation="relu")
        self.pool = tf.keras.layers.MaxPooling2D()
        self.conv2 = tf.keras.layers.Conv2D(64, 3, activation="relu")
        self.gap = tf.keras.layers.GlobalAveragePooling2D()
        self.logits = tf.keras.layers.Dense(num_classes)

    def call(self, x):
        x = self.pool(self.conv1(x))
        x = self.gap(self.conv2(x))
        return tf.nn.softmax(self.logits(x))


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train[..., None] / 255.0
x_test = x_test[..., None] / 255.0

model = ConvClassifier()
model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
model.fit(x_train, y_train, epochs=6, batch_size=64, validation_data=(x_test, y_test))
