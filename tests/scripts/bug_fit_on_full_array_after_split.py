# expect: KL307
# why: train_test_split makes a validation split, but fit() is then called on the full X, y, so every validation row was trained on.
import pandas as pd
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras import layers

df = pd.read_csv("diabetes.csv")
X = df.drop(columns=["Outcome"]).values.astype("float32")
y = df["Outcome"].values
X = (X - X.mean(axis=0)) / X.std(axis=0)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=42)

model = keras.Sequential([
    keras.Input(shape=(8,)),
    layers.Dense(32, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X, y, epochs=40, batch_size=16, validation_data=(X_val, y_val))
