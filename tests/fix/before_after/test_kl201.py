from tests.fix.before_after.codemod import assert_fix

HEAD = "from tensorflow import keras\nfrom tensorflow.keras import layers\n"


def test_softmax_on_one_unit_becomes_sigmoid():
    assert_fix("KL201",
               before=HEAD + "model = keras.Sequential([keras.Input(shape=(8,)),\n"
                             "                          layers.Dense(1, activation='softmax')])  # binary\n"
                             "model.compile(optimizer='adam', loss='mse')\n",
               after=HEAD + "model = keras.Sequential([keras.Input(shape=(8,)),\n"
                            "                          layers.Dense(1, activation='sigmoid')])  # binary\n"
                            "model.compile(optimizer='adam', loss='mse')\n",
               unsafe=True, title="Use sigmoid on the output layer")


def test_categorical_loss_on_one_sigmoid_unit_becomes_binary_crossentropy():
    assert_fix("KL201",
               before=HEAD + "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(1, activation='sigmoid')])\n"
                             "model.compile(optimizer='adam', loss='categorical_crossentropy')\n",
               after=HEAD + "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(1, activation='sigmoid')])\n"
                            "model.compile(optimizer='adam', loss='binary_crossentropy')\n",
               unsafe=True, title="Use binary_crossentropy for the single sigmoid unit")


def test_categorical_loss_on_sigmoid_units_makes_them_softmax_also_inside_time_distributed():
    assert_fix("KL201",
               before=HEAD + "model = keras.Sequential([keras.Input(shape=(20, 5)), layers.LSTM(8, return_sequences=True),\n"
                             "                          layers.TimeDistributed(layers.Dense(3, activation='sigmoid'))])\n"
                             "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n",
               after=HEAD + "model = keras.Sequential([keras.Input(shape=(20, 5)), layers.LSTM(8, return_sequences=True),\n"
                            "                          layers.TimeDistributed(layers.Dense(3, activation='softmax'))])\n"
                            "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n",
               unsafe=True, title="Use softmax on the output layer")


def test_a_non_probability_output_gets_sigmoid_under_binary_crossentropy():
    assert_fix("KL201",
               before=HEAD + "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(1, activation='relu')])\n"
                             "model.compile(optimizer='adam', loss='binary_crossentropy')\n",
               after=HEAD + "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(1, activation='sigmoid')])\n"
                            "model.compile(optimizer='adam', loss='binary_crossentropy')\n",
               unsafe=True)


def test_no_fix_for_binary_crossentropy_on_a_softmax_the_encoding_decides():
    assert_fix("KL201",
               before=HEAD + "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(10, activation='softmax')])\n"
                             "model.compile(optimizer='adam', loss='binary_crossentropy')\n",
               after=None)


def test_no_fix_when_the_activation_is_a_shared_variable():
    assert_fix("KL201",
               before=HEAD + "act = 'tanh'\n"
                             "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(10, activation=act)])\n"
                             "model.compile(optimizer='adam', loss='categorical_crossentropy')\n",
               after=None)
