# expect: none
# why: multi-label tagging: several independent sigmoid outputs with binary cross-entropy is the right pairing.
import numpy as np
import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers

df = pd.read_csv("movie_plots.csv")
tags = ["action", "comedy", "drama", "horror", "romance", "sci-fi"]
texts = df["plot"].values
labels = df[tags].values.astype("float32")

vectorizer = layers.TextVectorization(max_tokens=20000, output_mode="tf_idf")
vectorizer.adapt(texts)

inputs = keras.Input(shape=(1,), dtype="string")
x = vectorizer(inputs)
x = layers.Dense(256, activation="relu")(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(len(tags), activation="sigmoid")(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC(multi_label=True)])
model.fit(texts, labels, epochs=15, batch_size=64, validation_split=0.15)
