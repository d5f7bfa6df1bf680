# expect: KL204
# why: image_dataset_from_directory(label_mode="categorical") yields one-hot labels, but the loss is SparseCategoricalCrossentropy.
import tensorflow as tf
from tensorflow.keras import layers

train_ds = tf.keras.utils.image_dataset_from_directory(
    "plants/train", image_size=(160, 160), batch_size=32, label_mode="categorical")
val_ds = tf.keras.utils.image_dataset_from_directory(
    "plants/val", image_size=(160, 160), batch_size=32, label_mode="categorical")

model = tf.keras.Sequential([
    layers.Input((160, 160, 3)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dropout(0.2),
    layers.Dense(12, activation="softmax"),
])
model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=15)
