# expect: KL309
# why: a click command whose --epochs option defaults to 1: the default run trains a model from scratch for a single epoch.
import click
from tensorflow import keras
from tensorflow.keras import layers


@click.command()
@click.option("--epochs", default=1, type=int, help="passes over the data")
@click.option("--units", default=64, type=int)
def train(epochs, units):
    (x_train, y_train), _ = keras.datasets.mnist.load_data()
    x_train = x_train.reshape(-1, 784) / 255.0
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        layers.Dense(units, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=epochs, validation_split=0.1)


if __name__ == "__main__":
    train()
