"""KL201-KL205 beyond their catalogue examples: import styles, model styles, Keras 2 spellings, and the
false-alarm discipline (anything not statically certain stays silent)."""

import textwrap

import pytest

from kerlint.engine import lint_text

OUTPUT_CODES = {"KL201", "KL202", "KL203", "KL204", "KL205"}


def found(source: str) -> dict[str, list[str]]:
    """code -> severities of the KL20x findings in `source`."""
    out: dict[str, list[str]] = {}
    for v in lint_text(textwrap.dedent(source), path="t.py"):
        if v.code in OUTPUT_CODES:
            out.setdefault(v.code, []).append(v.severity.label)
    return out


# --- one model, every import style --------------------------------------------------------------------

IMPORT_STYLES = {
    "tf": ("import tensorflow as tf\n", "tf.keras.Sequential", "tf.keras.layers.Dense", "tf.keras.layers.Activation"),
    "from_tf_keras": ("from tensorflow import keras\n", "keras.Sequential", "keras.layers.Dense",
                      "keras.layers.Activation"),
    "keras3": ("import keras\n", "keras.Sequential", "keras.layers.Dense", "keras.layers.Activation"),
    "names": ("from keras.models import Sequential\nfrom keras.layers import Dense, Activation\n", "Sequential",
              "Dense", "Activation"),
    "tf_keras_alias": ("import tf_keras as tk\n", "tk.Sequential", "tk.layers.Dense", "tk.layers.Activation"),
    "aliased_names": ("from tensorflow.keras.layers import Dense as D, Activation as A\n"
                      "from tensorflow.keras.models import Sequential as S\n", "S", "D", "A"),
}


