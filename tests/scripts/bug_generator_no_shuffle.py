# expect: KL304, KL502
# why: the training flow_from_directory is created with shuffle=False, so each batch holds a single class.
from tensorflow.keras import layers, models
from tensorflow.keras.preprocessing.image import ImageDataGenerator

train_gen = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
    "chest_xray/train", target_size=(150, 150), color_mode="grayscale",
    batch_size=32, class_mode="binary", shuffle=False)
val_gen = ImageDataGenerator(rescale=1.0 / 255).flow_from_directory(
    "chest_xray/val", target_size=(150, 150), color_mode="grayscale",
    batch_size=32, class_mode="binary", shuffle=False)

model = models.Sequential([
    layers.Conv2D(32, 3, activation="relu", input_shape=(150, 150, 1)),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dropout(0.5),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(train_gen, epochs=12, validation_data=val_gen)
