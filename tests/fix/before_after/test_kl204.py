from tests.fix.before_after.codemod import assert_fix

HEAD = ("from tensorflow import keras\n(x_train, y_train), _ = keras.datasets.mnist.load_data()\n"
        "model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),\n"
        "                          keras.layers.Dense(10, activation='softmax')])\n")


def test_sparse_loss_on_one_hot_labels_becomes_categorical():
    fit = "model.fit(x_train, keras.utils.to_categorical(y_train, 10))\n"
    assert_fix("KL204",
               before=HEAD + "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n" + fit,
               after=HEAD + "model.compile(optimizer='adam', loss='categorical_crossentropy')\n" + fit,
               unsafe=True, title="Use categorical_crossentropy for one-hot labels")


def test_categorical_loss_on_class_ids_becomes_sparse():
    assert_fix("KL204",
               before=HEAD + "model.compile(optimizer='adam', loss='categorical_crossentropy')\nmodel.fit(x_train, y_train)\n",
               after=HEAD + "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"
                            "model.fit(x_train, y_train)\n",
               unsafe=True, title="Use sparse_categorical_crossentropy for integer labels")


def test_no_fix_for_the_focal_loss_which_has_no_sparse_form():
    assert_fix("KL204",
               before=HEAD + "model.compile(optimizer='adam', loss=keras.losses.CategoricalFocalCrossentropy())\n"
                             "model.fit(x_train, y_train)\n",
               after=None)
