# expect: KL102
# why: a subclassed residual-free MLP: eight ReLU Dense layers created in a list comprehension, default init, no normalisation.
from tensorflow import keras
from tensorflow.keras import layers


class DeepMLP(keras.Model):
    def __init__(self, depth=8, width=64, num_classes=10):
        super().__init__()
        self.flatten = layers.Flatten()
        self.stack = [layers.Dense(width, activation="relu") for _ in range(depth)]
        self.drop = layers.Dropout(0.1)
        self.classifier = layers.Dense(num_classes, activation="softmax")

    def call(self, x, training=False):
        x = self.flatten(x)
        for dense in self.stack:
            x = dense(x)
        return self.classifier(self.drop(x, training=training))


(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

model = DeepMLP()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=128, validation_split=0.1)
