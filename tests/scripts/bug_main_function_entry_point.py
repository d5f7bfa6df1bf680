# expect: KL101, KL201
# why: everything happens in main(), called from `if __name__ == "__main__":`; a deep sigmoid stack trained with categorical cross-entropy on one sigmoid unit.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


def load_data():
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
    x_test = x_test.reshape(-1, 784).astype("float32") / 255.0
    return (x_train, (y_train == 0).astype("float32")), (x_test, (y_test == 0).astype("float32"))


def build_model(hidden=(256, 128, 64, 32)):
    model = keras.Sequential([keras.Input(shape=(784,))])
    for units in hidden:
        model.add(layers.Dense(units, activation="sigmoid"))
        model.add(layers.Dropout(0.2))
    model.add(layers.Dense(1, activation="sigmoid"))
    return model


def main():
    (x_train, y_train), (x_test, y_test) = load_data()
    model = build_model()
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=20, batch_size=128, validation_data=(x_test, y_test),
              callbacks=[keras.callbacks.EarlyStopping(patience=3)])
    print(model.evaluate(x_test, y_test))


if __name__ == "__main__":
    main()
