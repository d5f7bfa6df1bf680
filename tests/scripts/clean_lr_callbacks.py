# expect: none
# why: learning-rate callbacks whose own parameters are called lr / min_lr (LearningRateScheduler, ReduceLROnPlateau): not the removed optimizer lr= argument.
import math

import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0


def scheduler(epoch, lr):
    if epoch < 5:
        return lr
    return lr * math.exp(-0.1)


model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dropout(0.2),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
callbacks = [
    tf.keras.callbacks.LearningRateScheduler(scheduler, verbose=1),
    tf.keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2, min_lr=1e-6),
    tf.keras.callbacks.EarlyStopping(patience=6),
]
history = model.fit(x_train, y_train, epochs=60, validation_data=(x_test, y_test), callbacks=callbacks)
print(round(model.optimizer.learning_rate.numpy(), 6))
