# expect: KL305
# why: CosineDecay over 1,000,000 steps while training runs 20 epochs x 100 steps: the learning rate stays at its start value.
import tensorflow as tf
from tensorflow import keras

(x_train, y_train), (x_val, y_val) = keras.datasets.fashion_mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_val = x_val.astype("float32") / 255.0

train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(60000).batch(256).repeat()
val_ds = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(256)

schedule = keras.optimizers.schedules.CosineDecay(initial_learning_rate=1e-3, decay_steps=1_000_000)

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    keras.layers.Flatten(),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(10, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, steps_per_epoch=100, epochs=20, validation_data=val_ds)
