"""The one graph vocabulary (kerlint/ir/graph.py): outputs, heads and roles, and the cases where the five older
definitions disagreed."""

import textwrap

import libcst as cst

from kerlint.engine import lint_text
from kerlint.ir import UNKNOWN, extract
from kerlint.ir.graph import Role, output_block


def models(source):
    source = textwrap.dedent(source)
    return extract(cst.parse_module(source), source).models


def only_model(source):
    (model,) = models(source)
    return model


def kinds(layers):
    return [f"{layer.kind}({layer.width if layer.width is not UNKNOWN else ''})" for layer in layers]


def test_a_sequential_ending_in_an_unknown_loop_has_no_known_output_and_its_end_is_not_hidden():
    model = only_model("""
    from tensorflow import keras
    def build(sizes):
        model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(32, activation="tanh"),
                                  keras.layers.Dense(64, activation="tanh")])
        for units in sizes:
            model.add(keras.layers.Dense(units, activation="tanh"))
        model.compile(optimizer="adam", loss="mse")
        return model
    """)
    graph = model.graph
    assert graph.outputs == () and graph.heads == () and graph.single_head is None
    last = model.layers[-1]
    assert graph.role(last) is Role.OUTPUT  # it may be the output: never counted as hidden
    assert graph.role(model.layers[0]) is Role.HIDDEN
    assert last not in graph.hidden_layers and model.layers[0] in graph.hidden_layers
    assert graph.output_layer is None


def test_a_known_output_after_an_unknown_loop_is_the_head():
    model = only_model("""
    from tensorflow import keras
    def build(sizes):
        model = keras.Sequential([keras.Input(shape=(8,))])
        for units in sizes:
            model.add(keras.layers.Dense(units, activation="relu"))
        model.add(keras.layers.Dense(10, activation="softmax"))
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        return model
    """)
    head = model.graph.single_head
    assert head is not None and head.activation == "softmax" and head.units == 10
    assert model.graph.output_layer is head.layer


def test_batch_normalization_after_the_softmax_dense_keeps_the_head_but_not_its_activation():
    model = only_model("""
    from tensorflow import keras
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(10, activation="softmax"), keras.layers.BatchNormalization()])
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    """)
    head = model.graph.single_head
    assert head is not None and kinds([head.layer]) == ["Dense(10)"] and head.units == 10
    assert head.activation is UNKNOWN  # normalised probabilities: neither probabilities nor logits
    assert kinds(model.graph.hidden_layers) == ["Dense(16)"]
    assert model.graph.output_layer is head.layer


def test_a_conv_before_global_pooling_is_the_output_layer_for_checks_fixers_and_the_probe():
    model = only_model("""
    from tensorflow import keras
    from tensorflow.keras import layers
    inputs = keras.Input(shape=(32, 32, 3))
    x = layers.Conv2D(16, 3, activation="relu")(inputs)
    x = layers.Conv2D(10, 1, activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    outputs = layers.Activation("softmax")(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    """)
    graph = model.graph
    assert kinds(graph.hidden_layers) == ["Conv2D(16)"]
    assert graph.output_layer is model.layers[1]
    assert graph.single_head is None  # the head's activation/units are read only through layers keeping them
    # the probe's live model, in order: Conv2D, Conv2D, GlobalAveragePooling2D, Activation
    assert output_block([True, True, False, False]) == {1, 2, 3}


def test_the_probe_output_block_is_the_same_walk():
    assert output_block([True, False, True, False, False]) == {2, 3, 4}
    assert output_block([True, True]) == {1}
    assert output_block([False, False]) == set()


def test_a_model_built_in_a_function_called_under_a_condition_still_has_its_output_layer():
    source = """
    import sys
    from tensorflow import keras
    from tensorflow.keras import layers
    def build():
        inputs = keras.Input(shape=(8,))
        x = layers.Dense(64, activation="relu")(inputs)
        return keras.Model(inputs, layers.Dense(1)(x))
    if len(sys.argv) > 1:
        model = build()
        model.compile(optimizer="adam", loss="mse")
    """
    for model in models(source):
        assert kinds(model.graph.hidden_layers) == ["Dense(64)"]
        assert kinds([model.graph.output_layer]) == ["Dense(1)"]


def test_several_outputs_have_a_head_each_and_no_single_head():
    model = only_model("""
    from tensorflow import keras
    from tensorflow.keras import layers
    inputs = keras.Input(shape=(64, 64, 3))
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
    a = layers.Activation("tanh")(layers.Conv2D(3, 3, padding="same")(x))
    b = layers.Activation("tanh")(layers.Conv2D(3, 3, padding="same")(x))
    model = keras.Model(inputs, [a, b])
    model.compile(optimizer="adam", loss="mae")
    """)
    graph = model.graph
    assert [head.activation for head in graph.heads] == ["tanh", "tanh"]
    assert graph.single_head is None and graph.output_layer is None
    assert kinds(graph.hidden_layers) == ["Conv2D(32)"]


def test_conditional_is_a_declared_layer_field():
    model = only_model("""
    from tensorflow import keras
    def build(extra):
        model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(8, activation="relu")])
        for _ in range(extra):
            model.add(keras.layers.Dense(8, activation="relu"))
        model.add(keras.layers.Dense(1))
        model.compile(optimizer="adam", loss="mse")
        return model
    """)
    assert [layer.conditional for layer in model.layers] == [False, True, False]


def test_dropout_after_a_normalised_output_activation_is_after_the_output():
    source = textwrap.dedent("""
    from tensorflow import keras
    model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(10, activation="softmax"),
                              keras.layers.Dropout(0.2), keras.layers.BatchNormalization()])
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    model.fit(x, y)
    """)
    assert any(v.code == "KL107" and "after the output layer" in v.message for v in lint_text(source))
