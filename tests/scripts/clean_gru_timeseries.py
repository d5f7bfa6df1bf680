# expect: none
# why: univariate temperature forecasting with a GRU on windows built by keras.utils.timeseries_dataset_from_array, mse/mae.
import numpy as np
import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers

df = pd.read_csv("jena_climate_2009_2016.csv")
temperature = df["T (degC)"].values.astype("float32")
num_train = int(0.5 * len(temperature))
num_val = int(0.25 * len(temperature))

mean = temperature[:num_train].mean()
std = temperature[:num_train].std()
series = (temperature - mean) / std

sequence_length = 120
delay = sequence_length + 24 - 1
train_dataset = keras.utils.timeseries_dataset_from_array(
    series[:-delay], targets=series[delay:], sequence_length=sequence_length,
    shuffle=True, batch_size=256, start_index=0, end_index=num_train)
val_dataset = keras.utils.timeseries_dataset_from_array(
    series[:-delay], targets=series[delay:], sequence_length=sequence_length,
    shuffle=True, batch_size=256, start_index=num_train, end_index=num_train + num_val)

inputs = keras.Input(shape=(sequence_length, 1))
x = layers.GRU(32, recurrent_dropout=0.25)(inputs)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)

callbacks = [keras.callbacks.ModelCheckpoint("jena_gru.keras", save_best_only=True)]
model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
history = model.fit(train_dataset, epochs=50, validation_data=val_dataset, callbacks=callbacks)
