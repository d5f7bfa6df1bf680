"""Fixers on cases beyond the rule examples: the seed's model, layouts, comments, refusals."""

import textwrap
from pathlib import Path

from kerlint.engine import lint_text
from kerlint.fix.apply import apply_edits, select_fixes
from kerlint.violation import Applicability, Edit, Fix, Position, Severity, Violation

# Seed 000, `build_deep_network_sigmoid`, as the seed writes it (odd indentation included).
SEED_000_DEEP_SIGMOID = (Path(__file__).parent.parent / "seeds" / "seed000_deep_network_sigmoid.py").read_text()


def codes(source):
    return [v.code for v in lint_text(source, path="model.py")]


def test_seed_000_deep_sigmoid_model_loses_kl101_with_the_unsafe_fix(fix, text_of):
    assert "KL101" in codes(SEED_000_DEEP_SIGMOID)
    assert not fix(SEED_000_DEEP_SIGMOID, unsafe=False).changed, "KL101's fix is unsafe: --fix alone must not apply it"
    text = text_of(fix(SEED_000_DEEP_SIGMOID, unsafe=True))
    assert "KL101" not in codes(text)
    assert "activation='sigmoid'" not in text
    assert text.count("activation='relu'") == 5 and text.count("kernel_initializer='he_normal'") == 5
    assert "activation='softmax')  # Assuming 10 classes" in text  # the output layer and its comment stay
    assert "# deep_sigmoid_model.fit(...) # Example training - Very low accuracy" in text
    assert set(codes(text)) <= set(codes(SEED_000_DEEP_SIGMOID))


def test_kl101_functional_activation_layers_and_tf_nn_functions(fix, text_of):
    source = textwrap.dedent("""\
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(20,))
        x = tf.keras.layers.Dense(64)(inputs)
        x = tf.keras.layers.Activation("tanh")(x)  # hidden 1
        x = tf.keras.layers.Dense(64)(x)
        x = tf.nn.sigmoid(x)
        outputs = tf.keras.layers.Dense(1, activation="sigmoid")(x)
        model = tf.keras.Model(inputs, outputs)
        """)
    text = text_of(fix(source, unsafe=True))
    assert 'tf.keras.layers.Activation("relu")(x)  # hidden 1' in text
    assert "x = tf.nn.relu(x)" in text
    assert text.count('kernel_initializer="he_normal"') == 2
    assert 'Dense(1, activation="sigmoid")' in text  # the output keeps its sigmoid
    assert "KL101" not in codes(text)


def test_kl101_activation_through_a_variable_gets_no_fix():
    source = textwrap.dedent("""\
        from tensorflow import keras
        act = "sigmoid"
        model = keras.Sequential([
            keras.layers.Dense(64, activation=act, input_shape=(8,)),
            keras.layers.Dense(64, activation=act),
            keras.layers.Dense(1, activation="sigmoid"),
        ])
        """)
    [finding] = [v for v in lint_text(source) if v.code == "KL101"]
    assert finding.fix is None


def test_new_keyword_follows_a_one_argument_per_line_layout(fix, text_of):
    source = textwrap.dedent("""\
        from tensorflow import keras
        (x, y), _ = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.layers.Flatten(input_shape=(28, 28)), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        def train():
            model.fit(
                x / 255.0,  # scaled
                y,
                epochs=5,
            )
        """)
    text = text_of(fix(source, unsafe=True))
    assert "        epochs=5,\n        validation_split=0.2,\n    )\n" in text
    assert "x / 255.0,  # scaled" in text


def test_kl304_inserts_shuffle_before_batch_across_names_and_lines(fix, text_of):
    source = textwrap.dedent("""\
        import tensorflow as tf
        (x, y), _ = tf.keras.datasets.mnist.load_data()
        ds = tf.data.Dataset.from_tensor_slices((x / 255.0, y))
        train_ds = (ds.map(lambda a, b: (a, b))
                    .batch(32)  # batches
                    .prefetch(2))
        model = tf.keras.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)), tf.keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train_ds, epochs=5, validation_data=train_ds)
        """)
    assert "KL304" in codes(source)
    text = text_of(fix(source, unsafe=True))
    assert "(ds.map(lambda a, b: (a, b)).shuffle(10000)\n            .batch(32)  # batches" in text
    assert "KL304" not in codes(text)


