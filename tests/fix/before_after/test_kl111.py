from tests.fix.before_after.codemod import assert_fix

TITLE = "Flatten the feature map before this Dense layer"


def test_a_flatten_element_goes_before_the_dense_in_a_sequential_list():  # PerPositionPrediction
    assert_fix("KL111",
               before="""
               from tensorflow import keras
               (x_train, y_train), _ = keras.datasets.mnist.load_data()
               x_train = x_train.reshape(-1, 28, 28, 1) / 255.0
               model = keras.Sequential([
                   keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)),
                   keras.layers.MaxPooling2D((2, 2)),
                   keras.layers.Dense(128, activation="relu"),
                   keras.layers.Dense(10, activation="softmax"),
               ])
               model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
               model.fit(x_train, y_train, epochs=5, validation_split=0.1)
               """,
               after="""
               from tensorflow import keras
               (x_train, y_train), _ = keras.datasets.mnist.load_data()
               x_train = x_train.reshape(-1, 28, 28, 1) / 255.0
               model = keras.Sequential([
                   keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)),
                   keras.layers.MaxPooling2D((2, 2)),
                   keras.layers.Flatten(),
                   keras.layers.Dense(128, activation="relu"),
                   keras.layers.Dense(10, activation="softmax"),
               ])
               model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
               model.fit(x_train, y_train, epochs=5, validation_split=0.1)
               """, unsafe=True, title=TITLE)


def test_the_dense_input_is_wrapped_in_the_functional_api():  # DenseOnFeatureMap
    assert_fix("KL111",
               before="""
               import keras
               inputs = keras.Input(shape=(64, 64, 3))
               x = keras.layers.Conv2D(16, 3, activation="relu")(inputs)
               x = keras.layers.MaxPooling2D()(x)
               outputs = keras.layers.Dense(5, activation="softmax")(x)
               model = keras.Model(inputs, outputs)
               """,
               after="""
               import keras
               inputs = keras.Input(shape=(64, 64, 3))
               x = keras.layers.Conv2D(16, 3, activation="relu")(inputs)
               x = keras.layers.MaxPooling2D()(x)
               outputs = keras.layers.Dense(5, activation="softmax")(keras.layers.Flatten()(x))
               model = keras.Model(inputs, outputs)
               """, unsafe=True, title=TITLE)


def test_no_fix_for_a_dense_imported_by_name():
    assert_fix("KL111",
               before="""
               from keras import Input, Model
               from keras.layers import Conv2D, Dense, MaxPooling2D
               inputs = Input(shape=(64, 64, 3))
               x = Conv2D(16, 3, activation="relu")(inputs)
               x = MaxPooling2D()(x)
               outputs = Dense(5, activation="softmax")(x)
               model = Model(inputs, outputs)
               """, after=None, unsafe=True)
