# A Keras 1 MNIST CNN (Convolution2D(nb_filter, nb_row, nb_col), border_mode, Dropout(p=), np_utils).
import numpy as np
from keras.models import Sequential
from keras.layers.core import Dense, Dropout, Flatten
from keras.layers.convolutional import Convolution2D, MaxPooling2D
from keras.utils import np_utils

x_train = np.random.rand(32, 28, 28, 1).astype("float32")
y_train = np_utils.to_categorical(np.random.randint(0, 10, size=(32,)), 10)

model = Sequential()
model.add(Convolution2D(32, 3, 3, border_mode="same", input_shape=(28, 28, 1), init="he_normal",
                        activation="relu", dim_ordering="tf"))
model.add(MaxPooling2D(pool_size=(2, 2), border_mode="valid"))
model.add(Convolution2D(64, 3, 3, activation="relu", subsample=(2, 2)))
model.add(Dropout(p=0.25))
model.add(Flatten())
model.add(Dense(output_dim=128, activation="relu", W_regularizer="l2"))
model.add(Dense(output_dim=10, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=16, nb_epoch=1, verbose=0, validation_split=0.25)
