# expect: KL501
# why: preprocessing layers imported from tensorflow.keras.layers.experimental.preprocessing, a module Keras 3 no longer has.
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.layers.experimental.preprocessing import RandomFlip, RandomZoom, Rescaling

train_ds = tf.keras.utils.image_dataset_from_directory("birds/", validation_split=0.2, subset="training",
                                                       seed=3, image_size=(128, 128))
val_ds = tf.keras.utils.image_dataset_from_directory("birds/", validation_split=0.2, subset="validation",
                                                     seed=3, image_size=(128, 128))

model = tf.keras.Sequential([
    layers.Input((128, 128, 3)),
    Rescaling(1.0 / 255),
    RandomFlip("horizontal"),
    RandomZoom(0.1),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(8, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=12)
