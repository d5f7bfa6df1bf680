from tests.fix.before_after.codemod import assert_fix

HEAD = "from tensorflow import keras\n(x_train, y_train), _ = keras.datasets.mnist.load_data()\n"


def _model(units, activation="softmax"):
    return (f"model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),\n"
            f"                          keras.layers.Dense({units}, activation='{activation}')])\n")


def test_one_hot_width_sets_the_units():
    fit = "model.fit(x_train, keras.utils.to_categorical(y_train))\n"
    compile_ = "model.compile(optimizer='adam', loss='categorical_crossentropy')\n"
    assert_fix("KL203", before=HEAD + _model(5) + compile_ + fit, after=HEAD + _model(10) + compile_ + fit,
               unsafe=True, title="Give the output layer 10 units")


def test_too_few_units_for_integer_labels():
    rest = "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\nmodel.fit(x_train, y_train)\n"
    assert_fix("KL203", before=HEAD + _model(8) + rest, after=HEAD + _model(10) + rest, unsafe=True)


def test_too_many_units_is_fixed_too():
    rest = "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\nmodel.fit(x_train, y_train)\n"
    assert_fix("KL203", before=HEAD + _model(12) + rest, after=HEAD + _model(10) + rest, unsafe=True)


def test_no_fix_under_binary_crossentropy_with_integer_labels():
    rest = "model.compile(optimizer='adam', loss='binary_crossentropy')\nmodel.fit(x_train, y_train)\n"
    assert_fix("KL203", before=HEAD + _model(1, "sigmoid") + rest, after=None)


def test_no_fix_when_the_units_are_a_name():
    rest = "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\nmodel.fit(x_train, y_train)\n"
    assert_fix("KL203", before=HEAD + "n = 8\n" + _model("n") + rest, after=None)
