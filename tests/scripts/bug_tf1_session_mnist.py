# expect: KL506, KL508
# why: a TF 1 era script: Keras model trained with nb_epoch, then evaluated through tf.Session and K.get_session(), gone in TF 2.
import numpy as np
import tensorflow as tf
from keras import backend as K
from keras.datasets import mnist
from keras.layers import Dense, Dropout
from keras.models import Sequential

tf.set_random_seed(1)
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0

model = Sequential([
    Dense(256, activation="relu", kernel_initializer="he_normal", input_shape=(784,)),
    Dropout(0.3),
    Dense(10, activation="softmax"),
])
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(x_train, y_train, nb_epoch=5, batch_size=128, validation_split=0.1)

sess = K.get_session()
with tf.Session() as session:
    print(session.run(tf.constant(1.0)))
