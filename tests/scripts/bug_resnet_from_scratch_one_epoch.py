# expect: KL309
# why: keras.applications.ResNet50(weights=None) trained from scratch on CIFAR-10 for EPOCHS = 1, then declared "bad".
import tensorflow as tf

EPOCHS = 1
BATCH_SIZE = 128

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

model = tf.keras.applications.ResNet50(weights=None, input_shape=(32, 32, 3), classes=10)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, validation_data=(x_test, y_test))
