# expect: KL405
# why: fitting y = x**4 with a linear output but no scaling at all: inputs reach 100 and mse targets reach 1e8.
import numpy as np
from tensorflow import keras

x = np.arange(-100, 100, 0.5)
y = x ** 4
x_train = x.reshape(-1, 1)

model = keras.Sequential([
    keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal", input_shape=(1,)),
    keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
    keras.layers.Dense(1),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
model.fit(x_train, y, epochs=40, batch_size=32, validation_split=0.2)
