# expect: KL203
# why: a Reuters topic classifier copied from an MNIST script keeps Dense(10) although the dataset has 46 topics.
import numpy as np
import keras
from keras import layers as kl

(train_data, train_labels), (test_data, test_labels) = keras.datasets.reuters.load_data(num_words=10000)


def multi_hot(sequences, dimension=10000):
    out = np.zeros((len(sequences), dimension), dtype="float32")
    for i, seq in enumerate(sequences):
        out[i, seq] = 1.0
    return out


x_train = multi_hot(train_data)
x_test = multi_hot(test_data)
y_train = keras.utils.to_categorical(train_labels)
y_test = keras.utils.to_categorical(test_labels)

model = keras.Sequential([
    keras.Input(shape=(10000,)),
    kl.Dense(64, activation="relu"),
    kl.Dropout(0.5),
    kl.Dense(64, activation="relu"),
    kl.Dense(10, activation="softmax"),
])
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=512, validation_split=0.2)
