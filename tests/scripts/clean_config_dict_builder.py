# expect: none
# why: the model is built by a helper from a CONFIG dict (filters, dense units, dropout); the helper is called with literal config.
import tensorflow as tf
from tensorflow.keras import layers

CONFIG = {
    "input_shape": (28, 28, 1),
    "filters": [32, 64],
    "dense_units": 128,
    "dropout": 0.4,
    "num_classes": 10,
    "learning_rate": 1e-3,
    "epochs": 12,
}


def make_model(cfg):
    inputs = tf.keras.Input(shape=cfg["input_shape"])
    x = inputs
    for f in cfg["filters"]:
        x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
        x = layers.MaxPooling2D()(x)
    x = layers.Flatten()(x)
    x = layers.Dense(cfg["dense_units"], activation="relu")(x)
    x = layers.Dropout(cfg["dropout"])(x)
    outputs = layers.Dense(cfg["num_classes"], activation="softmax")(x)
    return tf.keras.Model(inputs, outputs)


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()
x_train = x_train[..., None].astype("float32") / 255.0
x_test = x_test[..., None].astype("float32") / 255.0

model = make_model(CONFIG)
model.compile(optimizer=tf.keras.optimizers.Adam(CONFIG["learning_rate"]),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=CONFIG["epochs"], batch_size=128, validation_data=(x_test, y_test))
