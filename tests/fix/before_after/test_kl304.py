from tests.fix.before_after.codemod import assert_fix

MODEL = """
import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Rescaling(1.0 / 255, input_shape=(64, 64, 3)),
                             tf.keras.layers.Flatten(), tf.keras.layers.Dense(5, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""


def test_fit_shuffle_false_on_arrays_becomes_true():
    head = "import numpy as np\nx, y = np.random.rand(100, 64, 64, 3), np.random.randint(0, 5, 100)\n" + MODEL
    assert_fix("KL304", before=head + "model.fit(x, y, shuffle=False, validation_split=0.2)\n",
               after=head + "model.fit(x, y, shuffle=True, validation_split=0.2)\n", unsafe=True,
               title="Shuffle the training arrays every epoch")


def test_loader_shuffle_false_becomes_true():
    loader = 'train_ds = tf.keras.utils.image_dataset_from_directory("data/train", image_size=(64, 64), shuffle={})\n'
    assert_fix("KL304", before=MODEL + loader.format("False") + "model.fit(train_ds, epochs=5, validation_data=train_ds)\n",
               after=MODEL + loader.format("True") + "model.fit(train_ds, epochs=5, validation_data=train_ds)\n",
               unsafe=True, title="Let the data source shuffle")


def test_a_pipeline_is_shuffled_before_its_first_batch():
    before = """
    import tensorflow as tf
    (x, y), _ = tf.keras.datasets.mnist.load_data()
    ds = tf.data.Dataset.from_tensor_slices((x / 255.0, y))
    train_ds = ds.batch(32).prefetch(2)
    model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)), tf.keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(train_ds, epochs=5, validation_data=train_ds)
    """
    assert_fix("KL304", before=before, after=before.replace("ds.batch(32)", "ds.shuffle(10000).batch(32)"),
               unsafe=True, title="Shuffle the dataset before batching (.shuffle(10000))")


def test_no_fix_when_the_pipeline_name_is_assigned_twice():
    assert_fix("KL304", before="""
    import tensorflow as tf
    (x, y), _ = tf.keras.datasets.mnist.load_data()
    train_ds = tf.data.Dataset.from_tensor_slices((x / 255.0, y))
    train_ds = train_ds.batch(32)
    model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)), tf.keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(train_ds, epochs=5, validation_data=train_ds)
    """, after=None)
