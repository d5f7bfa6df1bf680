# expect: none
# why: the Keras 3 spelling of a Keras 1 functional model (inputs=/outputs=, kernel_initializer=, epochs=, learning_rate=), trained with early stopping.
import numpy as np
from keras import callbacks, layers, models, optimizers, utils

x = np.random.rand(600, 12).astype("float32")
y = utils.to_categorical(np.random.randint(0, 3, size=(600,)), 3)

inputs = layers.Input(shape=(12,))
hidden = layers.Dense(32, activation="relu", kernel_initializer="he_normal",
                      kernel_regularizer="l2")(inputs)
hidden = layers.Dropout(0.2)(hidden)
outputs = layers.Dense(3, activation="softmax")(hidden)
model = models.Model(inputs=inputs, outputs=outputs)
model.compile(optimizer=optimizers.SGD(learning_rate=0.01, momentum=0.9), loss="categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x, y, epochs=40, batch_size=32, validation_split=0.2, shuffle=True,
          callbacks=[callbacks.EarlyStopping(patience=5, restore_best_weights=True)])
print(model.input_shape, model.layers[1].output.shape)
print(np.argmax(model.predict(x[:5]), axis=-1))
