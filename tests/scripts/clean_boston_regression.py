# expect: none
# why: Boston housing price regression (Deep Learning with Python style): standardised features, mse loss, mae metric.
from tensorflow import keras
from tensorflow.keras import layers

(train_data, train_targets), (test_data, test_targets) = keras.datasets.boston_housing.load_data()

mean = train_data.mean(axis=0)
train_data -= mean
std = train_data.std(axis=0)
train_data /= std
test_data -= mean
test_data /= std


def build_model():
    model = keras.Sequential([
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1),
    ])
    model.compile(optimizer="rmsprop", loss="mse", metrics=["mae"])
    return model


model = build_model()
stopper = keras.callbacks.EarlyStopping(monitor="val_mae", patience=10, restore_best_weights=True)
model.fit(train_data, train_targets, epochs=130, batch_size=16, validation_split=0.2,
          callbacks=[stopper], verbose=0)
test_mse_score, test_mae_score = model.evaluate(test_data, test_targets)
print(test_mae_score)
