# expect: KL308, KL505, KL506, KL507
# why: a 2017 iris classifier: np_utils one-hot labels, Dense(output_dim=, init=), nb_epoch, and predict_classes after training.
import numpy as np
from keras.models import Sequential
from keras.layers.core import Dense
from keras.utils import np_utils
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

iris = load_iris()
x = StandardScaler().fit_transform(iris.data)
y = np_utils.to_categorical(iris.target, 3)
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=1)

model = Sequential()
model.add(Dense(output_dim=16, input_dim=4, init="he_normal", activation="relu"))
model.add(Dense(output_dim=3, init="glorot_uniform", activation="softmax"))
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, nb_epoch=100, batch_size=8, validation_split=0.2)
print(model.layers[0].input_shape)
predicted = model.predict_classes(x_test)
print("accuracy", np.mean(predicted == np.argmax(y_test, axis=1)))
