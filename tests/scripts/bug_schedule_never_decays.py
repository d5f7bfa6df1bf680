# expect: KL305
# why: ExponentialDecay with decay_steps=100000 but training runs 10 epochs x 200 steps = 2000 steps: the rate never decays.
import tensorflow as tf

(x_train, y_train), (x_val, y_val) = tf.keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_val = x_val.astype("float32") / 255.0

train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(10000).batch(128).repeat()
val_ds = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(128)

lr_schedule = tf.keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate=0.001, decay_steps=100000, decay_rate=0.96, staircase=True)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(32, 32, 3)),
    tf.keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Conv2D(64, 3, activation="relu", padding="same"),
    tf.keras.layers.BatchNormalization(),
    tf.keras.layers.GlobalAveragePooling2D(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=lr_schedule),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, steps_per_epoch=200, epochs=10, validation_data=val_ds)
