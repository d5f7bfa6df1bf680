# expect: KL201
# why: a data-filling loop of 100x200 augmentations runs before the model; the model's softmax + binary_crossentropy must still be seen.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


def augment(image):
    flipped = np.fliplr(image)
    noisy = flipped + np.random.normal(0, 0.01, flipped.shape)
    return np.clip(noisy, 0.0, 1.0)


images = []
labels = []
for epoch in range(100):
    for step in range(200):
        images.append(augment(np.zeros((28, 28))))
        labels.append(step % 10)

x = np.array(images).reshape(-1, 784)
y = keras.utils.to_categorical(np.array(labels), 10)

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=10, validation_split=0.2,
          callbacks=[keras.callbacks.EarlyStopping(patience=2)])
