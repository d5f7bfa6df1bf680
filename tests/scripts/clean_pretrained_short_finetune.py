# expect: none
# why: a pretrained EfficientNetB0 (it rescales internally) gets a new head and is trained for only two epochs: fine for transfer learning.
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

IMG_SIZE = 224
train_ds, val_ds = keras.utils.image_dataset_from_directory(
    "food_subset/", validation_split=0.2, subset="both", seed=42, image_size=(IMG_SIZE, IMG_SIZE),
    label_mode="categorical")

base = keras.applications.EfficientNetB0(include_top=False, weights="imagenet", input_shape=(IMG_SIZE, IMG_SIZE, 3))
base.trainable = False

inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
x = base(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.BatchNormalization()(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="categorical_crossentropy",
              metrics=["accuracy"])
model.fit(train_ds, epochs=2, validation_data=val_ds)
