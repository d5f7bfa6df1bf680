"""Hypothesis strategies shared by tests/test_fuzz.py (bounded, in `make test`) and bench/fuzz.py (long).

Two kinds of input:

- `keras_programs()`: valid Python generated from a Keras-flavoured grammar (imports in every style,
  Sequential/functional/subclassed models, layers with random literal arguments, compile/fit/evaluate,
  loops, comprehensions, helper functions, data loading, nested expressions);
- `mutated_scripts()`: real scripts (the rules' examples in rules/*.yaml, examples/*.py) with lines
  deleted, duplicated, reordered, literals replaced by random ones, expressions wrapped in deep nesting,
  or the file cut short. Most mutants do not parse: kerlint must say so (KL000), not crash.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


def seed_scripts() -> list[str]:
    """The rules' examples and the project's examples: real Keras code kerlint knows the answer for."""
    import yaml

    scripts = []
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("invalid", "valid"):
            value = data.get(key) or []
            scripts += [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
    scripts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.py"))]
    return [s for s in scripts if s.strip()]


# ---- literals and names --------------------------------------------------------------------------

LITERALS = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6).map(repr),
    st.sampled_from(["0", "1", "-1", "2", "10", "128", "0.0", "1.0", "0.5", "1e-3", "1e9", "-0.5", "True",
                     "False", "None", "float('nan')", "float('inf')", "10**100", "1j", "...", "0x10"]),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(['"relu"', '"sigmoid"', '"softmax"', '"tanh"', '"linear"', '"same"', '"valid"', '"adam"',
                     '"sgd"', '"mse"', '"categorical_crossentropy"', '"binary_crossentropy"',
                     '"sparse_categorical_crossentropy"', '"accuracy"', '"he_normal"', '"zeros"', "''", '"x"',
                     "b'raw'", 'f"{x}"']),
    st.sampled_from(["(3, 3)", "(28, 28, 1)", "(None,)", "()", "[]", "{}", "(0, 0)", "(-1, 5)", "[1, 2]"]),
)
NAMES = st.sampled_from(["x", "y", "model", "inputs", "outputs", "layers", "keras", "tf", "np", "data", "n",
                         "num_classes", "i", "self", "f", "history", "ds", "x_train", "y_train", "lr"])
LAYERS = ["Dense", "Conv2D", "Conv1D", "MaxPooling2D", "Flatten", "Dropout", "BatchNormalization",
          "Activation", "GlobalAveragePooling2D", "LSTM", "Embedding", "Input", "Rescaling", "Reshape",
          "Add", "Concatenate", "Lambda", "InputLayer", "experimental.preprocessing.Rescaling"]
PREFIXES = ["layers.", "keras.layers.", "tf.keras.layers.", "tensorflow.keras.layers.", "", "L."]
KWARGS = ["activation", "units", "filters", "kernel_size", "padding", "strides", "rate", "input_shape",
          "kernel_initializer", "kernel_regularizer", "use_bias", "name", "shape", "pool_size", "lr",
          "learning_rate", "from_logits", "validation_split", "validation_data", "epochs", "batch_size",
          "shuffle", "callbacks", "loss", "optimizer", "metrics", "decay", "steps_per_epoch"]


@st.composite
def expressions(draw, depth: int = 0):
    if depth > 3:
        return draw(st.one_of(LITERALS, NAMES))
    kind = draw(st.integers(0, 11))
    sub = lambda: draw(expressions(depth + 1))  # noqa: E731
    if kind <= 2:
        return draw(st.one_of(LITERALS, NAMES))
    if kind == 3:
        return f"{draw(NAMES)}.{draw(NAMES)}"
    if kind == 4:
        return f"({sub()} {draw(st.sampled_from(['+', '-', '*', '/', '//', '**', '%', '@', 'and', 'or', '<']))} {sub()})"
    if kind == 5:
        return f"[{', '.join(sub() for _ in range(draw(st.integers(0, 3))))}]"
    if kind == 6:
        return f"{sub()}[{sub()}]"
    if kind == 7:
        return f"(lambda {draw(NAMES)}: {sub()})"
    if kind == 8:
        return f"[{sub()} for {draw(NAMES)} in {sub()}]"
    if kind == 9:
        return f"({sub()} if {sub()} else {sub()})"
    return draw(calls(depth + 1))


@st.composite
def calls(draw, depth: int = 0):
    if draw(st.booleans()):
        func = draw(st.sampled_from(PREFIXES)) + draw(st.sampled_from(LAYERS))
    else:
        func = draw(st.sampled_from(["Sequential", "keras.Sequential", "tf.keras.Model", "Model", "model.add",
                                     "model.compile", "model.fit", "model.evaluate", "model.fit_generator",
                                     "keras.optimizers.Adam", "tf.keras.optimizers.SGD", "to_categorical",
                                     "tf.data.Dataset.from_tensor_slices", "ds.map", "ds.shuffle", "ds.batch",
                                     "keras.datasets.mnist.load_data", "np.random.rand", "range", "len",
                                     "helper", "build", "super().__init__", "ImageDataGenerator", "print",
                                     "keras.callbacks.EarlyStopping", "f", "x.reshape", "x.astype"]))
    args = [draw(expressions(depth)) for _ in range(draw(st.integers(0, 3)))]
    kwargs = [f"{draw(st.sampled_from(KWARGS))}={draw(expressions(depth))}" for _ in range(draw(st.integers(0, 3)))]
    if draw(st.integers(0, 9)) == 0:
        args.append(f"*{draw(NAMES)}")
    if draw(st.integers(0, 9)) == 0:
        kwargs.append(f"**{draw(NAMES)}")
    return f"{func}({', '.join(args + kwargs)})"


IMPORTS = st.sampled_from([
    "import tensorflow as tf", "from tensorflow import keras", "from tensorflow.keras import layers, models",
    "import keras", "from keras import layers", "from tensorflow.keras.layers import *",
    "from tensorflow.keras.layers import Dense as D, Conv2D", "import tf_keras as keras",
    "from tensorflow.keras.optimizers import Adam, SGD", "import numpy as np",
    "from tensorflow.keras.utils import to_categorical",
    "from tensorflow.keras.preprocessing.image import ImageDataGenerator",
    "from tensorflow.keras.layers.experimental import preprocessing", "from keras import layers as L",
])


@st.composite
def statements(draw, depth: int = 0):
    ind = "    " * depth
    kind = draw(st.integers(0, 12 if depth < 3 else 4))
    if kind <= 2:
        return f"{ind}{draw(NAMES)} = {draw(expressions())}"
    if kind == 3:
        return f"{ind}{draw(calls())}"
    if kind == 4:
        return f"{ind}{draw(NAMES)} = {draw(calls())}"
    body = lambda: "\n".join(draw(statements(depth + 1)) for _ in range(draw(st.integers(1, 3))))  # noqa: E731
    if kind == 5:
        return f"{ind}for {draw(NAMES)} in {draw(expressions())}:\n{body()}"
    if kind == 6:
        return f"{ind}if {draw(expressions())}:\n{body()}\n{ind}else:\n{body()}"
    if kind == 7:
        return f"{ind}def {draw(NAMES)}({', '.join(draw(st.lists(NAMES, max_size=3, unique=True)))}):\n{body()}\n" \
               f"{ind}    return {draw(expressions())}"
    if kind == 8:
        return f"{ind}class {draw(NAMES).title()}({draw(st.sampled_from(['keras.Model', 'tf.keras.Model', 'Model', 'object', 'layers.Layer']))}):\n" \
               f"{ind}    def __init__(self):\n{ind}        super().__init__()\n" \
               f"{ind}        self.{draw(NAMES)} = {draw(calls())}\n" \
               f"{ind}    def call(self, x):\n{ind}        return self.{draw(NAMES)}(x)"
    if kind == 9:
        return f"{ind}while {draw(expressions())}:\n{body()}\n{ind}    break"
    if kind == 10:
        return f"{ind}with {draw(calls())} as {draw(NAMES)}:\n{body()}"
    if kind == 11:
        return f"{ind}try:\n{body()}\n{ind}except Exception:\n{ind}    pass"
    return f"{ind}{draw(NAMES)} = [{draw(calls())}, {draw(calls())}]"


@st.composite
def keras_programs(draw) -> str:
    """Generated Python over a Keras vocabulary; only programs that compile are kept."""
    lines = draw(st.lists(IMPORTS, min_size=0, max_size=4))
    lines += [draw(statements()) for _ in range(draw(st.integers(1, 8)))]
    source = "\n".join(lines) + "\n"
    try:
        compile(source, "<fuzz>", "exec", dont_inherit=True, flags=0x400)  # ast only: no code runs
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        from hypothesis import assume

        assume(False)
    return source


# ---- mutations of real scripts --------------------------------------------------------------------

_LITERAL_RE = re.compile(r"""(?<![\w.])(\d+\.\d*(?:e-?\d+)?|\d+(?:e-?\d+)?|"[^"\n]*"|'[^'\n]*')""")


