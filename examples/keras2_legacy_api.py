"""A Keras 2 era script that no longer runs on Keras 3 (and uses a deprecated data API).

kerlint reports:
  KL504  SGD(lr=..., decay=...): `lr` and `decay` were removed; use learning_rate= (and a schedule).
  KL503  fit_generator() was removed; model.fit() accepts generators and datasets.
  KL505  keras.utils.np_utils / keras.preprocessing.image.ImageDataGenerator do not import on Keras 3.
  KL506  Keras 1 spellings: Convolution2D(32, 3, 3), border_mode=, init=, nb_epoch=.
  KL502  ImageDataGenerator is deprecated (info): prefer image_dataset_from_directory + preprocessing layers.
`kerlint check --fix` rewrites the safe ones (lr= -> learning_rate=, fit_generator -> fit, the module moves and
the Keras 1 keywords).
"""

from keras.datasets import cifar10
from keras.layers import Activation, Convolution2D, Dense, Dropout, Flatten, MaxPooling2D
from keras.models import Sequential
from keras.optimizers import SGD
from keras.preprocessing.image import ImageDataGenerator
from keras.utils import to_categorical

(X_train, y_train), (X_test, y_test) = cifar10.load_data()
X_train = X_train.astype("float32") / 255
X_test = X_test.astype("float32") / 255
Y_train = to_categorical(y_train, 10)
Y_test = to_categorical(y_test, 10)

model = Sequential()
model.add(Convolution2D(32, 3, 3, border_mode="same", init="he_normal", input_shape=(32, 32, 3)))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Flatten())
model.add(Dropout(0.5))
model.add(Dense(10))
model.add(Activation("softmax"))

model.compile(loss="categorical_crossentropy", optimizer=SGD(lr=0.01, decay=1e-6, momentum=0.9),
              metrics=["accuracy"])

datagen = ImageDataGenerator(horizontal_flip=True, width_shift_range=0.1)
model.fit_generator(datagen.flow(X_train, Y_train, batch_size=32), steps_per_epoch=len(X_train) // 32,
                    nb_epoch=20, validation_data=(X_test, Y_test))
