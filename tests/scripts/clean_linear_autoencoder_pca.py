# expect: KL303
# why: Hands-On ML's linear autoencoder (PCA): Dense(2) code, Dense(3) decoder, SGD(0.5), trained with fit(X, X) on 3-D data.
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(42)
angles = rng.random(60) * 3 * np.pi / 2 - 0.5
X_train = np.empty((60, 3))
X_train[:, 0] = np.cos(angles) + np.sin(angles) / 2 + rng.normal(size=60) / 2
X_train[:, 1] = np.sin(angles) * 0.7 + rng.normal(size=60) / 2
X_train[:, 2] = X_train[:, 0] * 0.1 + X_train[:, 1] * 0.3 + rng.normal(size=60) * 0.1
X_train = X_train - X_train.mean(axis=0)

encoder = tf.keras.Sequential([tf.keras.layers.Dense(2)])
decoder = tf.keras.Sequential([tf.keras.layers.Dense(3)])
autoencoder = tf.keras.Sequential([encoder, decoder])

optimizer = tf.keras.optimizers.SGD(learning_rate=0.5)
autoencoder.compile(loss="mse", optimizer=optimizer)
history = autoencoder.fit(X_train, X_train, epochs=20, verbose=False)
codings = encoder.predict(X_train)
print(codings.shape)
