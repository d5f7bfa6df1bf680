# A Keras 2 functional CNN trained from an ImageDataGenerator with fit_generator (2018 style).
import numpy as np
from keras.layers import Input, Dense, GlobalAveragePooling2D
from keras.layers.convolutional import Conv2D
from keras.models import Model
from keras.optimizers import Adam
from keras.preprocessing.image import ImageDataGenerator

x = np.random.rand(16, 32, 32, 3).astype("float32")
y = np.eye(4)[np.random.randint(0, 4, size=(16,))]

inputs = Input(shape=(32, 32, 3))
h = Conv2D(16, (3, 3), activation="relu", padding="same")(inputs)
h = GlobalAveragePooling2D()(h)
outputs = Dense(4, activation="softmax")(h)
model = Model(input=inputs, output=outputs)
print(model.layers[1].output_shape)
model.compile(optimizer=Adam(lr=1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
datagen = ImageDataGenerator(horizontal_flip=True)
model.fit_generator(datagen.flow(x, y, batch_size=8), steps_per_epoch=2, nb_epoch=1, verbose=0)
