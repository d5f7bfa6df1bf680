from tests.fix.before_after.codemod import assert_fix


def test_two_linear_dense_layers_get_relu_and_he_normal():  # LinearIntoWeightLayer
    assert_fix("KL108",
               before="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(128, input_shape=(20,)),
                   layers.Dense(64),  # the head
                   layers.Dense(1, activation="sigmoid"),
               ])
               """,
               after="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(128, input_shape=(20,), activation="relu", kernel_initializer="he_normal"),
                   layers.Dense(64, activation="relu", kernel_initializer="he_normal"),  # the head
                   layers.Dense(1, activation="sigmoid"),
               ])
               """, unsafe=True, title="Give this Dense a relu activation")


def test_a_conv_before_max_pooling_keeps_its_initializer():  # LinearThroughMaxPooling
    assert_fix("KL108",
               before="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Conv2D(32, 3, padding="same", kernel_initializer="glorot_normal", input_shape=(32, 32, 3)),
                   layers.MaxPooling2D(),
                   layers.Conv2D(64, 3, padding="same", activation="relu"),
                   layers.Flatten(),
                   layers.Dense(10, activation="softmax"),
               ])
               """,
               after="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Conv2D(32, 3, padding="same", kernel_initializer="glorot_normal", input_shape=(32, 32, 3), activation="relu"),
                   layers.MaxPooling2D(),
                   layers.Conv2D(64, 3, padding="same", activation="relu"),
                   layers.Flatten(),
                   layers.Dense(10, activation="softmax"),
               ])
               """, unsafe=True, title="Give this Conv2D a relu activation")


def test_no_fix_when_a_helper_builds_the_linear_output_too():
    assert_fix("KL108",
               before="""
               from tensorflow.keras import layers, models
               def dense(units):
                   return layers.Dense(units)
               model = models.Sequential([layers.Input(shape=(20,)), dense(128), dense(64), dense(1)])
               """, after=None, unsafe=True)
