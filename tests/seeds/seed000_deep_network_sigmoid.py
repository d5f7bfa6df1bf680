import tensorflow as tf
from tensorflow.keras import layers, models

def build_deep_network_sigmoid():
    model = models.Sequential([
        layers.Conv2D(32, (3, 3), activation='sigmoid', padding='same', input_shape=(28, 28, 1)),
        layers.MaxPooling2D((2, 2)),
         layers.Conv2D(32, (3, 3), activation='sigmoid', padding='same'),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), activation='sigmoid', padding='same'),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(128, (3, 3), activation='sigmoid', padding='same'),
         layers.MaxPooling2D((2, 2)),
        layers.Conv2D(256, (3, 3), activation='sigmoid', padding='same'),
        layers.MaxPooling2D((2, 2)),
        layers.Flatten(),
        layers.Dense(10, activation='softmax')  # Assuming 10 classes
    ])
    return model


deep_sigmoid_model = build_deep_network_sigmoid()
deep_sigmoid_model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])
# deep_sigmoid_model.fit(...) # Example training - Very low accuracy
