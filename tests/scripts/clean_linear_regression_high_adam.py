# expect: KL308
# why: TensorFlow's regression tutorial: one normalised feature into Dense(1) with Adam(learning_rate=0.1) — a convex linear regression tolerates the large rate.
import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow.keras import layers

column_names = ["MPG", "Cylinders", "Displacement", "Horsepower", "Weight", "Acceleration", "Model Year", "Origin"]
raw = pd.read_csv("auto-mpg.data", names=column_names, na_values="?", comment="\t", sep=" ", skipinitialspace=True)
dataset = raw.dropna()
train_dataset = dataset.sample(frac=0.8, random_state=0)
test_dataset = dataset.drop(train_dataset.index)
train_features = train_dataset.copy()
test_features = test_dataset.copy()
train_labels = train_features.pop("MPG")
test_labels = test_features.pop("MPG")

horsepower = np.array(train_features["Horsepower"])
horsepower_normalizer = layers.Normalization(input_shape=[1], axis=None)
horsepower_normalizer.adapt(horsepower)

horsepower_model = tf.keras.Sequential([
    horsepower_normalizer,
    layers.Dense(units=1),
])
horsepower_model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.1), loss="mean_absolute_error")
history = horsepower_model.fit(train_features["Horsepower"], train_labels, epochs=100, verbose=0,
                               validation_split=0.2)
print(horsepower_model.evaluate(test_features["Horsepower"], test_labels, verbose=0))
