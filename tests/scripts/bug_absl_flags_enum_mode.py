# expect: KL202
# why: absl flags: DEFINE_enum `head` chooses a softmax or a linear (logits) output; the logits arm compiles the probability loss without from_logits=True, the softmax arm is fine.
from absl import app, flags
from tensorflow import keras
from tensorflow.keras import layers

FLAGS = flags.FLAGS
flags.DEFINE_enum("head", "softmax", ["softmax", "logits"], "output layer")
flags.DEFINE_integer("epochs", 15, "training epochs")


def main(argv):
    del argv
    (x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
    x_train = x_train / 255.0
    model = keras.Sequential([
        keras.Input(shape=(28, 28)),
        layers.Flatten(),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.2),
    ])
    if FLAGS.head == "softmax":
        model.add(layers.Dense(10, activation="softmax"))
    else:
        model.add(layers.Dense(10))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=FLAGS.epochs, validation_split=0.1,
              callbacks=[keras.callbacks.EarlyStopping(patience=2)])


if __name__ == "__main__":
    app.run(main)
