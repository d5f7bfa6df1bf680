# expect: none
# why: SGD at 0.1 with a cosine schedule that decays within the run, 200 epochs guarded by checkpointing and early stopping.
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(50000).batch(128).repeat()
val_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(256)

steps_per_epoch = 390
epochs = 200
schedule = keras.optimizers.schedules.CosineDecay(initial_learning_rate=0.1, decay_steps=steps_per_epoch * epochs)

model = keras.Sequential([keras.Input(shape=(32, 32, 3))])
for width in (64, 128, 256):
    model.add(layers.Conv2D(width, 3, padding="same", use_bias=False))
    model.add(layers.BatchNormalization())
    model.add(layers.Activation("relu"))
    model.add(layers.MaxPooling2D())
model.add(layers.GlobalAveragePooling2D())
model.add(layers.Dense(10, activation="softmax"))

model.compile(optimizer=keras.optimizers.SGD(learning_rate=schedule, momentum=0.9),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
callbacks = [
    keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True),
    keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=30),
]
model.fit(train_ds, epochs=epochs, steps_per_epoch=steps_per_epoch, validation_data=val_ds, callbacks=callbacks)
