# expect: none
# why: a two-headed functional model (class softmax + bounding-box regression) with per-output loss and metric dicts: accuracy belongs to the class head only.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

data = np.load("birds_boxes.npz")
images = data["images"].astype("float32") / 255.0  # (N, 128, 128, 3)
labels = data["labels"]  # (N,) ints 0..9
boxes = data["boxes"]  # (N, 4) normalised

inputs = keras.Input(shape=(128, 128, 3))
x = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
x = layers.BatchNormalization()(x)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
x = layers.BatchNormalization()(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
class_out = layers.Dense(10, activation="softmax", name="class")(x)
box_out = layers.Dense(4, activation="sigmoid", name="bbox")(x)
model = keras.Model(inputs, [class_out, box_out])

model.compile(optimizer="adam",
              loss={"class": "sparse_categorical_crossentropy", "bbox": "mse"},
              loss_weights={"class": 1.0, "bbox": 5.0},
              metrics={"class": "accuracy", "bbox": "mae"})
model.fit(images, {"class": labels, "bbox": boxes}, epochs=30, batch_size=32, validation_split=0.15)
