# expect: KL502, KL503
# why: tf.keras training from folders with model.fit_generator / evaluate_generator, removed APIs that Keras 3 rejects.
import tensorflow as tf
from tensorflow.keras.preprocessing.image import ImageDataGenerator

train_datagen = ImageDataGenerator(rescale=1.0 / 255, horizontal_flip=True, zoom_range=0.1)
val_datagen = ImageDataGenerator(rescale=1.0 / 255)
train_generator = train_datagen.flow_from_directory("xray/train", target_size=(128, 128), batch_size=32,
                                                    class_mode="binary")
val_generator = val_datagen.flow_from_directory("xray/val", target_size=(128, 128), batch_size=32,
                                                class_mode="binary")

model = tf.keras.models.Sequential([
    tf.keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(128, 128, 3)),
    tf.keras.layers.MaxPooling2D(2, 2),
    tf.keras.layers.Conv2D(64, (3, 3), activation="relu"),
    tf.keras.layers.MaxPooling2D(2, 2),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit_generator(train_generator, steps_per_epoch=100, epochs=15,
                    validation_data=val_generator, validation_steps=20)
print(model.evaluate_generator(val_generator, steps=20))
