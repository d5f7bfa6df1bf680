# expect: KL108, KL109, KL110
# why: chain rules look through pooling and (KL109) Concatenate: conv layers without activation separated only by max pooling, a hidden softmax concatenated with features, a ones-initialised conv whose next conv (after average pooling) is also ones; a linear Dense concatenated with features is a design choice (no KL108).
from tensorflow import keras
from tensorflow.keras import layers

image = keras.Input(shape=(64, 64, 3), name="image")
meta = keras.Input(shape=(12,), name="meta")

x = layers.Conv2D(32, 3, padding="same")(image)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer="he_normal")(x)
x = layers.BatchNormalization()(x)
x = layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer="ones")(x)
x = layers.AveragePooling2D()(x)
x = layers.Conv2D(128, 3, padding="same", activation="relu", kernel_initializer="ones")(x)
x = layers.GlobalAveragePooling2D()(x)

m = layers.Dense(16)(meta)
probs = layers.Dense(8, activation="softmax")(meta)
merged = layers.Concatenate()([x, m, probs])
merged = layers.Dropout(0.3)(merged)
hidden = layers.Dense(64, activation="relu")(merged)
outputs = layers.Dense(5, activation="softmax")(hidden)

model = keras.Model(inputs=[image, meta], outputs=outputs)
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
