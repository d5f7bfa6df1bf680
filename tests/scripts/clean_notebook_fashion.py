# expect: none
# why: a notebook exported to a script (# %% cells, bare expressions): Fashion-MNIST MLP with an aliased tensorflow import.
# %%
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf_

print(tf_.__version__)

# %%
fashion_mnist = tf_.keras.datasets.fashion_mnist
(train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()
class_names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
train_images.shape

# %%
plt.figure()
plt.imshow(train_images[0])
plt.colorbar()
plt.show()

# %%
train_images = train_images / 255.0
test_images = test_images / 255.0

# %%
model = tf_.keras.Sequential([
    tf_.keras.layers.Flatten(input_shape=(28, 28)),
    tf_.keras.layers.Dense(128, activation="relu"),
    tf_.keras.layers.Dropout(0.3),
    tf_.keras.layers.Dense(len(class_names)),
])
model.compile(optimizer="adam",
              loss=tf_.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])

# %%
model.fit(train_images, train_labels, epochs=10, validation_data=(test_images, test_labels))

# %%
probability_model = tf_.keras.Sequential([model, tf_.keras.layers.Softmax()])
predictions = probability_model.predict(test_images)
np.argmax(predictions[0])
