# expect: none
# why: the same Conv1D sequence classifier, keeping each sequence's last one-hot label (y[:, -1, :]) so the labels match the per-sample head.
import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv1D, Dense, Dropout, Flatten, MaxPooling1D

n_samples, n_timesteps, n_features, n_outputs = 1228, 1452, 20, 8
x_train = np.random.random((n_samples, n_timesteps, n_features)).astype("float32")
y_steps = np.random.randint(0, n_outputs, (n_samples, n_timesteps))
y_train = np.eye(n_outputs)[y_steps][:, -1, :]

model = Sequential()
model.add(Conv1D(filters=64, kernel_size=3, activation="relu", kernel_initializer="he_normal",
                 input_shape=x_train.shape[1:]))
model.add(Conv1D(filters=64, kernel_size=3, activation="relu", kernel_initializer="he_normal"))
model.add(Dropout(0.5))
model.add(MaxPooling1D(pool_size=2))
model.add(Flatten())
model.add(Dense(100, activation="relu", kernel_initializer="he_normal"))
model.add(Dropout(0.3))
model.add(Dense(n_outputs, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=20, batch_size=64, validation_split=0.2, shuffle=True)
