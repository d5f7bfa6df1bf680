# expect: KL204
# why: TF1's MNIST input_data loader with one_hot=False gives integer labels, trained here with categorical cross-entropy.
import numpy as np
from tensorflow.examples.tutorials.mnist import input_data
from tensorflow.keras.layers import Activation, BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPool2D
from tensorflow.keras.models import Sequential

mnist = input_data.read_data_sets("MNIST_data/", one_hot=False)
X, y = mnist.train.next_batch(55000)
X = np.reshape(X, (-1, 28, 28, 1))

model = Sequential()
model.add(Conv2D(input_shape=(28, 28, 1), filters=16, kernel_size=(3, 3), kernel_initializer="he_normal"))
model.add(BatchNormalization())
model.add(Activation("relu"))
model.add(MaxPool2D())
model.add(Flatten())
model.add(Dense(units=400, activation="relu", kernel_initializer="he_normal"))
model.add(Dropout(0.2))
model.add(Dense(units=10, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(X, y, batch_size=100, epochs=10, validation_split=0.33)