def test_kl304_shuffle_false_on_the_loader_becomes_true(fix, text_of):
    source = textwrap.dedent("""\
        import tensorflow as tf
        train_ds = tf.keras.utils.image_dataset_from_directory("data/train", image_size=(64, 64), shuffle=False)
        model = tf.keras.Sequential([tf.keras.layers.Rescaling(1.0 / 255, input_shape=(64, 64, 3)),
                                     tf.keras.layers.Flatten(), tf.keras.layers.Dense(5, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train_ds, epochs=5, validation_data=train_ds)
        """)
    assert "KL304" in codes(source)
    text = text_of(fix(source, unsafe=True))
    assert 'image_size=(64, 64), shuffle=True)' in text
    assert "KL304" not in codes(text)


def test_kl303_on_a_dataset_gets_no_fix():
    source = textwrap.dedent("""\
        import tensorflow as tf
        train_ds = tf.keras.utils.image_dataset_from_directory("data/train", image_size=(64, 64))
        model = tf.keras.Sequential([tf.keras.layers.Rescaling(1.0 / 255, input_shape=(64, 64, 3)),
                                     tf.keras.layers.Flatten(), tf.keras.layers.Dense(5, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train_ds, epochs=5)
        """)
    [finding] = [v for v in lint_text(source) if v.code == "KL303"]
    assert finding.fix is None  # validation_split does not work on datasets


def test_kl401_inserts_rescaling_after_an_input(fix, text_of):
    source = textwrap.dedent("""\
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
        model = keras.Sequential([
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))
        """)
    text = text_of(fix(source, unsafe=True))
    assert "    keras.Input(shape=(32, 32, 3)),\n    keras.layers.Rescaling(1.0 / 255),\n    keras.layers.Conv2D" in text
    assert "KL401" not in codes(text)


def test_kl503_positional_arguments_become_keywords(fix, text_of):
    source = textwrap.dedent("""\
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(1, input_shape=(4,))])
        model.compile(optimizer="adam", loss="mse")
        model.fit_generator(gen, 100, 5, validation_data=val)
        """)
    text = text_of(fix(source, unsafe=False))
    assert "model.fit(gen, steps_per_epoch=100, epochs=5, validation_data=val)" in text


def test_kl504_renames_lr_and_leaves_decay_with_a_message(fix, text_of):
    source = textwrap.dedent("""\
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(1, input_shape=(4,))])
        opt = keras.optimizers.Adam(lr=1e-3,  # tuned
                                    decay=1e-6)
        model.compile(optimizer=opt, loss="mse")
        """)
    findings = {v.message.split()[2]: v for v in lint_text(source) if v.code == "KL504"}
    assert findings["lr="].fix.applicability is Applicability.SAFE
    assert "decay=" in findings["lr="].fix.message and "no safe equivalent" in findings["lr="].fix.message
    assert findings["decay="].fix is None
    text = text_of(fix(source, unsafe=False))
    assert "keras.optimizers.Adam(learning_rate=1e-3,  # tuned\n                            decay=1e-6)" in text


def test_kl504_with_learning_rate_also_given_gets_no_fix():
    source = ("from tensorflow import keras\n"
              "opt = keras.optimizers.Adam(lr=1e-3, learning_rate=1e-4)\n")
    assert all(v.fix is None for v in lint_text(source) if v.code == "KL504")


def test_kl202_string_loss_becomes_the_class_with_from_logits(fix, text_of):
    source = textwrap.dedent("""\
        import tensorflow as tf
        model = tf.keras.Sequential([
            tf.keras.layers.Dense(64, activation="relu", input_shape=(20,)),
            tf.keras.layers.Dense(10),
        ])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        """)
    [finding] = [v for v in lint_text(source) if v.code == "KL202"]
    assert finding.fix.applicability is Applicability.SAFE
    text = text_of(fix(source, unsafe=False))
    assert "loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))" in text


