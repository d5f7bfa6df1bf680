# expect: KL204
# why: labels one-hot encoded with pandas.get_dummies, then trained with sparse categorical cross-entropy (which wants integer ids).
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

df = pd.read_csv("wine.csv")
x = StandardScaler().fit_transform(df.drop(columns=["quality"]).values)
y = pd.get_dummies(df["quality"]).values
x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.2)

model = keras.Sequential([
    keras.layers.Dense(32, activation="relu", kernel_initializer="he_normal", input_shape=(x.shape[1],)),
    keras.layers.Dense(y.shape[1], activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=40, validation_data=(x_val, y_val))
