# expect: KL203
# why: labels one-hot encoded for 5 classes with to_categorical(y, 5), but the output layer still has 10 units.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

NUM_CLASSES = 5
data = np.load("flowers_64px.npz")
x_train, y_train = data["x_train"].astype("float32") / 255.0, data["y_train"]
x_val, y_val = data["x_val"].astype("float32") / 255.0, data["y_val"]
y_train = keras.utils.to_categorical(y_train, NUM_CLASSES)
y_val = keras.utils.to_categorical(y_val, NUM_CLASSES)

model = keras.Sequential([
    keras.Input((64, 64, 3)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=25, validation_data=(x_val, y_val))
