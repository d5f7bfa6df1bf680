from tests.fix.before_after.codemod import assert_fix

HE = "Initialise this ReLU layer with he_normal"
DEFAULT = "Remove the initializer (Keras' default glorot_uniform)"


def test_a_zero_relu_layer_gets_he_normal():  # DeadReluLayer
    assert_fix("KL110",
               before="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(64, activation="relu", kernel_initializer="zeros", input_shape=(20,)),
                   layers.Dense(1, activation="sigmoid"),
               ])
               """,
               after="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(64, activation="relu", kernel_initializer="he_normal", input_shape=(20,)),
                   layers.Dense(1, activation="sigmoid"),
               ])
               """, unsafe=True, title=HE)


def test_two_constant_tanh_layers_get_keras_default():  # IdenticalUnits, then ConstantHiddenKernel
    assert_fix("KL110",
               before="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(32, activation="tanh", kernel_initializer="ones", input_shape=(8,)),
                   layers.Dense(32, activation="tanh", kernel_initializer="ones"),
                   layers.Dense(1, activation="sigmoid"),
               ])
               """,
               after="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(32, activation="tanh", input_shape=(8,)),
                   layers.Dense(32, activation="tanh"),
                   layers.Dense(1, activation="sigmoid"),
               ])
               """, unsafe=True, title=DEFAULT)


def test_one_constant_hidden_layer_gets_keras_default():  # ConstantHiddenKernel
    assert_fix("KL110",
               before="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(32, activation="tanh", kernel_initializer="ones", input_shape=(8,)),
                   layers.Dense(32, activation="tanh"),
                   layers.Dense(1, activation="sigmoid"),
               ])
               """,
               after="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(32, activation="tanh", input_shape=(8,)),
                   layers.Dense(32, activation="tanh"),
                   layers.Dense(1, activation="sigmoid"),
               ])
               """, unsafe=True, title=DEFAULT)


def test_a_wide_random_normal_through_a_variable_gets_he_normal():  # WideRandomNormal
    assert_fix("KL110",
               before="""
               import tensorflow as tf
               init = tf.keras.initializers.RandomNormal(mean=0.0, stddev=1.0)
               inputs = tf.keras.Input(shape=(784,))
               x = tf.keras.layers.Dense(256, activation="relu", kernel_initializer=init)(inputs)
               outputs = tf.keras.layers.Dense(10, activation="softmax")(x)
               model = tf.keras.Model(inputs, outputs)
               """,
               after="""
               import tensorflow as tf
               init = tf.keras.initializers.RandomNormal(mean=0.0, stddev=1.0)
               inputs = tf.keras.Input(shape=(784,))
               x = tf.keras.layers.Dense(256, activation="relu", kernel_initializer="he_normal")(inputs)
               outputs = tf.keras.layers.Dense(10, activation="softmax")(x)
               model = tf.keras.Model(inputs, outputs)
               """, unsafe=True, title=HE)


def test_no_fix_when_a_helper_builds_the_output_layer_too():
    assert_fix("KL110",
               before="""
               from tensorflow.keras import layers, models
               def dense(units, activation):
                   return layers.Dense(units, activation=activation, kernel_initializer="zeros")
               model = models.Sequential([layers.Input(shape=(20,)), dense(64, "relu"), dense(1, "sigmoid")])
               """, after=None, unsafe=True)
