# A 2015 Stack Overflow XOR network, as posted (Keras 1).
import numpy as np
from keras.models import Sequential
from keras.layers.core import Dense, Activation
from keras.optimizers import SGD

x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
y = np.array([[0], [1], [1], [0]], dtype="float32")

model = Sequential()
model.add(Dense(input_dim=2, output_dim=4, init="uniform"))
model.add(Activation("tanh"))
model.add(Dense(output_dim=1, init="uniform"))
model.add(Activation("sigmoid"))
sgd = SGD(lr=0.1, momentum=0.9, nesterov=True)
model.compile(loss="binary_crossentropy", optimizer=sgd)
model.fit(x, y, nb_epoch=2, batch_size=4, verbose=0)
print(model.predict_proba(x))
