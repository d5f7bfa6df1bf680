# expect: none
# why: stacked LSTMs (tanh inside the recurrent cells) forecasting a standardised sales series with mse and EarlyStopping.
import numpy as np
import pandas as pd
from tensorflow import keras
from tensorflow.keras import layers

series = pd.read_csv("daily_sales.csv")["sales"].values.astype("float32")
series = (series - series.mean()) / series.std()

window = 30
X = np.stack([series[i:i + window] for i in range(len(series) - window)])[..., None]
y = series[window:]
split = int(0.8 * len(X))
X_train, X_val, y_train, y_val = X[:split], X[split:], y[:split], y[split:]

model = keras.Sequential([
    layers.Input(shape=(window, 1)),
    layers.LSTM(64, return_sequences=True),
    layers.LSTM(64, return_sequences=True),
    layers.LSTM(32),
    layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(X_train, y_train, epochs=100, batch_size=32, validation_data=(X_val, y_val),
          callbacks=[keras.callbacks.EarlyStopping(patience=10, restore_best_weights=True)])
