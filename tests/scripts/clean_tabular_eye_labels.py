# expect: none
# why: a tabular MLP whose input shape is read from the data and whose integer labels are one-hot encoded with np.eye before categorical cross-entropy.
import numpy as np
from sklearn.model_selection import train_test_split
from tensorflow.keras.layers import Dense, Dropout
from tensorflow.keras.models import Sequential

num_classes = 2
X = np.random.random((600, 60)).astype("float32")
Y = np.eye(num_classes)[np.random.randint(0, num_classes, 600)]
X_train, X_test, y_train, y_test = train_test_split(X, Y, test_size=0.2, random_state=1)

model = Sequential()
model.add(Dropout(0.2, input_shape=(X.shape[1],)))
model.add(Dense(33, activation="relu", kernel_initializer="he_normal"))
model.add(Dense(16, activation="relu", kernel_initializer="he_normal"))
model.add(Dense(num_classes, activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=30, batch_size=16, validation_data=(X_test, y_test))
print(model.evaluate(X_test, y_test))