@pytest.mark.parametrize("style", sorted(IMPORT_STYLES))
def test_logits_flag_in_every_import_style(style):
    header, seq, dense, act = IMPORT_STYLES[style]
    logits = f"""{header}model = {seq}([{dense}(64, activation="relu", input_shape=(20,)), {dense}(10)])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""
    separate_softmax = f"""{header}model = {seq}([{dense}(64, activation="relu", input_shape=(20,)), {dense}(10),
          {act}("softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""
    assert found(logits) == {"KL202": ["error"]}
    assert found(separate_softmax) == {}


def test_activation_softmax_layer_is_the_output_activation():
    src = """
    from tensorflow import keras
    model = keras.Sequential([keras.layers.Dense(64, activation="relu", input_shape=(20,)),
                              keras.layers.Dense(3), keras.layers.Activation("softmax")])
    model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(from_logits=True))
    """
    assert found(src) == {"KL202": ["error"]}


def test_softmax_on_one_unit_is_reported_once_whatever_the_loss():
    for loss in ("binary_crossentropy", "mse", "categorical_crossentropy"):
        src = f"""
        import keras
        model = keras.Sequential([keras.layers.Dense(8, activation="relu", input_shape=(4,)),
                                  keras.layers.Dense(1, activation="softmax")])
        model.compile(optimizer="adam", loss="{loss}", metrics=["accuracy"])
        """
        assert found(src).get("KL201") == ["error"], loss
        assert "KL202" not in found(src) and "KL203" not in found(src)


def test_softmax_over_tokens_after_flatten_is_not_one_unit():
    src = """
    import keras
    inputs = keras.Input(shape=(384, 768))
    start = keras.layers.Dense(1, use_bias=False)(inputs)
    start = keras.layers.Flatten()(start)
    start = keras.layers.Activation("softmax")(start)
    model = keras.Model(inputs, start)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    """
    assert found(src) == {}


def test_two_softmax_units_with_binary_ce_depend_on_the_labels():
    onehot = """
    import numpy as np
    from tensorflow import keras
    y = keras.utils.to_categorical(np.random.randint(0, 2, 100), 2)
    model = keras.Sequential([keras.layers.Dense(8, activation="relu", input_shape=(4,)),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.fit(np.random.rand(100, 4), y, epochs=3, validation_split=0.2)
    """
    integers = """
    from tensorflow import keras
    (x, y), _ = keras.datasets.imdb.load_data(num_words=1000)
    model = keras.Sequential([keras.layers.Embedding(1000, 8), keras.layers.GlobalAveragePooling1D(),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.fit(x, y, epochs=3, validation_split=0.2)
    """
    assert "KL201" not in found(onehot)  # binary CE on 2 softmax units equals categorical CE
    assert found(integers).get("KL201") == ["error"]


def test_multilabel_sigmoid_with_binary_ce_is_valid():
    src = """
    import tensorflow as tf
    inputs = tf.keras.Input(shape=(32,))
    outputs = tf.keras.layers.Dense(6, activation="sigmoid")(inputs)
    model = tf.keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss=tf.keras.losses.BinaryCrossentropy(), metrics=["accuracy"])
    """
    assert found(src) == {}


def test_subclassed_model_and_model_built_in_a_function():
    subclassed = """
    import tensorflow as tf
    class Classifier(tf.keras.Model):
        def __init__(self, classes=10):
            super().__init__()
            self.hidden = [tf.keras.layers.Dense(64, activation="relu") for _ in range(2)]
            self.head = tf.keras.layers.Dense(classes)
        def call(self, x):
            for layer in self.hidden:
                x = layer(x)
            return tf.nn.softmax(self.head(x))
    model = Classifier()
    model.compile(optimizer="adam",
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    """
    helper = """
    from tensorflow.keras import layers, models

    def build(n_classes):
        model = models.Sequential()
        model.add(layers.Dense(32, activation="relu", input_shape=(16,)))
        model.add(layers.Dense(n_classes, activation="sigmoid"))
        return model

    net = build(4)
    net.compile(optimizer="sgd", loss="categorical_crossentropy")
    """
    assert found(subclassed) == {"KL202": ["error"]}
    assert found(helper) == {"KL201": ["error"]}


def test_keras2_spellings():
    src = """
    from keras.models import Sequential
    from keras.layers import Dense, Activation
    from keras.utils import np_utils
    from keras.datasets import mnist
    (X_train, y_train), (X_test, y_test) = mnist.load_data()
    X_train = X_train.reshape(60000, 784).astype("float32") / 255
    Y_train = np_utils.to_categorical(y_train, 10)
    model = Sequential()
    model.add(Dense(output_dim=512, input_dim=784, init="uniform"))
    model.add(Activation("relu"))
    model.add(Dense(output_dim=12, init="uniform"))
    model.add(Activation("softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="sgd", metrics=["accuracy"])
    model.fit(X_train, Y_train, nb_epoch=20, batch_size=128, validation_split=0.1)
    """
    assert found(src) == {"KL203": ["error"]}


# --- class counts ---------------------------------------------------------------------------------

def _mnist_script(units, labels_expr="y_train", loss="sparse_categorical_crossentropy", prelude=""):
    return f"""
    from tensorflow import keras
    num_classes = 10
    (x_train, y_train), _ = keras.datasets.mnist.load_data()
    {prelude}
    model = keras.Sequential([keras.layers.Flatten(input_shape=(28, 28)),
                              keras.layers.Dense({units}, activation="softmax")])
    model.compile(optimizer="adam", loss="{loss}", metrics=["accuracy"])
    model.fit(x_train / 255.0, {labels_expr}, epochs=3, validation_split=0.1)
    """


def test_class_count_from_constants_and_datasets():
    assert found(_mnist_script("num_classes")) == {}
    assert found(_mnist_script(5)) == {"KL203": ["error"]}
    assert found(_mnist_script(12)) == {"KL203": ["warning"]}  # extra outputs: wasteful, not broken
    onehot = "y = keras.utils.to_categorical(y_train, num_classes)"
    assert found(_mnist_script("num_classes", "y", "categorical_crossentropy", onehot)) == {}
    assert found(_mnist_script(8, "y", "categorical_crossentropy", onehot)) == {"KL203": ["error"]}


def test_unknown_class_counts_stay_silent():
    # to_categorical with a count we cannot read, labels filtered by a mask, labels changed by arithmetic
    unknown_n = "y = keras.utils.to_categorical(y_train, len(set(y_train)))"
    assert "KL203" not in found(_mnist_script(7, "y", "categorical_crossentropy", unknown_n))
    masked = "y = y_train[y_train < 5]"
    assert "KL203" not in found(_mnist_script(5, "y", prelude=masked))
    parity = "y = y_train % 2"
    assert "KL203" not in found(_mnist_script(2, "y", prelude=parity))


def test_cifar100_fine_and_coarse_labels():
    template = """
    import tensorflow as tf
    (x, y), _ = tf.keras.datasets.cifar100.load_data({kw})
    inputs = tf.keras.Input(shape=(32, 32, 3))
    h = tf.keras.layers.Flatten()(tf.keras.layers.Rescaling(1 / 255)(inputs))
    outputs = tf.keras.layers.Dense({units}, activation="softmax")(h)
    model = tf.keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, epochs=2, validation_split=0.1)
    """
    assert found(template.format(kw="", units=100)) == {}
    assert found(template.format(kw='label_mode="coarse"', units=20)) == {}
    assert found(template.format(kw='label_mode="coarse"', units=100)) == {"KL203": ["warning"]}
    assert found(template.format(kw="", units=20)) == {"KL203": ["error"]}


def test_directory_datasets_have_unknown_class_counts():
    src = """
    import tensorflow as tf
    train = tf.keras.utils.image_dataset_from_directory("photos", image_size=(64, 64))
    model = tf.keras.Sequential([tf.keras.layers.Rescaling(1 / 255, input_shape=(64, 64, 3)),
                                 tf.keras.layers.Flatten(), tf.keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(train, epochs=3)
    """
    assert found(src) == {}


# --- label encodings --------------------------------------------------------------------------------

def test_label_encodings_through_generators_and_datasets():
    generator = """
    from tensorflow.keras.preprocessing.image import ImageDataGenerator
    from tensorflow.keras import layers, models
    gen = ImageDataGenerator(rescale=1 / 255)
    train = gen.flow_from_directory("data", target_size=(32, 32), class_mode="{mode}")
    model = models.Sequential([layers.Flatten(input_shape=(32, 32, 3)), layers.Dense(4, activation="softmax")])
    model.compile(optimizer="adam", loss="{loss}")
    model.fit(train, epochs=2)
    """
    assert found(generator.format(mode="sparse", loss="sparse_categorical_crossentropy")) == {}
    assert found(generator.format(mode="categorical", loss="categorical_crossentropy")) == {}
    assert found(generator.format(mode="sparse", loss="categorical_crossentropy")) == {"KL204": ["error"]}
    tf_data = """
    import tensorflow as tf
    (x, y), _ = tf.keras.datasets.fashion_mnist.load_data()
    ds = tf.data.Dataset.from_tensor_slices((x, y)).map(lambda a, b: (a / 255, tf.one_hot(b, 10)))
    ds = ds.shuffle(1000).batch(32)
    model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)),
                                 tf.keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="{loss}")
    model.fit(ds, epochs=2)
    """
    assert found(tf_data.format(loss="categorical_crossentropy")) == {}
    assert found(tf_data.format(loss="sparse_categorical_crossentropy")) == {"KL204": ["error"]}


# --- unknown facts are never taken as facts ------------------------------------------------------------

@pytest.mark.parametrize("variant", [
    # activation hidden in **kwargs we cannot read
    ('cfg = load()\nhead = keras.layers.Dense(10, **cfg)', 'loss="categorical_crossentropy"'),
    # loss chosen at run time
    ('head = keras.layers.Dense(10)', 'loss=pick_loss()'),
    # from_logits from a variable we cannot read
    ('head = keras.layers.Dense(10)', 'loss=keras.losses.CategoricalCrossentropy(from_logits=flag)'),
    # a loss dict on a single output
    ('head = keras.layers.Dense(10)', 'loss={"out": "categorical_crossentropy"}'),
])
def test_unknown_output_or_loss_stays_silent(variant):
    head, loss = variant
    src = "from tensorflow import keras\nfrom lib import load, pick_loss, flag, use_softmax\n" + head + """
model = keras.Sequential([keras.layers.Dense(32, activation="relu", input_shape=(8,)), head])
model.compile(optimizer="adam", """ + loss + ")\n"
    assert found(src) == {}


def test_output_activation_under_an_undecided_condition_is_judged_in_each_configuration():
    src = textwrap.dedent("""
    from tensorflow import keras
    from lib import use_softmax
    head = keras.layers.Dense(10)
    if use_softmax:
        head = keras.Sequential([head, keras.layers.Softmax()])
    model = keras.Sequential([keras.layers.Dense(32, activation="relu", input_shape=(8,)), head])
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    """)
    violations = [v for v in lint_text(src) if v.code.startswith("KL2")]
    # the linear head is a bug when the condition is false, and only then
    assert [(v.code, v.message.endswith("(when `use_softmax` is false)")) for v in violations] == [("KL202", True)]


def test_several_outputs_stay_silent_except_single_unit_softmax():
    src = """
    import keras
    inputs = keras.Input(shape=(16,))
    a = keras.layers.Dense(3, name="a")(inputs)
    b = keras.layers.Dense(1, activation="softmax", name="b")(inputs)
    model = keras.Model(inputs, [a, b])
    model.compile(optimizer="adam", loss=["categorical_crossentropy", "binary_crossentropy"])
    """
    assert found(src) == {"KL201": ["error"]}  # softmax over one unit is wrong for any loss


def test_accuracy_on_regression_losses():
    template = """
    import tensorflow as tf
    model = tf.keras.Sequential([tf.keras.layers.Dense(16, activation="relu", input_shape=(8,)),
                                 tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss={loss}, metrics={metrics})
    """
    assert found(template.format(loss='"huber"', metrics='["acc"]')) == {"KL205": ["warning"]}
    # keras.metrics.Accuracy counts exact equality: meaningless on a continuous target
    assert found(template.format(loss="tf.keras.losses.MeanSquaredError()",
                                 metrics='[tf.keras.metrics.Accuracy()]')) == {"KL205": ["warning"]}
    # a threshold (0.5) or argmax metric named explicitly: mse on 0/1 or one-hot targets, a linear classifier
    for metric in ("tf.keras.metrics.BinaryAccuracy()", "'binary_accuracy'", "tf.keras.metrics.CategoricalAccuracy()",
                   "'sparse_categorical_accuracy'"):
        assert found(template.format(loss="tf.keras.losses.MeanSquaredError()", metrics=f"[{metric}]")) == {}, metric
    assert found(template.format(loss='"mse"', metrics='["mae", tf.keras.metrics.RootMeanSquaredError()]')) == {}
    assert found(template.format(loss='"mse"', metrics="METRICS")) == {}  # unknown metrics list


def test_accuracy_string_with_mse_on_a_classifier_blames_the_loss():
    """Keras resolves "accuracy" to binary/categorical accuracy: on a sigmoid/softmax output trained with mse,
    or with labels known to be classes, the metric is meaningful and the loss is the fault."""
    template = """
    import tensorflow as tf
    (x, y), _ = tf.keras.datasets.mnist.load_data()
    model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)),
                                 tf.keras.layers.Dense(16, activation="relu"), tf.keras.layers.Dense({head})])
    model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
    model.fit(x / 255.0, {labels}, epochs=5, validation_split=0.1)
    """
    def messages(src):
        return [v.message for v in lint_text(textwrap.dedent(src), path="t.py") if v.code == "KL205"]

    for head, labels in (('10, activation="softmax"', "tf.keras.utils.to_categorical(y)"),
                         ("10", "tf.keras.utils.to_categorical(y)")):  # one-hot labels
        found_messages = messages(template.format(head=head, labels=labels))
        assert len(found_messages) == 1 and "on a classifier" in found_messages[0], head
    regression = messages(template.format(head="1", labels="y_reg"))
    assert len(regression) == 1 and "continuous regression target" in regression[0]


def test_hidden_layers_from_an_unknown_list_then_a_known_output_layer():
    known_head = """
    from tensorflow import keras
    def build(sizes):
        model = keras.Sequential([keras.Input(shape=(8,))])
        for units in sizes:
            model.add(keras.layers.Dense(units, activation="relu"))
        model.add(keras.layers.Dense(10))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        return model
    """
    unknown_head = """
    from tensorflow import keras
    def build(sizes, head):
        model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(10)])
        for units in sizes:
            model.add(keras.layers.Dense(units, activation="relu"))
        model.add(head)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        return model
    """
    last_add_in_loop = """
    from tensorflow import keras
    def build(sizes):
        model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(10)])
        for units in sizes:
            model.add(keras.layers.Dense(units, activation="relu"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        return model
    """
    assert found(known_head) == {"KL202": ["error"]}
    assert found(unknown_head) == {}
    assert found(last_add_in_loop) == {}
