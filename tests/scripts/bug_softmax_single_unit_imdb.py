# expect: KL201
# why: IMDB sentiment with Dense(1, activation="softmax"): softmax over one unit is always 1.0, so accuracy stays at 50%.
import tensorflow as tf
from tensorflow.keras.datasets import imdb
from tensorflow.keras.layers import LSTM, Dense, Embedding
from tensorflow.keras.models import Sequential
from tensorflow.keras.preprocessing.sequence import pad_sequences

top_words = 5000
max_review_length = 500
(X_train, y_train), (X_test, y_test) = imdb.load_data(num_words=top_words)
X_train = pad_sequences(X_train, maxlen=max_review_length)
X_test = pad_sequences(X_test, maxlen=max_review_length)

model = Sequential()
model.add(Embedding(top_words, 32, input_length=max_review_length))
model.add(LSTM(100))
model.add(Dense(1, activation="softmax"))
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(X_train, y_train, validation_data=(X_test, y_test), epochs=3, batch_size=64)
