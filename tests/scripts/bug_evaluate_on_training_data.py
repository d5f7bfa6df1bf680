# expect: KL307
# why: a placeholder "test set" aliases the training arrays, so the printed test accuracy reports memorisation as generalisation.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
x_train = x_train / 255.0
x_test, y_test = x_train, y_train  # TODO: load the real test split

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    layers.Flatten(),
    layers.Dense(100, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, validation_split=0.1)

test_loss, test_acc = model.evaluate(x_test, y_test)
print("Test accuracy:", test_acc)
