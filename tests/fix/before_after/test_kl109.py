from tests.fix.before_after.codemod import assert_fix


def test_a_softmax_dense_in_the_middle_becomes_relu():
    assert_fix("KL109",
               before="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(64, activation="softmax", input_shape=(20,)),
                   layers.Dense(32, activation="relu"),
                   layers.Dense(3, activation="softmax"),
               ])
               """,
               after="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(64, activation="relu", input_shape=(20,)),
                   layers.Dense(32, activation="relu"),
                   layers.Dense(3, activation="softmax"),
               ])
               """, unsafe=True, title="Use relu instead of softmax in this hidden layer")


def test_a_hidden_softmax_activation_layer_becomes_relu():
    assert_fix("KL109",
               before="""
               import keras
               inputs = keras.Input(shape=(32, 32, 3))
               x = keras.layers.Conv2D(32, 3)(inputs)
               x = keras.layers.Activation('softmax')(x)
               x = keras.layers.Flatten()(x)
               outputs = keras.layers.Dense(10, activation="softmax")(x)
               model = keras.Model(inputs, outputs)
               """,
               after="""
               import keras
               inputs = keras.Input(shape=(32, 32, 3))
               x = keras.layers.Conv2D(32, 3)(inputs)
               x = keras.layers.Activation('relu')(x)
               x = keras.layers.Flatten()(x)
               outputs = keras.layers.Dense(10, activation="softmax")(x)
               model = keras.Model(inputs, outputs)
               """, unsafe=True)


def test_no_fix_when_the_softmax_is_a_shared_variable():
    assert_fix("KL109",
               before="""
               from tensorflow.keras import layers, models
               act = "softmax"
               model = models.Sequential([
                   layers.Dense(64, activation=act, input_shape=(20,)),
                   layers.Dense(32, activation="relu"),
                   layers.Dense(3, activation=act),
               ])
               """, after=None, unsafe=True)
