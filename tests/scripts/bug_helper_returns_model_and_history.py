# expect: KL303, KL401
# why: a train() helper returns (model, history); the CIFAR-10 pixels it receives were never scaled and it trains without validation.
from tensorflow import keras
from tensorflow.keras import layers


def build_model(num_classes):
    return keras.Sequential([
        keras.Input(shape=(32, 32, 3)),
        layers.Conv2D(32, 3, activation="relu", padding="same"),
        layers.BatchNormalization(),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu", padding="same"),
        layers.BatchNormalization(),
        layers.GlobalAveragePooling2D(),
        layers.Dense(num_classes, activation="softmax"),
    ])


def train(x, y, epochs=20):
    model = build_model(10)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=epochs, batch_size=64)
    return model, history


(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
model, history = train(x_train, y_train)
print(history.history["accuracy"][-1])
model.save("cifar_model.keras")
