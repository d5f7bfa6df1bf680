# expect: none
# why: a subclassed classifier whose call() applies a module-level preprocessing Sequential (Rescaling + augmentation) to raw CIFAR-10 pixels.
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()

preprocessing = keras.Sequential([
    layers.Rescaling(1.0 / 255),
    layers.RandomFlip("horizontal"),
    layers.RandomRotation(0.05),
], name="preprocessing")

encoder = keras.Sequential([
    layers.Conv2D(32, 3, padding="same", use_bias=False),
    layers.BatchNormalization(),
    layers.ReLU(),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, padding="same", use_bias=False),
    layers.BatchNormalization(),
    layers.ReLU(),
    layers.GlobalAveragePooling2D(),
], name="encoder")


class Classifier(keras.Model):
    def __init__(self, encoder, num_classes=10):
        super().__init__()
        self.encoder = encoder
        self.dropout = layers.Dropout(0.3)
        self.head = layers.Dense(num_classes, activation="softmax")

    def call(self, images, training=False):
        x = preprocessing(images, training=training)
        x = self.encoder(x, training=training)
        return self.head(self.dropout(x, training=training))


model = Classifier(encoder)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=20, validation_data=(x_test, y_test),
          callbacks=[keras.callbacks.EarlyStopping(patience=4, restore_best_weights=True)])
