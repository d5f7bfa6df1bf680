# expect: KL301, KL309
# why: hyperparameters in a dataclass config (Config(epochs=1) overrides the default) and a dict read with .get(): SGD at learning rate 5.0, one epoch.
from dataclasses import dataclass
from tensorflow import keras

@dataclass
class Config:
    units: int = 64
    epochs: int = 30
    lr: float = 1e-3

cfg = Config(epochs=1)
params = {"lr": 5.0}
model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(cfg.units, activation="relu"), keras.layers.Dropout(0.2), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=params.get("lr", 0.01)), loss="binary_crossentropy")
(x, y), _ = keras.datasets.mnist.load_data()
x, y = x.reshape(-1, 784)[:, :8] / 255.0, (y == 0).astype("float32")
model.fit(x, y, epochs=cfg.epochs, validation_split=0.2)
