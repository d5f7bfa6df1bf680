# expect: none
# why: heart-disease style tabular binary classification: a Normalization layer adapted on the features, sigmoid output.
import pandas as pd
import tensorflow as tf
from tensorflow.keras.layers import Dense, Dropout, Input, Normalization
from tensorflow.keras.models import Model

df = pd.read_csv("heart.csv")
val_df = df.sample(frac=0.2, random_state=1337)
train_df = df.drop(val_df.index)

feature_cols = ["age", "trestbps", "chol", "thalach", "oldpeak", "slope", "ca"]
x_train = train_df[feature_cols].values.astype("float32")
y_train = train_df["target"].values
x_val = val_df[feature_cols].values.astype("float32")
y_val = val_df["target"].values

normalizer = Normalization(axis=-1)
normalizer.adapt(x_train)

inputs = Input(shape=(len(feature_cols),))
x = normalizer(inputs)
x = Dense(32, activation="relu")(x)
x = Dropout(0.5)(x)
x = Dense(16, activation="relu")(x)
outputs = Dense(1, activation="sigmoid")(x)
model = Model(inputs, outputs)

model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=40, batch_size=32, validation_data=(x_val, y_val))
