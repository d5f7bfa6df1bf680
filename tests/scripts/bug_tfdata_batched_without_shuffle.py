# expect: KL304
# why: a tf.data pipeline from arrays that is mapped and batched but never shuffled; fit(shuffle=True) does not apply to datasets.
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()


def preprocess(image, label):
    image = tf.cast(image, tf.float32) / 255.0
    return tf.expand_dims(image, -1), label


train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).map(preprocess).batch(64).prefetch(2)
val_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).map(preprocess).batch(64)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(28, 28, 1)),
    tf.keras.layers.Conv2D(32, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=10, validation_data=val_ds, shuffle=True)
