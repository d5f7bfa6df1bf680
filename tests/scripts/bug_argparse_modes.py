# expect: KL301, KL303
# why: `--mode` has choices train/finetune; the finetune mode recompiles with SGD at learning rate 5.0 and trains without validation, the train mode is healthy.
import argparse

from tensorflow import keras
from tensorflow.keras import layers

parser = argparse.ArgumentParser(description="CIFAR-10 classifier")
parser.add_argument("--mode", choices=["train", "finetune"], default="train")
parser.add_argument("--epochs", type=int, default=30)
parser.add_argument("--batch-size", type=int, default=64)
args = parser.parse_args()

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(32, 3, activation="relu", padding="same"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu", padding="same"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
early = keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)

if args.mode == "train":
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=args.epochs, batch_size=args.batch_size,
              validation_data=(x_test, y_test), callbacks=[early])
elif args.mode == "finetune":
    model.load_weights("cifar.weights.h5")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=5.0), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=args.epochs, batch_size=args.batch_size, callbacks=[early])
