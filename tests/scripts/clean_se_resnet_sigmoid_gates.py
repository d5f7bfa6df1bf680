# expect: none
# why: squeeze-and-excitation blocks gate channels with a sigmoid Dense; the gates multiply features, they are not a saturating stack.
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0


def se_block(x, filters, ratio=8):
    s = layers.GlobalAveragePooling2D()(x)
    s = layers.Dense(filters // ratio, activation="relu")(s)
    s = layers.Dense(filters, activation="sigmoid")(s)
    s = layers.Reshape((1, 1, filters))(s)
    return layers.Multiply()([x, s])


def conv_bn_relu(x, filters):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False, kernel_initializer="he_normal")(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU()(x)


inputs = keras.Input(shape=(32, 32, 3))
x = inputs
for filters in (32, 64, 128):
    shortcut = layers.Conv2D(filters, 1, use_bias=False)(x)
    x = conv_bn_relu(x, filters)
    x = conv_bn_relu(x, filters)
    x = se_block(x, filters)
    x = layers.Add()([x, shortcut])
    x = layers.MaxPooling2D()(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=128, epochs=30, validation_split=0.1,
          callbacks=[keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)])
