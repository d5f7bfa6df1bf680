# expect: KL306
# why: a learning-rate sweep that recompiles and refits one model object: every run after the first starts from trained weights.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0

model = keras.Sequential([
    keras.Input(shape=(784,)),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

results = {}
for lr in [3e-3, 1e-3, 3e-4]:
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=lr),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=5, batch_size=128, validation_split=0.1, verbose=0)
    results[lr] = history.history["val_accuracy"][-1]
print(results)
