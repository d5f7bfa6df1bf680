# expect: none
# why: a command-line training script: hyper-parameters come from argparse inside main(), so nothing about them is known statically.
import argparse

import tensorflow as tf
from tensorflow.keras import layers


def build_model(num_layers, width, dropout):
    model = tf.keras.Sequential([layers.Input(shape=(28, 28)), layers.Flatten()])
    for _ in range(num_layers):
        model.add(layers.Dense(width, activation="relu"))
        model.add(layers.Dropout(dropout))
    model.add(layers.Dense(10, activation="softmax"))
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--width", type=int, default=256)
    parser.add_argument("--dropout", type=float, default=0.3)
    args = parser.parse_args()

    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
    x_train, x_test = x_train / 255.0, x_test / 255.0

    model = build_model(args.layers, args.width, args.dropout)
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=args.lr),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=args.epochs, validation_split=0.1)
    model.evaluate(x_test, y_test)


if __name__ == "__main__":
    main()