def _violation(code, edits, applicability=Applicability.SAFE):
    return Violation(code, code.lower(), Severity.WARNING, "m", "f.py", Position(1, 1), Position(1, 1),
                     fix=Fix("fix", applicability, tuple(edits)))


def test_overlapping_fixes_are_deferred_and_unsafe_ones_need_the_flag():
    first = _violation("KL1", [Edit(Position(1, 1), Position(1, 5), "AAAA")])
    overlapping = _violation("KL2", [Edit(Position(1, 3), Position(1, 7), "BBBB")])
    separate = _violation("KL3", [Edit(Position(2, 1), Position(2, 2), "C")])
    unsafe = _violation("KL4", [Edit(Position(3, 1), Position(3, 2), "D")], Applicability.UNSAFE)
    chosen, deferred = select_fixes([overlapping, first, separate, unsafe], unsafe=False)
    assert chosen == [first, separate] and deferred == [overlapping]
    chosen, _ = select_fixes([unsafe], unsafe=True)
    assert chosen == [unsafe]


def test_apply_edits_uses_1_based_rows_and_columns_and_keeps_line_endings():
    text = "ab\r\ncd\nef"
    assert apply_edits(text, [Edit(Position(2, 2), Position(3, 1), "X"), Edit(Position(1, 1), Position(1, 1), ">")]) \
        == ">ab\r\ncXef"


def test_kl401_appends_rescaling_to_an_input_only_list_when_layers_are_added(fix, text_of):
    source = textwrap.dedent("""\
        import keras
        from keras import layers
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.Input(shape=(28, 28, 1))])
        for filters in (16, 32):
            model.add(layers.Conv2D(filters, 3, activation="relu"))
        model.add(layers.Flatten())
        model.add(layers.Dense(10, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=5, validation_split=0.1)
        """)
    assert "KL401" in codes(source)
    text = text_of(fix(source, unsafe=True))
    assert "model = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Rescaling(1.0 / 255)])\n" in text
    assert "KL401" not in codes(text)


def test_kl501_keeps_names_keras_layers_does_not_export():
    source = textwrap.dedent("""\
        import tensorflow as tf
        class Scale(tf.keras.layers.experimental.preprocessing.PreprocessingLayer):
            pass
        flip = tf.keras.layers.experimental.preprocessing.RandomFlip("horizontal")
        """)
    fixes = {v.location.row: v.fix for v in lint_text(source) if v.code == "KL501"}
    assert fixes[2] is None
    assert fixes[4].edits[0].content == "tf.keras.layers"


def test_kl401_divides_the_fit_arrays_of_a_functional_model(fix, text_of):
    source = textwrap.dedent("""\
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        inputs = keras.Input(shape=(28, 28))
        x = keras.layers.Flatten()(inputs)
        outputs = keras.layers.Dense(10, activation="softmax")(x)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
        """)
    assert "KL401" in codes(source)
    text = text_of(fix(source, unsafe=True))
    assert "model.fit(x_train / 255.0, y_train, epochs=5, validation_data=(x_test / 255.0, y_test))" in text
    assert "KL401" not in codes(text)
    evaluated = source + "model.evaluate(x_test, y_test)\n"  # would be left unscaled: no fix
    assert all(v.fix is None for v in lint_text(evaluated) if v.code == "KL401")


def test_a_helper_building_hidden_and_output_layers_is_not_edited():
    source = textwrap.dedent("""\
        from tensorflow import keras

        def dense(units):
            return keras.layers.Dense(units, activation="sigmoid")

        model = keras.Sequential([keras.Input(shape=(8,)), dense(64), dense(64), dense(1)])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        """)
    [finding] = [v for v in lint_text(source) if v.code == "KL101"]
    assert finding.fix is None  # relu would replace the output's sigmoid too
