# expect: KL201, KL401, KL502, KL505
# why: "accuracy stuck at 50%" cats vs dogs: generators without rescale, and a 2-unit softmax trained with binary cross-entropy.
from keras.layers import Conv2D, Dense, Dropout, Flatten, MaxPooling2D
from keras.models import Sequential
from keras.preprocessing.image import ImageDataGenerator

train_datagen = ImageDataGenerator(horizontal_flip=True, zoom_range=0.2)
test_datagen = ImageDataGenerator()
train_generator = train_datagen.flow_from_directory("data/train", target_size=(128, 128), batch_size=32,
                                                    class_mode="binary")
validation_generator = test_datagen.flow_from_directory("data/validation", target_size=(128, 128),
                                                        batch_size=32, class_mode="binary")

model = Sequential()
model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(128, 128, 3)))
model.add(MaxPooling2D((2, 2)))
model.add(Conv2D(64, (3, 3), activation="relu"))
model.add(MaxPooling2D((2, 2)))
model.add(Flatten())
model.add(Dropout(0.5))
model.add(Dense(2, activation="softmax"))
model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(train_generator, steps_per_epoch=2000 // 32, epochs=20, validation_data=validation_generator,
          validation_steps=800 // 32)
