# expect: KL404
# why: an MLP declared for 784 flat pixels trained on MNIST's 28x28 images without reshaping them.
import tensorflow as tf

(train_images, train_labels), (test_images, test_labels) = tf.keras.datasets.mnist.load_data()
train_images = train_images.astype("float32") / 255.0
test_images = test_images.astype("float32") / 255.0

model = tf.keras.Sequential()
model.add(tf.keras.layers.Dense(512, activation="relu", kernel_initializer="he_normal", input_shape=(784,)))
model.add(tf.keras.layers.Dropout(0.2))
model.add(tf.keras.layers.Dense(256, activation="relu", kernel_initializer="he_normal"))
model.add(tf.keras.layers.Dense(10, activation="softmax"))
model.compile(loss="sparse_categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
model.fit(train_images, train_labels, epochs=5, validation_data=(test_images, test_labels))
print(model.evaluate(test_images, test_labels))
