# expect: KL301
# why: a ResNet50 transfer-learning script unfreezes the base for fine-tuning but recompiles with Adam(learning_rate=0.01).
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.applications import ResNet50
from tensorflow.keras.applications.resnet50 import preprocess_input

IMG = 224
train_ds = tf.keras.utils.image_dataset_from_directory("pets/train", image_size=(IMG, IMG), batch_size=32)
val_ds = tf.keras.utils.image_dataset_from_directory("pets/val", image_size=(IMG, IMG), batch_size=32)
train_ds = train_ds.map(lambda x, y: (preprocess_input(x), y))
val_ds = val_ds.map(lambda x, y: (preprocess_input(x), y))

base = ResNet50(weights="imagenet", include_top=False, input_shape=(IMG, IMG, 3))
base.trainable = False

model = tf.keras.Sequential([
    base,
    layers.GlobalAveragePooling2D(),
    layers.Dropout(0.3),
    layers.Dense(37, activation="softmax"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=5)

base.trainable = True
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.01), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=10)
