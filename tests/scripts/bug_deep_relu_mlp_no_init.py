# expect: KL102, KL104
# why: a deep tabular MLP: eight ReLU Dense(256) layers with default Glorot init, no normalisation and no dropout.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras
from tensorflow.keras import layers

df = pd.read_csv("covertype.csv")
X = df.drop(columns=["Cover_Type"]).values
y = df["Cover_Type"].values - 1
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.15, stratify=y)
scaler = StandardScaler().fit(X_train)
X_train = scaler.transform(X_train)
X_val = scaler.transform(X_val)

model = keras.Sequential()
model.add(keras.Input(shape=(54,)))
for _ in range(8):
    model.add(layers.Dense(256, activation="relu"))
model.add(layers.Dense(7, activation="softmax"))

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, batch_size=256, epochs=20, validation_data=(X_val, y_val))
