# expect: none
# why: a classic Keras DCGAN on MNIST: tanh generator output, sigmoid discriminator, trained with train_on_batch through a stacked model.
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

latent_dim = 100
(x_train, _), (_, _) = keras.datasets.mnist.load_data()
x_train = (x_train.astype("float32") - 127.5) / 127.5
x_train = np.expand_dims(x_train, axis=3)


def build_generator():
    model = keras.Sequential(name="generator")
    model.add(layers.Dense(7 * 7 * 128, input_dim=latent_dim))
    model.add(layers.LeakyReLU(0.2))
    model.add(layers.Reshape((7, 7, 128)))
    model.add(layers.Conv2DTranspose(128, 4, strides=2, padding="same"))
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU(0.2))
    model.add(layers.Conv2DTranspose(64, 4, strides=2, padding="same"))
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU(0.2))
    model.add(layers.Conv2D(1, 7, padding="same", activation="tanh"))
    return model


def build_discriminator():
    model = keras.Sequential(name="discriminator")
    model.add(layers.Conv2D(64, 3, strides=2, padding="same", input_shape=(28, 28, 1)))
    model.add(layers.LeakyReLU(0.2))
    model.add(layers.Dropout(0.3))
    model.add(layers.Conv2D(128, 3, strides=2, padding="same"))
    model.add(layers.LeakyReLU(0.2))
    model.add(layers.Dropout(0.3))
    model.add(layers.Flatten())
    model.add(layers.Dense(1, activation="sigmoid"))
    return model


discriminator = build_discriminator()
discriminator.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(2e-4, beta_1=0.5),
                      metrics=["accuracy"])
generator = build_generator()
discriminator.trainable = False
gan = keras.Sequential([generator, discriminator])
gan.compile(loss="binary_crossentropy", optimizer=keras.optimizers.Adam(2e-4, beta_1=0.5))

batch_size = 64
for step in range(10000):
    idx = np.random.randint(0, x_train.shape[0], batch_size)
    real = x_train[idx]
    noise = np.random.normal(0, 1, (batch_size, latent_dim))
    fake = generator.predict(noise, verbose=0)
    d_loss_real = discriminator.train_on_batch(real, np.ones((batch_size, 1)))
    d_loss_fake = discriminator.train_on_batch(fake, np.zeros((batch_size, 1)))
    g_loss = gan.train_on_batch(noise, np.ones((batch_size, 1)))
    if step % 1000 == 0:
        print(step, d_loss_real, d_loss_fake, g_loss)
