# expect: KL201, KL205
# why: "my regression predicts 1.0 for everything": Dense(1, activation="softmax") as a regression output, judged by accuracy.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential

df = pd.read_csv("house_prices.csv")
X = df[["sqft", "bedrooms", "bathrooms", "age"]].values
y = df["price"].values / 1e5
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
scaler = MinMaxScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.transform(X_test)

model = Sequential()
model.add(Dense(32, input_dim=4, activation="relu"))
model.add(Dense(16, activation="relu"))
model.add(Dense(1, activation="softmax"))
model.compile(loss="mean_squared_error", optimizer="adam", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=40, batch_size=16, validation_data=(X_test, y_test),
          callbacks=[])