@st.composite
def mutated_scripts(draw, seeds: list[str] | None = None) -> str:
    seeds = seeds if seeds is not None else SEEDS
    lines = draw(st.sampled_from(seeds)).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "literal", "nest", "truncate", "indent", "join"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "literal":
            matches = list(_LITERAL_RE.finditer(lines[i]))
            if matches:
                m = draw(st.sampled_from(matches))
                lines[i] = lines[i][:m.start()] + draw(LITERALS) + lines[i][m.end():]
        elif op == "nest":
            levels = draw(st.integers(1, 60))
            opener, closer = draw(st.sampled_from([("(", ")"), ("[", "]"), ("f(", ")"), ("-(", ")")]))
            stripped = lines[i].lstrip()
            indent = lines[i][: len(lines[i]) - len(stripped)]
            if "=" in stripped and not stripped.startswith(("def ", "class ", "if ", "for ", "@")):
                target, _, value = stripped.partition("=")
                lines[i] = f"{indent}{target}= {opener * levels}{value.strip()}{closer * levels}"
        elif op == "truncate":
            lines = lines[:i]
            if lines and draw(st.booleans()):
                lines[-1] = lines[-1][: draw(st.integers(0, len(lines[-1])))]
        elif op == "indent":
            lines[i] = "    " + lines[i]
        else:
            if i + 1 < len(lines):
                lines[i:i + 2] = [lines[i] + " " + lines[i + 1].lstrip()]
    return "\n".join(lines) + ("\n" if draw(st.booleans()) else "")


SEEDS = seed_scripts()
