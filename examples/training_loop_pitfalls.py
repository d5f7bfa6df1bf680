"""A reasonable model, trained badly: the problems are all in compile() and fit().

kerlint reports:
  KL301  Adam(learning_rate=0.05) is ten times above the range adaptive optimizers tolerate: loss oscillates.
  KL304  fit(shuffle=False) on data sorted by class: every batch holds one digit.
  KL303  no validation_split / validation_data: nothing shows the model stopped generalising.
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), _ = keras.datasets.mnist.load_data()
order = np.argsort(y_train)  # e.g. data exported class by class
x_train = x_train[order].reshape(-1, 784).astype("float32") / 255.0
y_train = y_train[order]

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=128, shuffle=False)
