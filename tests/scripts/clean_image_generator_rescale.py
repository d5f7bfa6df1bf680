# expect: KL502
# why: flow_from_directory with rescale=1./255 for both generators and augmentation only on training; clean apart from the ImageDataGenerator deprecation note (info).
from tensorflow.keras.layers import Conv2D, Dense, Dropout, Flatten, MaxPooling2D
from tensorflow.keras.models import Sequential
from tensorflow.keras.preprocessing.image import ImageDataGenerator

img_width, img_height = 150, 150
train_dir = "data/train"
validation_dir = "data/validation"

train_datagen = ImageDataGenerator(rescale=1.0 / 255, shear_range=0.2, zoom_range=0.2, horizontal_flip=True)
test_datagen = ImageDataGenerator(rescale=1.0 / 255)

train_generator = train_datagen.flow_from_directory(
    train_dir, target_size=(img_width, img_height), batch_size=32, class_mode="binary")
validation_generator = test_datagen.flow_from_directory(
    validation_dir, target_size=(img_width, img_height), batch_size=32, class_mode="binary")

model = Sequential()
model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(img_width, img_height, 3)))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Conv2D(64, (3, 3), activation="relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Flatten())
model.add(Dense(64, activation="relu"))
model.add(Dropout(0.5))
model.add(Dense(1, activation="sigmoid"))

model.compile(loss="binary_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
model.fit(train_generator, steps_per_epoch=100, epochs=30,
          validation_data=validation_generator, validation_steps=50)
model.save_weights("first_try.weights.h5")
