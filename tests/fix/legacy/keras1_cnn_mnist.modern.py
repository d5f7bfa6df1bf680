import numpy as np
from keras.models import Sequential
from keras.layers import Conv2D, Dense, Dropout, Flatten, MaxPooling2D
from keras.utils import to_categorical

x_train = np.random.rand(32, 28, 28, 1).astype("float32")
y_train = to_categorical(np.random.randint(0, 10, size=(32,)), 10)

model = Sequential()
model.add(Conv2D(32, (3, 3), padding="same", input_shape=(28, 28, 1), kernel_initializer="he_normal",
                 activation="relu", data_format="channels_last"))
model.add(MaxPooling2D(pool_size=(2, 2), padding="valid"))
model.add(Conv2D(64, (3, 3), activation="relu", strides=(2, 2)))
model.add(Dropout(rate=0.25))
model.add(Flatten())
model.add(Dense(units=128, activation="relu", kernel_regularizer="l2"))
model.add(Dense(units=10, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=16, epochs=1, verbose=0, validation_split=0.25)
