from tests.fix.before_after.codemod import assert_fix


def test_rescaling_layer_takes_over_the_first_layer_s_input_shape():
    assert_fix("KL401",
               before="""
               from tensorflow import keras
               (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
               model = keras.Sequential([
                   keras.layers.Conv2D(32, 3, activation="relu", input_shape=(32, 32, 3)),  # features
                   keras.layers.Flatten(),
                   keras.layers.Dense(10, activation="softmax"),
               ])
               model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
               model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))
               """,
               after="""
               from tensorflow import keras
               (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
               model = keras.Sequential([
                   keras.layers.Rescaling(1.0 / 255, input_shape=(32, 32, 3)),
                   keras.layers.Conv2D(32, 3, activation="relu"),  # features
                   keras.layers.Flatten(),
                   keras.layers.Dense(10, activation="softmax"),
               ])
               model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
               model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))
               """, unsafe=True, title="Rescaling(1.0 / 255) as its first layer")


def test_rescaling_goes_after_an_input():
    head = """
    from tensorflow import keras
    (x_train, y_train), _ = keras.datasets.mnist.load_data()
    model = keras.Sequential([keras.Input(shape=(28, 28)), {}keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=5, validation_split=0.2)
    """
    assert_fix("KL401", before=head.format(""), after=head.format("keras.layers.Rescaling(1.0 / 255), "),
               unsafe=True)


def test_a_functional_model_gets_its_fit_arrays_divided():
    head = """
    from tensorflow import keras
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    inputs = keras.Input(shape=(28, 28))
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(inputs))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    """
    assert_fix("KL401", before=head + "model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))\n",
               after=head + "model.fit(x_train / 255.0, y_train, epochs=5, validation_data=(x_test / 255.0, y_test))\n",
               unsafe=True, title="where they are passed to fit()")


def test_no_fix_when_a_functional_model_is_also_evaluated():
    assert_fix("KL401", before="""
    from tensorflow import keras
    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    inputs = keras.Input(shape=(28, 28))
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(inputs))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
    model.evaluate(x_test, y_test)
    """, after=None)


def test_the_comment_after_the_first_layer_stays_with_it():
    before = """
    from tensorflow import keras
    (x_train, y_train), _ = keras.datasets.mnist.load_data()
    model = keras.Sequential([
        keras.Input(shape=(28, 28)),  # 28x28 grey
        keras.layers.Flatten(),
        keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=5, validation_split=0.2)
    """
    assert_fix("KL401", before=before,
               after=before.replace("# 28x28 grey\n", "# 28x28 grey\n        keras.layers.Rescaling(1.0 / 255),\n"),
               unsafe=True)
