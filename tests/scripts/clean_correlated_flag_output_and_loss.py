# expect: none
# why: a `binary` flag selects a sigmoid unit with binary cross-entropy in one arm and softmax with categorical cross-entropy in the other: each configuration is consistent.
import argparse

from tensorflow import keras
from tensorflow.keras import layers

parser = argparse.ArgumentParser()
parser.add_argument("--binary", action="store_true")
parser.add_argument("--epochs", type=int, default=20)
args = parser.parse_args()

(x_train, y_train), _ = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0

model = keras.Sequential()
model.add(keras.Input(shape=(784,)))
model.add(layers.Dense(128, activation="relu"))
model.add(layers.Dropout(0.3))
if args.binary:
    y_train = (y_train == 0).astype("float32")
    model.add(layers.Dense(1, activation="sigmoid"))
else:
    y_train = keras.utils.to_categorical(y_train, 10)
    model.add(layers.Dense(10, activation="softmax"))

if args.binary:
    loss = "binary_crossentropy"
else:
    loss = "categorical_crossentropy"
model.compile(optimizer="adam", loss=loss, metrics=["accuracy"])
model.fit(x_train, y_train, epochs=args.epochs, batch_size=64, validation_split=0.1,
          callbacks=[keras.callbacks.EarlyStopping(patience=3)])
