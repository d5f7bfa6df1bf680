# expect: KL202
# why: a binary spam classifier ends in Dense(1, activation="sigmoid") yet the loss is BinaryCrossentropy(from_logits=True).
import pandas as pd
import tensorflow as tf

df = pd.read_csv("spam.csv")
texts = df["text"].values
labels = df["is_spam"].values.astype("float32")

vectorize = tf.keras.layers.TextVectorization(max_tokens=10000, output_mode="tf_idf")
vectorize.adapt(texts)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(1,), dtype=tf.string),
    vectorize,
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dropout(0.5),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss=tf.keras.losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"])
model.fit(texts, labels, epochs=10, batch_size=32, validation_split=0.2)
