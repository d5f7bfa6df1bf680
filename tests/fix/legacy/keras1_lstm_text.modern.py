import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Embedding, LSTM
from keras.optimizers import RMSprop

model = Sequential()
model.add(Embedding(1000, 32, embeddings_initializer="uniform", input_length=40))
model.add(LSTM(units=16, recurrent_initializer="orthogonal", dropout=0.2, recurrent_dropout=0.2))
model.add(Dense(1, activation="sigmoid", kernel_initializer="glorot_uniform"))
model.compile(loss="binary_crossentropy", optimizer=RMSprop(learning_rate=0.01), metrics=["accuracy"])
model.fit(np.zeros((8, 40)), np.zeros((8, 1)), batch_size=8, epochs=1, verbose=0)
