# expect: none
# why: string classes turned into integer ids by LabelEncoder, trained with sparse categorical cross-entropy on a head sized from the data.
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import LabelEncoder, StandardScaler
from tensorflow import keras

df = pd.read_csv("iris.csv")
features = StandardScaler().fit_transform(df.iloc[:, :4].values)
species = LabelEncoder().fit_transform(df["species"])
x_train, x_val, y_train, y_val = train_test_split(features, species, test_size=0.2, stratify=species)

model = keras.Sequential([
    keras.layers.Dense(16, activation="relu", kernel_initializer="he_normal", input_shape=(4,)),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=40, validation_data=(x_val, y_val))
