# expect: KL106
# why: a functional MLP on Fashion-MNIST that squeezes Dense(1024) straight into Dense(32): a 32x information bottleneck.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0

inputs = keras.Input(shape=(784,), name="pixels")
x = layers.Dense(1024, activation="relu", kernel_initializer="he_normal")(inputs)
x = layers.Dropout(0.3)(x)
x = layers.Dense(32, activation="relu", kernel_initializer="he_normal")(x)
outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
model = keras.Model(inputs=inputs, outputs=outputs)

model.compile(optimizer=keras.optimizers.RMSprop(),
              loss=keras.losses.SparseCategoricalCrossentropy(),
              metrics=[keras.metrics.SparseCategoricalAccuracy()])
history = model.fit(x_train, y_train, batch_size=64, epochs=12, validation_split=0.2)
