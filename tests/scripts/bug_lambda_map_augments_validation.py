# expect: KL402
# why: a lambda that randomly flips and adjusts brightness is mapped over the validation dataset as well as the training one.
import tensorflow as tf

AUTOTUNE = tf.data.AUTOTUNE
train_ds = tf.keras.utils.image_dataset_from_directory(
    "flowers", validation_split=0.2, subset="training", seed=1, image_size=(180, 180))
val_ds = tf.keras.utils.image_dataset_from_directory(
    "flowers", validation_split=0.2, subset="validation", seed=1, image_size=(180, 180))

augment = lambda x, y: (tf.image.random_brightness(tf.image.random_flip_left_right(x), 0.2), y)
train_ds = train_ds.map(augment, num_parallel_calls=AUTOTUNE).prefetch(AUTOTUNE)
val_ds = val_ds.map(augment, num_parallel_calls=AUTOTUNE).prefetch(AUTOTUNE)

model = tf.keras.Sequential([
    tf.keras.layers.Input((180, 180, 3)),
    tf.keras.layers.Rescaling(1.0 / 255),
    tf.keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(5),
])
model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=10)
