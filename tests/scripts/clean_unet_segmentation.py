# expect: none
# why: a small U-Net for 3-class pet segmentation: the per-pixel softmax head is a 1x1 Conv2D on the full-resolution map, labels are per-pixel ints.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

IMG_SIZE = (160, 160)
NUM_CLASSES = 3

images = np.load("pets_images.npy")  # (N, 160, 160, 3) uint8
masks = np.load("pets_masks.npy")  # (N, 160, 160, 1) values 0..2
split = int(0.85 * len(images))
x_train, x_val = images[:split], images[split:]
y_train, y_val = masks[:split], masks[split:]


def down(x, filters):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    skip = x
    return layers.MaxPooling2D()(x), skip


def up(x, skip, filters):
    x = layers.Conv2DTranspose(filters, 3, strides=2, padding="same")(x)
    x = layers.Concatenate()([x, skip])
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x)


inputs = keras.Input(shape=IMG_SIZE + (3,))
x = layers.Rescaling(1.0 / 255)(inputs)
x, s1 = down(x, 32)
x, s2 = down(x, 64)
x, s3 = down(x, 128)
x = layers.Conv2D(256, 3, padding="same", activation="relu")(x)
x = layers.BatchNormalization()(x)
x = up(x, s3, 128)
x = up(x, s2, 64)
x = up(x, s1, 32)
outputs = layers.Conv2D(NUM_CLASSES, 1, activation="softmax", padding="same")(x)
model = keras.Model(inputs, outputs)

model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=16, epochs=15, validation_data=(x_val, y_val))
