from tests.fix.before_after.codemod import assert_fix

TITLE = "Use relu with he_normal initialisation in the {} hidden layers"


def test_a_long_sigmoid_stack_becomes_relu_with_he_normal():  # VanishingGradientStack (a warning)
    assert_fix("KL101",
               before="""
               from tensorflow import keras
               model = keras.Sequential([
                   keras.Input(shape=(20,)),
                   keras.layers.Dense(64, activation="sigmoid"),  # first
                   keras.layers.Dense(64, activation="sigmoid"),
                   keras.layers.Dense(64, activation="sigmoid"),
                   keras.layers.Dense(1, activation="sigmoid"),
               ])
               """,
               after="""
               from tensorflow import keras
               model = keras.Sequential([
                   keras.Input(shape=(20,)),
                   keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),  # first
                   keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
                   keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
                   keras.layers.Dense(1, activation="sigmoid"),
               ])
               """, unsafe=True, title=TITLE.format(3))


def test_two_tanh_layers_one_through_an_activation_layer():  # SaturatingStack (info)
    assert_fix("KL101",
               before="""
               from tensorflow import keras
               model = keras.Sequential([
                   keras.Input(shape=(8,)),
                   keras.layers.Dense(32, activation="tanh"),
                   keras.layers.Dense(32),
                   keras.layers.Activation("tanh"),
                   keras.layers.Dense(1),
               ])
               """,
               after="""
               from tensorflow import keras
               model = keras.Sequential([
                   keras.Input(shape=(8,)),
                   keras.layers.Dense(32, activation="relu", kernel_initializer="he_normal"),
                   keras.layers.Dense(32, kernel_initializer="he_normal"),
                   keras.layers.Activation("relu"),
                   keras.layers.Dense(1),
               ])
               """, unsafe=True, title=TITLE.format(2))


def test_the_safe_pass_leaves_it():
    source = """
             from tensorflow import keras
             model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(32, activation="tanh"),
                                       keras.layers.Dense(32, activation="tanh"), keras.layers.Dense(1)])
             """
    assert_fix("KL101", before=source, after=source, unsafe=False)


def test_no_fix_when_the_activation_is_a_shared_variable():
    assert_fix("KL101",
               before="""
               from tensorflow import keras
               act = "sigmoid"
               model = keras.Sequential([
                   keras.Input(shape=(20,)),
                   keras.layers.Dense(64, activation=act),
                   keras.layers.Dense(64, activation=act),
                   keras.layers.Dense(1, activation="sigmoid"),
               ])
               """, after=None)
