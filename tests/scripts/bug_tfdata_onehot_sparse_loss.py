# expect: KL204
# why: the tf.data pipeline is built from to_categorical labels, then compiled with a sparse categorical loss.
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
y_train = tf.keras.utils.to_categorical(y_train, 10)
y_test = tf.keras.utils.to_categorical(y_test, 10)


def prep(image, label):
    return tf.cast(image, tf.float32) / 255.0, label


train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(10000).map(prep).batch(64)
test_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).map(prep).batch(64)

model = tf.keras.Sequential([
    tf.keras.Input((32, 32, 3)),
    tf.keras.layers.Conv2D(32, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Conv2D(64, 3, activation="relu"),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=15, validation_data=test_ds)
