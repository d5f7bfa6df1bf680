# expect: KL002
# why: an exhaustive grid search builds and compiles a model for each of 90,000 settings before the final model: kerlint's step budget runs out inside it, and says so instead of passing the file.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
y_train = keras.utils.to_categorical(y_train, 10)

candidates = []
for units in range(16, 316):
    for rate in range(300):
        candidate = keras.Sequential([
            keras.Input(shape=(784,)),
            layers.Dense(units, activation="relu"),
            layers.Dropout(rate / 1000),
            layers.Dense(10, activation="softmax"),
        ])
        candidate.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        candidates.append(candidate)

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, validation_split=0.1)
