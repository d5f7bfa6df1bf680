# expect: KL402, KL502
# why: one augmenting ImageDataGenerator serves both the training and the validation flow (subset="validation").
from tensorflow import keras
from tensorflow.keras.preprocessing.image import ImageDataGenerator

datagen = ImageDataGenerator(rescale=1.0 / 255, rotation_range=30, zoom_range=0.2,
                             horizontal_flip=True, validation_split=0.2)
train_gen = datagen.flow_from_directory("dataset/", target_size=(128, 128), batch_size=32,
                                        class_mode="categorical", subset="training")
val_gen = datagen.flow_from_directory("dataset/", target_size=(128, 128), batch_size=32,
                                      class_mode="categorical", subset="validation")

model = keras.Sequential([
    keras.layers.Input(shape=(128, 128, 3)),
    keras.layers.Conv2D(32, 3, activation="relu"),
    keras.layers.MaxPooling2D(),
    keras.layers.Conv2D(64, 3, activation="relu"),
    keras.layers.MaxPooling2D(),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(5, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(train_gen, validation_data=val_gen, epochs=15)
