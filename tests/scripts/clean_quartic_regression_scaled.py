# expect: none
# why: the quartic regression done right: inputs standardised, targets divided by their maximum, a linear output.
import numpy as np
from tensorflow import keras

x = np.arange(-100, 100, 0.5)
y = x ** 4
x_scaled = ((x - x.mean()) / x.std()).reshape(-1, 1)
y_scaled = y / y.max()

model = keras.Sequential([
    keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal", input_shape=(1,)),
    keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
    keras.layers.Dense(1),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
model.fit(x_scaled, y_scaled, epochs=40, batch_size=32, validation_split=0.2, shuffle=True)
