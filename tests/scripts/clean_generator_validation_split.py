# expect: KL502
# why: one non-augmenting ImageDataGenerator (rescale only) with validation_split serves both subsets: nothing random reaches validation.
from tensorflow.keras import layers, models
from tensorflow.keras.preprocessing.image import ImageDataGenerator

datagen = ImageDataGenerator(rescale=1.0 / 255, validation_split=0.2)
train_gen = datagen.flow_from_directory("leaves/", target_size=(96, 96), batch_size=32,
                                        class_mode="sparse", subset="training")
val_gen = datagen.flow_from_directory("leaves/", target_size=(96, 96), batch_size=32,
                                      class_mode="sparse", subset="validation")

model = models.Sequential([
    layers.Input((96, 96, 3)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(4, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_gen, validation_data=val_gen, epochs=20)
