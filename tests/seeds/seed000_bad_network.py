import tensorflow as tf
from tensorflow.keras import layers, models

def build_bad_network():
    model = models.Sequential([
        layers.Conv2D(32, (3, 3), activation='sigmoid', padding='same', input_shape=(28, 28, 1)),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation='sigmoid', padding='same'),
        layers.MaxPooling2D((2, 2)),
        layers.Flatten(),
        layers.Dense(10, activation='softmax')  # Assuming 10 classes
    ])
    return model

bad_model = build_bad_network()
bad_model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])
# bad_model.fit(...) # Example training - you would expect low accuracy here
