# expect: KL308
# why: a functional churn classifier trained for 300 epochs with no early stopping or checkpoint: the final weights are overfitted.
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("churn.csv")
X = df.drop(columns=["Exited"]).select_dtypes("number").values
y = df["Exited"].values
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, stratify=y)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_val = scaler.transform(X_val)

inputs = tf.keras.Input(shape=(X_train.shape[1],))
x = tf.keras.layers.Dense(32, activation="relu")(inputs)
x = tf.keras.layers.Dropout(0.3)(x)
x = tf.keras.layers.Dense(16, activation="relu")(x)
outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=300, batch_size=64, validation_data=(X_val, y_val))
