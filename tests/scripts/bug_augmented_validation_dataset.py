# expect: KL402
# why: the augmentation map is applied to the validation dataset too, so validation accuracy is measured on random flips/crops.
import tensorflow as tf

AUTOTUNE = tf.data.AUTOTUNE
(x_train, y_train), (x_val, y_val) = tf.keras.datasets.cifar10.load_data()


def augment(image, label):
    image = tf.cast(image, tf.float32) / 255.0
    image = tf.image.random_flip_left_right(image)
    image = tf.image.random_crop(tf.image.resize_with_crop_or_pad(image, 40, 40), size=[32, 32, 3])
    return image, label


train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(5000).map(augment).batch(64)
val_ds = tf.data.Dataset.from_tensor_slices((x_val, y_val)).map(augment, num_parallel_calls=AUTOTUNE).batch(64)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(32, 32, 3)),
    tf.keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=20, validation_data=val_ds)
