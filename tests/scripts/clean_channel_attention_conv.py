# expect: none
# why: channel attention written with 1x1 convolutions on a pooled 1x1 descriptor (MIRNet / SE style): the 1x1 map is a side branch, not the main path.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0


def channel_attention(x, channels, reduction=8):
    descriptor = layers.GlobalAveragePooling2D()(x)
    descriptor = layers.Reshape((1, 1, channels))(descriptor)
    weights = layers.Conv2D(channels // reduction, 1, activation="relu")(descriptor)
    weights = layers.Conv2D(channels, 1, activation="sigmoid")(weights)
    return layers.Multiply()([x, weights])


inputs = keras.Input(shape=(32, 32, 3))
x = inputs
for channels in (32, 64, 128):
    x = layers.Conv2D(channels, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU()(x)
    x = channel_attention(x, channels)
    x = layers.MaxPooling2D()(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=30, validation_split=0.1,
          callbacks=[keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)])
