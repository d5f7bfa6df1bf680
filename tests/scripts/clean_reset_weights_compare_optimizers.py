# expect: none
# why: one model compared under two optimizers, reset with set_weights(initial_weights) before the second run, both validated.
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(100, activation="relu", kernel_initializer="he_normal"),
    tf.keras.layers.Dropout(0.2),
    tf.keras.layers.Dense(10, activation="softmax"),
])
initial_weights = model.get_weights()

model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history_sgd = model.fit(x_train, y_train, epochs=5, validation_split=0.1)
sgd_score = model.evaluate(x_test, y_test)

model.set_weights(initial_weights)
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history_adam = model.fit(x_train, y_train, epochs=5, validation_split=0.1)
adam_score = model.evaluate(x_test, y_test)
print(sgd_score, adam_score)
