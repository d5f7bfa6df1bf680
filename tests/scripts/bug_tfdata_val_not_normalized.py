# expect: KL403
# why: the training dataset is mapped through a normalising function, the validation dataset is batched raw.
import tensorflow as tf

BATCH = 128
(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()


def scale(image, label):
    return tf.cast(image, tf.float32) / 255.0, label


train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train))
train_ds = train_ds.shuffle(10000).map(scale).batch(BATCH)
test_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(BATCH)

model = tf.keras.Sequential([
    tf.keras.layers.Input((32, 32, 3)),
    tf.keras.layers.Conv2D(32, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Conv2D(64, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=10, validation_data=test_ds)
