# expect: none
# why: a part-of-speech tagger: the softmax Dense is applied per token on the Conv1D sequence features (sequence labelling, not a missing Flatten).
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

VOCAB = 15000
MAX_LEN = 60
NUM_TAGS = 17

data = np.load("pos_tagging.npz")
x_train, y_train = data["x_train"], data["y_train"]  # (N, 60) word ids, (N, 60) tag ids
x_val, y_val = data["x_val"], data["y_val"]

inputs = keras.Input(shape=(MAX_LEN,))
x = layers.Embedding(VOCAB, 128, mask_zero=True)(inputs)
x = layers.Conv1D(128, 3, padding="same", activation="relu")(x)
x = layers.Dropout(0.3)(x)
x = layers.Conv1D(128, 3, padding="same", activation="relu")(x)
outputs = layers.Dense(NUM_TAGS, activation="softmax")(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=64, epochs=10, validation_data=(x_val, y_val))
