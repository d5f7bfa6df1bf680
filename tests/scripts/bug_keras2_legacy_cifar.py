# expect: KL502, KL503, KL504, KL506
# why: a Keras 2 era CIFAR-10 script: Convolution2D/border_mode/init=, SGD(lr=, decay=), fit_generator with nb_epoch.
from keras.datasets import cifar10
from keras.layers import Activation, Convolution2D, Dense, Dropout, Flatten, MaxPooling2D
from keras.models import Sequential
from keras.optimizers import SGD
from tensorflow.keras.preprocessing.image import ImageDataGenerator
from keras import utils as np_utils

batch_size = 32
nb_classes = 10
nb_epoch = 25

(X_train, y_train), (X_test, y_test) = cifar10.load_data()
Y_train = np_utils.to_categorical(y_train, nb_classes)
Y_test = np_utils.to_categorical(y_test, nb_classes)
X_train = X_train.astype("float32") / 255
X_test = X_test.astype("float32") / 255

model = Sequential()
model.add(Convolution2D(32, 3, 3, border_mode="same", init="he_normal", input_shape=(32, 32, 3)))
model.add(Activation("relu"))
model.add(Convolution2D(32, 3, 3, init="he_normal"))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Dropout(0.25))
model.add(Flatten())
model.add(Dense(256, init="he_normal"))
model.add(Activation("relu"))
model.add(Dropout(0.5))
model.add(Dense(nb_classes))
model.add(Activation("softmax"))

sgd = SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)
model.compile(loss="categorical_crossentropy", optimizer=sgd, metrics=["accuracy"])

datagen = ImageDataGenerator(width_shift_range=0.1, height_shift_range=0.1, horizontal_flip=True)
datagen.fit(X_train)
model.fit_generator(datagen.flow(X_train, Y_train, batch_size=batch_size),
                    samples_per_epoch=X_train.shape[0], nb_epoch=nb_epoch,
                    validation_data=(X_test, Y_test))
