# expect: KL102
# why: a 1-D convnet text classifier (Embedding -> Conv1D/MaxPooling1D blocks -> GlobalMaxPooling1D) on 20 newsgroups-style sequences of length 1000. (KL102 info: four default-init ReLU layers)
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

MAX_LEN = 1000
NUM_WORDS = 20000
NUM_CLASSES = 20

data = np.load("newsgroups_sequences.npz")
x_train, y_train = data["x_train"], data["y_train"]
x_val, y_val = data["x_val"], data["y_val"]

int_sequences_input = keras.Input(shape=(MAX_LEN,), dtype="int64")
x = layers.Embedding(NUM_WORDS, 100)(int_sequences_input)
x = layers.Conv1D(128, 5, activation="relu")(x)
x = layers.MaxPooling1D(5)(x)
x = layers.Conv1D(128, 5, activation="relu")(x)
x = layers.MaxPooling1D(5)(x)
x = layers.Conv1D(128, 5, activation="relu")(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dense(128, activation="relu")(x)
x = layers.Dropout(0.5)(x)
preds = layers.Dense(NUM_CLASSES, activation="softmax")(x)
model = keras.Model(int_sequences_input, preds)

model.compile(loss="sparse_categorical_crossentropy", optimizer="rmsprop", metrics=["acc"])
model.fit(x_train, y_train, batch_size=128, epochs=20, validation_data=(x_val, y_val))
