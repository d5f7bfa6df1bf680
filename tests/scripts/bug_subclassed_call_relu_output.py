# expect: KL201, KL309
# why: a subclassed Model applies keras.ops.relu to its one-unit output in call() and is trained with binary cross-entropy (relu is not a probability), for a single epoch, through a custom train_step.
import keras
from keras import layers, ops
import tensorflow as tf


class Net(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = layers.Conv2D(32, 3, activation="relu")
        self.pool = layers.GlobalAveragePooling2D()
        self.drop = layers.Dropout(0.5)
        self.fc = layers.Dense(1)

    def call(self, x, training=None):
        x = self.pool(self.conv1(x))
        x = self.drop(x, training=training)
        return ops.relu(self.fc(x))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"loss": loss}


(x_train, y_train), _ = keras.datasets.cifar10.load_data()
x_train = x_train / 255.0
model = Net()
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, (y_train == 0).astype("float32"), epochs=1, validation_split=0.1)
