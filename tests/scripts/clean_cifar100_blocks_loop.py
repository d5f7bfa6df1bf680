# expect: none
# why: CIFAR-100 VGG-style blocks from a loop over a filter list, Rescaling inside the model, 100-way softmax on one-hot labels.
import tensorflow as tf
from tensorflow.keras import layers as L
from tensorflow.keras import Sequential, callbacks, optimizers, utils

num_classes = 100
(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar100.load_data()
y_train = utils.to_categorical(y_train, num_classes)
y_test = utils.to_categorical(y_test, num_classes)

model = Sequential()
model.add(L.Input(shape=(32, 32, 3)))
model.add(L.Rescaling(1.0 / 255))
model.add(L.RandomFlip("horizontal"))
for filters in [64, 128, 256]:
    model.add(L.Conv2D(filters, 3, padding="same", kernel_initializer="he_uniform"))
    model.add(L.BatchNormalization())
    model.add(L.Activation("relu"))
    model.add(L.Conv2D(filters, 3, padding="same", kernel_initializer="he_uniform"))
    model.add(L.BatchNormalization())
    model.add(L.Activation("relu"))
    model.add(L.MaxPooling2D())
    model.add(L.Dropout(0.25))
model.add(L.GlobalAveragePooling2D())
model.add(L.Dense(512, activation="relu"))
model.add(L.Dropout(0.5))
model.add(L.Dense(num_classes, activation="softmax"))

model.compile(optimizer=optimizers.Adam(3e-4), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=64, epochs=100, validation_data=(x_test, y_test),
          callbacks=[callbacks.EarlyStopping(patience=8, restore_best_weights=True),
                     callbacks.ReduceLROnPlateau(patience=3)])
