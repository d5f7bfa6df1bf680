# expect: KL101, KL110
# why: sigmoid applied through separate Activation layers after each Dense, and RandomNormal(stddev=1.0) kernels on 512-wide layers.
from tensorflow import keras
from tensorflow.keras import initializers
from tensorflow.keras.layers import Activation, Dense, Dropout, Input

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0

init = initializers.RandomNormal(mean=0.0, stddev=1.0)

inputs = Input(shape=(784,))
x = Dense(512, kernel_initializer=init)(inputs)
x = Activation("sigmoid")(x)
x = Dense(512, kernel_initializer=init)(x)
x = Activation("sigmoid")(x)
x = Dropout(0.3)(x)
x = Dense(10)(x)
outputs = Activation("softmax")(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=10, batch_size=128, validation_data=(x_test, y_test))
