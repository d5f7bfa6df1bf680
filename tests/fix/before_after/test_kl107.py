from tests.fix.before_after.codemod import assert_fix


def test_a_rate_of_0_9_in_the_dense_head_becomes_0_5():  # HighDropoutRate
    assert_fix("KL107",
               before="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Flatten(input_shape=(28, 28)),
                   layers.Dense(128, activation="relu"),
                   layers.Dropout(0.9),  # keep 10%?
                   layers.Dense(10, activation="softmax"),
               ])
               """,
               after="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Flatten(input_shape=(28, 28)),
                   layers.Dense(128, activation="relu"),
                   layers.Dropout(0.5),  # keep 10%?
                   layers.Dense(10, activation="softmax"),
               ])
               """, unsafe=True, title="Use Dropout(0.5) instead of 0.9")


def test_a_rate_of_0_7_on_a_feature_map_becomes_0_25():  # HighFeatureMapDropout
    assert_fix("KL107",
               before="""
               import tensorflow as tf
               inputs = tf.keras.Input(shape=(32, 32, 3))
               x = tf.keras.layers.Conv2D(32, 3, activation="relu")(inputs)
               x = tf.keras.layers.Dropout(rate=0.7)(x)
               x = tf.keras.layers.Flatten()(x)
               outputs = tf.keras.layers.Dense(10, activation="softmax")(x)
               model = tf.keras.Model(inputs, outputs)
               """,
               after="""
               import tensorflow as tf
               inputs = tf.keras.Input(shape=(32, 32, 3))
               x = tf.keras.layers.Conv2D(32, 3, activation="relu")(inputs)
               x = tf.keras.layers.Dropout(rate=0.25)(x)
               x = tf.keras.layers.Flatten()(x)
               outputs = tf.keras.layers.Dense(10, activation="softmax")(x)
               model = tf.keras.Model(inputs, outputs)
               """, unsafe=True, title="Use Dropout(0.25) instead of 0.7")


def test_dropout_added_after_the_output_is_removed():  # DropoutAfterOutput, model.add(...)
    assert_fix("KL107",
               before="""
               from keras.models import Sequential
               from keras.layers import Dense, Dropout
               model = Sequential()
               model.add(Dense(64, activation="relu", input_dim=20))
               model.add(Dense(1, activation="sigmoid"))
               model.add(Dropout(0.5))
               model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
               """,
               after="""
               from keras.models import Sequential
               from keras.layers import Dense, Dropout
               model = Sequential()
               model.add(Dense(64, activation="relu", input_dim=20))
               model.add(Dense(1, activation="sigmoid"))
               model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
               """, unsafe=True, title="Remove the Dropout after the output layer")


def test_dropout_last_in_a_sequential_list_is_removed():  # DropoutAfterOutput, a list element
    assert_fix("KL107",
               before="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(64, activation="relu", input_shape=(8,)),
                   layers.Dense(3, activation="softmax"),
                   layers.Dropout(0.3),
               ])
               model.compile(loss="categorical_crossentropy", optimizer="adam")
               """,
               after="""
               from tensorflow.keras import layers, models
               model = models.Sequential([
                   layers.Dense(64, activation="relu", input_shape=(8,)),
                   layers.Dense(3, activation="softmax"),
               ])
               model.compile(loss="categorical_crossentropy", optimizer="adam")
               """, unsafe=True)


def test_no_fix_for_an_impossible_rate():  # InvalidDropoutRate
    assert_fix("KL107",
               before="""
               from tensorflow.keras import layers, models
               model = models.Sequential([layers.Dense(64, activation="relu", input_shape=(8,)), layers.Dropout(1.0),
                                          layers.Dense(1)])
               """, after=None, unsafe=True)
