# expect: KL110
# why: initializers held in a variable (`init = Constant(0.1)`) and given by a block helper's default argument (`init="ones"`): every conv block and the dense layer start with identical units.
from tensorflow import keras
from tensorflow.keras import initializers, layers

init = initializers.Constant(value=0.1)
bias = "zeros"


def conv_block(x, filters, init="ones"):
    x = layers.Conv2D(filters, 3, padding="same", activation="relu", kernel_initializer=init)(x)
    return layers.MaxPooling2D()(x)


inputs = keras.Input(shape=(32, 32, 3))
x = conv_block(inputs, 32)
x = conv_block(x, 64)
x = layers.Flatten()(x)
x = layers.Dropout(0.5)(x)
x = layers.Dense(64, activation="relu", kernel_initializer=init, bias_initializer=bias)(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
