from tests.fix.before_after.codemod import assert_fix


def test_every_relu_layer_gets_he_normal():
    assert_fix("KL102",
               before="""
               from tensorflow import keras
               model = keras.Sequential([
                   keras.Input(shape=(20,)),
                   keras.layers.Dense(128, activation="relu"),
                   keras.layers.Dense(128, activation="relu"),
                   keras.layers.Dense(128, activation="relu"),
                   keras.layers.Dense(128, activation="relu"),
                   keras.layers.Dense(128, activation="relu"),
                   keras.layers.Dense(10, activation="softmax"),
               ])
               """,
               after="""
               from tensorflow import keras
               model = keras.Sequential([
                   keras.Input(shape=(20,)),
                   keras.layers.Dense(128, activation="relu", kernel_initializer="he_normal"),
                   keras.layers.Dense(128, activation="relu", kernel_initializer="he_normal"),
                   keras.layers.Dense(128, activation="relu", kernel_initializer="he_normal"),
                   keras.layers.Dense(128, activation="relu", kernel_initializer="he_normal"),
                   keras.layers.Dense(128, activation="relu", kernel_initializer="he_normal"),
                   keras.layers.Dense(10, activation="softmax"),
               ])
               """, unsafe=True, title="Initialise the 5 ReLU layers with he_normal")


def test_no_fix_when_a_helper_builds_the_output_layer_too():
    assert_fix("KL102",
               before="""
               from tensorflow import keras
               def dense(units, activation):
                   return keras.layers.Dense(units, activation=activation)
               model = keras.Sequential([
                   keras.Input(shape=(20,)),
                   dense(128, "relu"),
                   dense(128, "relu"),
                   dense(128, "relu"),
                   dense(128, "relu"),
                   dense(128, "relu"),
                   dense(10, "relu"),
               ])
               """, after=None)
