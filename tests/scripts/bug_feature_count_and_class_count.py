# expect: KL203, KL204, KL404
# why: a tabular MLP written for 33 features and 122 classes trained on 60-feature rows with 0/1 integer labels under categorical cross-entropy.
import numpy as np
from tensorflow.keras.layers import Dense, Dropout
from tensorflow.keras.models import Sequential
from tensorflow.keras.optimizers import SGD

X = np.random.random((600, 60)).astype("float32")
Y = np.random.randint(0, 2, 600)


def create_baseline():
    model = Sequential()
    model.add(Dropout(0.2, input_shape=(33,)))
    model.add(Dense(33, activation="relu", kernel_initializer="he_normal"))
    model.add(Dense(16, activation="relu", kernel_initializer="he_normal"))
    model.add(Dense(122, activation="softmax"))
    model.compile(loss="categorical_crossentropy", optimizer=SGD(learning_rate=0.01, momentum=0.8),
                  metrics=["accuracy"])
    return model


model = create_baseline()
model.fit(X, Y, epochs=30, batch_size=16, validation_split=0.2)
