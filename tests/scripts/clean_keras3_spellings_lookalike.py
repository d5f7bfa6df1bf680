# expect: none
# why: modern Keras 3 code whose spellings look like Keras 1 ones: Conv2D(64, 3, 2) strides, Embedding(output_dim=), tf.keras.preprocessing, keras.preprocessing.image.load_img.
import numpy as np
import tensorflow as tf
import keras
from keras import layers
from keras.preprocessing.image import img_to_array, load_img
from keras.utils import to_categorical

tokens = np.random.randint(0, 1000, size=(512, 40))
labels = to_categorical(np.random.randint(0, 4, size=(512,)), 4)

text_model = keras.Sequential([
    keras.Input(shape=(40,)),
    layers.Embedding(1000, output_dim=32),
    layers.Conv1D(64, 5, 2, padding="same", activation="relu", kernel_initializer="he_normal"),
    layers.GlobalMaxPooling1D(),
    layers.Dropout(0.3),
    layers.Dense(4, activation="softmax"),
])
text_model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="categorical_crossentropy",
                   metrics=["accuracy"])
text_model.fit(tokens, labels, epochs=30, batch_size=32, validation_split=0.2, shuffle=True)

augment = tf.keras.preprocessing.image.ImageDataGenerator
print(augment, load_img, img_to_array)
