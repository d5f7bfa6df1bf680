# expect: KL109
# why: a copy-paste slip puts activation="softmax" on a hidden Dense layer of a wine-quality classifier.
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Dense, Dropout

wine = pd.read_csv("winequality-red.csv", sep=";")
X = wine.drop("quality", axis=1).values
y = (wine["quality"] >= 6).astype(int).values
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
sc = StandardScaler()
X_train = sc.fit_transform(X_train)
X_test = sc.transform(X_test)

model = Sequential([
    Dense(64, activation="relu", input_shape=(11,)),
    Dense(32, activation="softmax"),
    Dropout(0.2),
    Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=30, batch_size=32, validation_data=(X_test, y_test))
