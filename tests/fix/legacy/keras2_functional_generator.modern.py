import numpy as np
from keras.layers import Conv2D, Dense, GlobalAveragePooling2D, Input
from keras.models import Model
from keras.optimizers import Adam

inputs = Input(shape=(32, 32, 3))
h = Conv2D(16, (3, 3), activation="relu", padding="same")(inputs)
h = GlobalAveragePooling2D()(h)
outputs = Dense(4, activation="softmax")(h)
model = Model(inputs=inputs, outputs=outputs)
model.compile(optimizer=Adam(learning_rate=1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(np.zeros((8, 32, 32, 3)), np.zeros((8, 4)), epochs=1, verbose=0)
