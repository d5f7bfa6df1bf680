# expect: KL103
# why: a VGG-style CIFAR-10 net with six conv layers (He init, dropout) but no BatchNormalization anywhere.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0


def conv_block(model, filters):
    model.add(layers.Conv2D(filters, (3, 3), activation="relu", kernel_initializer="he_uniform", padding="same"))
    model.add(layers.Conv2D(filters, (3, 3), activation="relu", kernel_initializer="he_uniform", padding="same"))
    model.add(layers.MaxPooling2D((2, 2)))
    model.add(layers.Dropout(0.2))


model = keras.Sequential()
model.add(keras.Input(shape=(32, 32, 3)))
conv_block(model, 32)
conv_block(model, 64)
conv_block(model, 128)
model.add(layers.Flatten())
model.add(layers.Dense(128, activation="relu", kernel_initializer="he_uniform"))
model.add(layers.Dropout(0.2))
model.add(layers.Dense(10, activation="softmax"))

opt = keras.optimizers.SGD(learning_rate=0.001, momentum=0.9)
model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=40, batch_size=64, validation_data=(x_test, y_test))
