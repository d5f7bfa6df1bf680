import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Activation
from keras.optimizers import SGD

x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
y = np.array([[0], [1], [1], [0]], dtype="float32")

model = Sequential()
model.add(Dense(input_dim=2, units=4, kernel_initializer="uniform"))
model.add(Activation("tanh"))
model.add(Dense(units=1, kernel_initializer="uniform"))
model.add(Activation("sigmoid"))
model.compile(loss="binary_crossentropy", optimizer=SGD(learning_rate=0.1, momentum=0.9, nesterov=True))
model.fit(x, y, epochs=2, batch_size=4, verbose=0)
