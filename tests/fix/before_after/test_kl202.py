from tests.fix.before_after.codemod import assert_fix

HEAD = "import keras\nfrom keras import layers\n"
MODEL = "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(10{act})])\n"


def test_logits_get_from_logits_true_safely():
    assert_fix("KL202",
               before=HEAD + MODEL.format(act="") + "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n",
               after=HEAD + MODEL.format(act="") + "model.compile(optimizer='adam', loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))\n",
               title="Pass from_logits=True")


def test_from_logits_on_a_softmax_output_is_dropped_unsafely():
    act = ", activation='softmax'"
    assert_fix("KL202",
               before=HEAD + MODEL.format(act=act)
               + "model.compile(optimizer='adam', loss=keras.losses.CategoricalCrossentropy(from_logits=True))\n",
               after=HEAD + MODEL.format(act=act) + "model.compile(optimizer='adam', loss=keras.losses.CategoricalCrossentropy())\n",
               unsafe=True, title="Drop from_logits=True: the output layer already applies softmax")


def test_no_fix_when_the_linear_activation_is_its_own_layer():
    assert_fix("KL202",
               before=HEAD + "model = keras.Sequential([keras.Input(shape=(8,)), layers.Dense(10), layers.Activation('linear')])\n"
                             "model.compile(optimizer='adam', loss='categorical_crossentropy')\n",
               after=None)
