# expect: KL501
# why: seed 002's augmentation block spelled with tf.keras.layers.experimental.preprocessing (removed in Keras 3).
import tensorflow as tf

data_augmentation = tf.keras.Sequential([
    tf.keras.layers.experimental.preprocessing.RandomFlip("horizontal"),
    tf.keras.layers.experimental.preprocessing.RandomRotation(0.1),
    tf.keras.layers.experimental.preprocessing.RandomZoom(0.1),
])

train_ds = tf.keras.utils.image_dataset_from_directory(
    "images/", validation_split=0.2, subset="training", seed=7, image_size=(96, 96))
val_ds = tf.keras.utils.image_dataset_from_directory(
    "images/", validation_split=0.2, subset="validation", seed=7, image_size=(96, 96))

inputs = tf.keras.Input(shape=(96, 96, 3))
x = data_augmentation(inputs)
x = tf.keras.layers.experimental.preprocessing.Rescaling(1.0 / 255)(x)
x = tf.keras.layers.Conv2D(32, 3, activation="relu")(x)
x = tf.keras.layers.MaxPooling2D()(x)
x = tf.keras.layers.Conv2D(64, 3, activation="relu")(x)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
outputs = tf.keras.layers.Dense(3, activation="softmax")(x)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=10)
