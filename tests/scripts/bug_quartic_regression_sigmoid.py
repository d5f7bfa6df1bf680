# expect: KL207, KL405
# why: fitting y = x**4 on raw x in [-100, 100) with a sigmoid output: unscaled inputs, and targets up to 1e8 that a sigmoid can never produce.
import numpy as np
from tensorflow import keras

x = np.arange(-100, 100, 0.5)
y = x ** 4

model = keras.Sequential([
    keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal", input_shape=(1,)),
    keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
model.fit(x, y, epochs=40, batch_size=32, validation_split=0.2)
