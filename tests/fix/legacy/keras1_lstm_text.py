# A Keras 1 sentiment LSTM (recurrent/embeddings modules, dropout_W/dropout_U, inner_init).
import numpy as np
from keras.models import Sequential
from keras.layers.core import Dense
from keras.layers.embeddings import Embedding
from keras.layers.recurrent import LSTM
from keras.optimizers import RMSprop
from keras.preprocessing.sequence import pad_sequences

sequences = [list(np.random.randint(1, 1000, size=np.random.randint(5, 40))) for _ in range(24)]
x = pad_sequences(sequences, maxlen=40)
y = np.random.randint(0, 2, size=(24, 1))

model = Sequential()
model.add(Embedding(1000, 32, init="uniform", input_length=40))
model.add(LSTM(output_dim=16, inner_init="orthogonal", dropout_W=0.2, dropout_U=0.2))
model.add(Dense(1, activation="sigmoid", init="glorot_uniform"))
model.compile(loss="binary_crossentropy", optimizer=RMSprop(lr=0.01), metrics=["accuracy"])
model.fit(x, y, batch_size=8, nb_epoch=1, verbose=0, validation_split=0.25)
