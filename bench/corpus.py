"""A deterministic generator of realistic Keras training scripts, for the benchmark and the fuzz tests.

    python bench/corpus.py [--out bench/corpus] [--files 320] [--seed 7]

Each script is assembled from the styles people really write (seen in tutorials, Kaggle notebooks and
the seed documents): `Sequential([...])` lists, `model.add()` chains, the functional API, subclassed
`Model`s, helper functions that build blocks, loops over filter lists and `range(n)`, `tf.data`
pipelines, `keras.datasets` loaders, `ImageDataGenerator`, NumPy arrays, `compile()` / `fit()` /
`evaluate()` with callbacks, plus the code around them (argparse, logging, plotting, metrics helpers)
that a linter must read past. Sizes vary from a 30-line snippet to a few thousand lines. The same seed
always gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

IMPORT_STYLES = [
    ("import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n",
     "keras", "layers", "keras.optimizers", "keras.callbacks", "keras.utils", "keras.datasets"),
    ("import tensorflow as tf\nfrom tensorflow.keras import layers, models, optimizers, callbacks\n",
     "models", "layers", "optimizers", "callbacks", "tf.keras.utils", "tf.keras.datasets"),
    ("import tensorflow as tf\n", "tf.keras", "tf.keras.layers", "tf.keras.optimizers", "tf.keras.callbacks",
     "tf.keras.utils", "tf.keras.datasets"),
    ("import keras\nfrom keras import layers\n", "keras", "layers", "keras.optimizers", "keras.callbacks",
     "keras.utils", "keras.datasets"),
]
EXTRA_IMPORTS = ["import os", "import sys", "import json", "import time", "import math", "import logging",
                 "import numpy as np", "import matplotlib.pyplot as plt", "from pathlib import Path",
                 "from collections import defaultdict", "import random"]
DATASETS = [("mnist", (28, 28, 1), 10), ("fashion_mnist", (28, 28, 1), 10), ("cifar10", (32, 32, 3), 10),
            ("cifar100", (32, 32, 3), 100)]
ACTIVATIONS = ["relu", "relu", "relu", "elu", "selu", "tanh", "sigmoid", "gelu", "swish"]
INITS = [None, None, "he_normal", "glorot_uniform", "he_uniform", "lecun_normal"]
OPTIMIZERS = [("Adam", "learning_rate", [1e-3, 3e-4, 1e-2, 0.1, 5e-4]), ("SGD", "learning_rate", [0.01, 0.1, 0.5]),
              ("RMSprop", "learning_rate", [1e-3, 1e-4]), ("Adam", "lr", [1e-3, 0.01])]


class Writer:
    def __init__(self):
        self.lines: list[str] = []
        self.level = 0

    def __call__(self, text: str = "") -> None:
        for line in text.split("\n"):
            self.lines.append(("    " * self.level + line) if line else "")

    def indent(self):
        writer = self

        class _Ctx:
            def __enter__(self):
                writer.level += 1

            def __exit__(self, *exc):
                writer.level -= 1

        return _Ctx()

    def text(self) -> str:
        return "\n".join(self.lines).rstrip() + "\n"


class ScriptGen:
    def __init__(self, rng: random.Random, index: int):
        self.r = rng
        self.index = index
        style = rng.choice(IMPORT_STYLES)
        (self.imports, self.models, self.layers, self.optim, self.cbs, self.utils, self.datasets) = style
        self.dataset = rng.choice(DATASETS)
        self.w = Writer()
        self.helpers = 0

    # --- small pieces ---------------------------------------------------------------------------
    def lit(self, values):
        return repr(self.r.choice(values))

    def act(self) -> str:
        return self.r.choice(ACTIVATIONS)

    def layer_kwargs(self, act=True) -> str:
        parts = []
        if act:
            parts.append(f'activation="{self.act()}"')
        init = self.r.choice(INITS)
        if init:
            parts.append(f'kernel_initializer="{init}"')
        if self.r.random() < 0.15:
            parts.append(f"kernel_regularizer={self.models.split('.')[0] if self.models != 'models' else 'tf.keras'}"
                         f".regularizers.l2({self.lit([1e-4, 1e-3, 5e-4])})")
        return ", ".join(parts)

    def conv(self, filters: str, extra: str = "") -> str:
        kw = self.layer_kwargs()
        pad = self.r.choice(['padding="same"', 'padding="valid"', ""])
        args = ", ".join(a for a in (filters, self.r.choice(["(3, 3)", "3", "(5, 5)"]), kw, pad, extra) if a)
        return f"{self.layers}.Conv2D({args})"

    def dense(self, units: str, act=True) -> str:
        kw = self.layer_kwargs(act)
        return f"{self.layers}.Dense({units}{', ' + kw if kw else ''})"

    def head(self, n_classes: str) -> list[str]:
        out = [self.r.choice([f"{self.layers}.Flatten()", f"{self.layers}.GlobalAveragePooling2D()"])]
        for _ in range(self.r.randint(0, 2)):
            out.append(self.dense(self.lit([64, 128, 256, 512])))
            if self.r.random() < 0.6:
                out.append(f"{self.layers}.Dropout({self.lit([0.2, 0.3, 0.5, 0.25])})")
        out.append(f'{self.layers}.Dense({n_classes}, activation="{self.r.choice(["softmax", "softmax", "sigmoid"])}")')
        return out

    def conv_stack(self, depth: int) -> list[str]:
        out = []
        filters = self.r.choice([16, 32, 64])
        for i in range(depth):
            out.append(self.conv(str(filters)))
            if self.r.random() < 0.4:
                out.append(f"{self.layers}.BatchNormalization()")
            if i % 2 == 1 or self.r.random() < 0.3:
                out.append(f"{self.layers}.MaxPooling2D({self.r.choice(['(2, 2)', '2', ''])})")
            filters = min(filters * 2, 512) if self.r.random() < 0.6 else filters
        return out

    # --- file sections --------------------------------------------------------------------------
    def header(self) -> None:
        w = self.w
        name, shape, classes = self.dataset
        w(f'"""Experiment {self.index}: train a small network on {name}.\n\nGenerated for the kerlint benchmark."""')
        w()
        extras = sorted(self.r.sample(EXTRA_IMPORTS, self.r.randint(1, 5)))
        w("\n".join(extras))
        if "import numpy as np" not in extras:
            w("import numpy as np")
        w()
        w(self.imports.rstrip())
        w()
        w(f"NUM_CLASSES = {classes}")
        w(f"INPUT_SHAPE = {shape}")
        w(f"BATCH_SIZE = {self.lit([32, 64, 128, 256])}")
        w(f"EPOCHS = {self.lit([1, 5, 10, 20, 50, 100])}")
        if self.r.random() < 0.5:
            w(f"LEARNING_RATE = {self.lit([1e-3, 3e-4, 0.01, 0.1])}")
        w()

    def filler_function(self) -> None:
        """Code around the model that a linter reads but that is not Keras."""
        w = self.w
        kind = self.r.randrange(6)
        self.helpers += 1
        n = self.helpers
        if kind == 0:
            w(f"def plot_history_{n}(history, path=None):")
            with w.indent():
                w('"""Plot training curves."""')
                w("fig, axes = plt.subplots(1, 2, figsize=(10, 4))")
                w('for ax, key in zip(axes, ["loss", "accuracy"]):')
                with w.indent():
                    w('ax.plot(history.history[key], label="train")')
                    w('if "val_" + key in history.history:')
                    with w.indent():
                        w('ax.plot(history.history["val_" + key], label="validation")')
                    w("ax.set_title(key)")
                    w("ax.legend()")
                w("if path:")
                with w.indent():
                    w("fig.savefig(path)")
                w("return fig")
        elif kind == 1:
            w(f"def parse_args_{n}(argv=None):")
            with w.indent():
                w("import argparse")
                w("parser = argparse.ArgumentParser(description=__doc__)")
                for flag, default in self.r.sample([("--epochs", "EPOCHS"), ("--batch-size", "BATCH_SIZE"),
                                                    ("--seed", "0"), ("--out", '"runs"'), ("--lr", "1e-3")], 3):
                    w(f'parser.add_argument("{flag}", default={default})')
                w("return parser.parse_args(argv)")
        elif kind == 2:
            w(f"def confusion_matrix_{n}(y_true, y_pred, num_classes=NUM_CLASSES):")
            with w.indent():
                w("matrix = np.zeros((num_classes, num_classes), dtype=np.int64)")
                w("for t, p in zip(y_true, y_pred):")
                with w.indent():
                    w("matrix[int(t), int(p)] += 1")
                w("per_class = {}")
                w("for c in range(num_classes):")
                with w.indent():
                    w("total = matrix[c].sum()")
                    w("per_class[c] = matrix[c, c] / total if total else float('nan')")
                w("return matrix, per_class")
        elif kind == 3:
            w(f"class Timer{n}:")
            with w.indent():
                w('"""Measures wall time of a block."""')
                w()
                w("def __init__(self, label):")
                with w.indent():
                    w("self.label = label")
                    w("self.start = None")
                w()
                w("def __enter__(self):")
                with w.indent():
                    w("import time as _time")
                    w("self.start = _time.perf_counter()")
                    w("return self")
                w()
                w("def __exit__(self, *exc):")
                with w.indent():
                    w("import time as _time")
                    w('print(f"{self.label}: {_time.perf_counter() - self.start:.2f}s")')
        elif kind == 4:
            w(f"def save_results_{n}(results, path='results.json'):")
            with w.indent():
                w("rows = []")
                w("for name, value in sorted(results.items()):")
                with w.indent():
                    w("if isinstance(value, (list, tuple)):")
                    with w.indent():
                        w("value = [float(v) for v in value]")
                    w("elif hasattr(value, 'numpy'):")
                    with w.indent():
                        w("value = value.numpy().tolist()")
                    w('rows.append({"name": name, "value": value})')
                w("with open(path, 'w') as fh:")
                with w.indent():
                    w("import json as _json")
                    w("_json.dump(rows, fh, indent=2)")
                w("return len(rows)")
        else:
            w(f"def set_seed_{n}(seed=42):")
            with w.indent():
                w("import random as _random")
                w("_random.seed(seed)")
                w("np.random.seed(seed)")
                w("tf.random.set_seed(seed)" if "tensorflow" in self.imports else "keras.utils.set_random_seed(seed)")
        w()
        w()

    def load_data(self) -> str:
        """Emits a data-loading function; returns its name."""
        w = self.w
        name, shape, classes = self.dataset
        kind = self.r.randrange(4)
        fname = f"load_data_{self.helpers}"
        self.helpers += 1
        w(f"def {fname}():")
        with w.indent():
            if kind in (0, 1):
                w(f"(x_train, y_train), (x_test, y_test) = {self.datasets}.{name}.load_data()")
                if len(shape) == 3 and shape[2] == 1:
                    w(f"x_train = x_train.reshape(-1, {shape[0]}, {shape[1]}, 1)")
                    w(f"x_test = x_test.reshape(-1, {shape[0]}, {shape[1]}, 1)")
                if self.r.random() < 0.7:
                    w('x_train = x_train.astype("float32") / 255.0')
                    w('x_test = x_test.astype("float32") / 255.0')
                if kind == 1:
                    w(f"y_train = {self.utils}.to_categorical(y_train, NUM_CLASSES)")
                    w(f"y_test = {self.utils}.to_categorical(y_test, NUM_CLASSES)")
                w("return (x_train, y_train), (x_test, y_test)")
            elif kind == 2:
                w(f"x = np.random.rand({self.lit([1000, 2048, 512])}, *INPUT_SHAPE).astype('float32')")
                w("y = np.random.randint(0, NUM_CLASSES, size=(len(x),))")
                w("split = int(0.8 * len(x))")
                w("return (x[:split], y[:split]), (x[split:], y[split:])")
            else:
                w(f"(x_train, y_train), (x_test, y_test) = {self.datasets}.{name}.load_data()")
                w("x_train = (x_train - x_train.mean()) / (x_train.std() + 1e-7)")
                w("x_test = (x_test - x_train.mean()) / (x_train.std() + 1e-7)")
                w("return (x_train, y_train), (x_test, y_test)")
        w()
        w()
        return fname

    def dataset_pipeline(self) -> str:
        w = self.w
        fname = f"make_dataset_{self.helpers}"
        self.helpers += 1
        w(f"def {fname}(x, y, training=True):")
        with w.indent():
            w("ds = tf.data.Dataset.from_tensor_slices((x, y))")
            if self.r.random() < 0.3:
                w("def _scale(image, label):")
                with w.indent():
                    w("return tf.cast(image, tf.float32) / 255.0, label")
                w("ds = ds.map(_scale, num_parallel_calls=tf.data.AUTOTUNE)")
            if self.r.random() < 0.7:
                w("if training:")
                with w.indent():
                    w(f"ds = ds.shuffle({self.lit([1000, 10000, 60000])})")
            w("ds = ds.batch(BATCH_SIZE).prefetch(tf.data.AUTOTUNE)")
            w("return ds")
        w()
        w()
        return fname

    # --- model styles ---------------------------------------------------------------------------
    def model_sequential_list(self) -> str:
        w = self.w
        fname = f"build_sequential_{self.helpers}"
        self.helpers += 1
        w(f"def {fname}(input_shape=INPUT_SHAPE, num_classes=NUM_CLASSES):")
        with w.indent():
            w(f"model = {self.models}.Sequential([")
            with w.indent():
                w(f"{self.layers}.Input(shape=input_shape),")
                for line in self.conv_stack(self.r.randint(1, 6)) + self.head("num_classes"):
                    w(line + ",")
            w("])")
            w("return model")
        w()
        w()
        return fname

    def model_add_chain(self) -> str:
        w = self.w
        fname = f"build_add_chain_{self.helpers}"
        self.helpers += 1
        w(f"def {fname}():")
        with w.indent():
            w(f"model = {self.models}.Sequential()")
            first = True
            for line in self.conv_stack(self.r.randint(1, 5)) + self.head("NUM_CLASSES"):
                if first and line.endswith(")"):
                    line = line[:-1] + (", " if not line.endswith("(") else "") + "input_shape=INPUT_SHAPE)"
                    first = False
                w(f"model.add({line})")
            w("return model")
        w()
        w()
        return fname

    def model_functional(self) -> str:
        w = self.w
        fname = f"build_functional_{self.helpers}"
        self.helpers += 1
        w(f"def {fname}(input_shape=INPUT_SHAPE):")
        with w.indent():
            w(f"inputs = {self.layers}.Input(shape=input_shape)")
            w("x = inputs")
            if self.r.random() < 0.3:
                w(f"x = {self.layers}.Rescaling(1.0 / 255)(x)")
            for line in self.conv_stack(self.r.randint(1, 6)):
                w(f"x = {line}(x)")
            if self.r.random() < 0.3:
                w("shortcut = x")
                w(f'x = {self.layers}.Conv2D(int(x.shape[-1]), 3, padding="same", activation="relu")(x)')
                w(f"x = {self.layers}.Add()([x, shortcut])")
            for line in self.head("NUM_CLASSES"):
                w(f"x = {line}(x)" if "Dense(NUM_CLASSES" not in line else f"outputs = {line}(x)")
            w(f"return {self.models}.Model(inputs=inputs, outputs=outputs)"
              if self.models != "models" else "return models.Model(inputs, outputs)")
        w()
        w()
        return fname

    def model_helper_blocks(self) -> str:
        w = self.w
        block = f"conv_block_{self.helpers}"
        fname = f"build_with_blocks_{self.helpers}"
        self.helpers += 1
        w(f"def {block}(x, filters, kernel_size=3):")
        with w.indent():
            w(f'x = {self.layers}.Conv2D(filters, kernel_size, padding="same", {self.layer_kwargs(False) or "use_bias=True"})(x)')
            if self.r.random() < 0.6:
                w(f"x = {self.layers}.BatchNormalization()(x)")
            w(f'x = {self.layers}.Activation("{self.act()}")(x)')
            w(f"x = {self.layers}.MaxPooling2D(2)(x)")
            w("return x")
        w()
        w()
        w(f"def {fname}(filters=({self.r.choice(['32, 64, 128', '16, 32', '32, 64, 128, 256', '64, 64, 128'])})):")
        with w.indent():
            w(f"inputs = {self.layers}.Input(shape=INPUT_SHAPE)")
            w("x = inputs")
            w("for f in filters:")
            with w.indent():
                w(f"x = {block}(x, f)")
            for line in self.head("NUM_CLASSES"):
                w(f"x = {line}(x)" if "Dense(NUM_CLASSES" not in line else f"outputs = {line}(x)")
            w(f"return {self.models}.Model(inputs, outputs)")
        w()
        w()
        return fname

    def model_loop(self) -> str:
        w = self.w
        fname = f"build_loop_{self.helpers}"
        self.helpers += 1
        w(f"def {fname}(depth={self.r.randint(2, 8)}, width={self.lit([64, 128, 256])}):")
        with w.indent():
            w(f"model = {self.models}.Sequential()")
            w(f"model.add({self.layers}.Flatten(input_shape=INPUT_SHAPE))")
            w("for i in range(depth):")
            with w.indent():
                w(f"model.add({self.dense('width')})")
                if self.r.random() < 0.5:
                    w("if i % 2 == 0:")
                    with w.indent():
                        w(f"model.add({self.layers}.Dropout({self.lit([0.1, 0.3, 0.5])}))")
            w(f'model.add({self.layers}.Dense(NUM_CLASSES, activation="softmax"))')
            w("return model")
        w()
        w()
        return fname

    def model_subclassed(self) -> str:
        w = self.w
        cname = f"Net{self.helpers}"
        self.helpers += 1
        base = f"{self.models}.Model"
        w(f"class {cname}({base}):")
        with w.indent():
            w(f'"""A small CNN written as a subclassed model."""')
            w()
            w("def __init__(self, num_classes=NUM_CLASSES, **kwargs):")
            with w.indent():
                w("super().__init__(**kwargs)")
                n = self.r.randint(1, 4)
                for i in range(n):
                    w(f"self.conv{i} = {self.conv(str(32 * (i + 1)))}")
                    w(f"self.pool{i} = {self.layers}.MaxPooling2D()")
                w(f"self.flatten = {self.layers}.Flatten()")
                w(f"self.hidden = {self.dense(self.lit([64, 128]))}")
                w(f"self.dropout = {self.layers}.Dropout(0.5)")
                w(f'self.out = {self.layers}.Dense(num_classes, activation="softmax")')
            w()
            w("def call(self, inputs, training=False):")
            with w.indent():
                w("x = inputs")
                for i in range(n):
                    w(f"x = self.pool{i}(self.conv{i}(x))")
                w("x = self.flatten(x)")
                w("x = self.hidden(x)")
                w("x = self.dropout(x, training=training)")
                w("return self.out(x)")
        w()
        w()
        return cname

    def compile_and_fit(self, builder: str, loader: str, pipeline: str | None, in_main: bool) -> None:
        w = self.w
        opt, lr_kw, lrs = self.r.choice(OPTIMIZERS)
        loss = self.r.choice(["sparse_categorical_crossentropy", "categorical_crossentropy",
                              "binary_crossentropy", "mse"])
        w(f"(x_train, y_train), (x_test, y_test) = {loader}()")
        w(f"model = {builder}()")
        if self.r.random() < 0.3:
            w('optimizer = "adam"')
        else:
            w(f"optimizer = {self.optim}.{opt}({lr_kw}={self.lit(lrs)})")
        w(f'model.compile(optimizer=optimizer, loss="{loss}", metrics=["accuracy"])')
        if self.r.random() < 0.5:
            w("model.summary()")
        cbs = []
        if self.r.random() < 0.5:
            cbs.append(f'{self.cbs}.EarlyStopping(monitor="val_loss", patience={self.r.randint(2, 10)})')
        if self.r.random() < 0.3:
            cbs.append(f"{self.cbs}.ReduceLROnPlateau(factor=0.5, patience=3)")
        if cbs:
            w("callbacks_list = [")
            with w.indent():
                for cb in cbs:
                    w(cb + ",")
            w("]")
        cb_arg = ", callbacks=callbacks_list" if cbs else ""
        if pipeline:
            w(f"train_ds = {pipeline}(x_train, y_train)")
            w(f"val_ds = {pipeline}(x_test, y_test, training=False)")
            w(f"history = model.fit(train_ds, validation_data=val_ds, epochs=EPOCHS{cb_arg})")
        else:
            val = self.r.choice([", validation_split=0.1", ", validation_data=(x_test, y_test)", ""])
            shuffle = ", shuffle=False" if self.r.random() < 0.1 else ""
            w(f"history = model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS{val}{shuffle}{cb_arg})")
        w("test_loss, test_acc = model.evaluate(x_test, y_test, verbose=0)")
        w('print(f"test accuracy: {test_acc:.4f}")')

    def experiment_sweep(self, builder: str, loader: str) -> None:
        """The 'compare learning rates' loop, sometimes reusing one model (a real mistake)."""
        w = self.w
        fname = f"sweep_{self.helpers}"
        self.helpers += 1
        reuse = self.r.random() < 0.4
        w(f"def {fname}():")
        with w.indent():
            w(f"(x_train, y_train), (x_test, y_test) = {loader}()")
            w("results = {}")
            if reuse:
                w(f"model = {builder}()")
            w(f"for lr in {self.r.choice(['[1e-2, 1e-3, 1e-4]', '(0.1, 0.01)', '[3e-4, 1e-3]'])}:")
            with w.indent():
                if not reuse:
                    w(f"model = {builder}()")
                w(f'model.compile(optimizer={self.optim}.Adam(learning_rate=lr), '
                  f'loss="sparse_categorical_crossentropy", metrics=["accuracy"])')
                w("history = model.fit(x_train, y_train, epochs=3, validation_split=0.2, verbose=0)")
                w('results[lr] = max(history.history["val_accuracy"])')
            w("return results")
        w()
        w()

    def generate(self, target_lines: int) -> str:
        self.header()
        builders = []
        loaders = []
        pipelines = []
        styles = [self.model_sequential_list, self.model_add_chain, self.model_functional,
                  self.model_helper_blocks, self.model_loop, self.model_subclassed]
        while True:
            roll = self.r.random()
            if roll < 0.25:
                self.filler_function()
            elif roll < 0.35 or not loaders:
                loaders.append(self.load_data())
            elif roll < 0.42 and "tensorflow" in self.imports:
                pipelines.append(self.dataset_pipeline())
            elif roll < 0.50 and builders:
                self.experiment_sweep(self.r.choice(builders), self.r.choice(loaders))
            else:
                builders.append(self.r.choice(styles)())
            if len(self.w.lines) >= target_lines - 25 and builders:
                break
        w = self.w
        w("def main():")
        with w.indent():
            self.compile_and_fit(self.r.choice(builders), self.r.choice(loaders),
                                 self.r.choice(pipelines) if pipelines and self.r.random() < 0.6 else None, True)
            w("return history")
        w()
        w()
        w('if __name__ == "__main__":')
        with w.indent():
            w("main()")
        return self.w.text()


def sizes(rng: random.Random, count: int) -> list[int]:
    """Mostly 60-300 lines, some snippets, a few long files (like a real repository)."""
    out = []
    for i in range(count):
        roll = rng.random()
        if roll < 0.15:
            out.append(rng.randint(30, 60))
        elif roll < 0.85:
            out.append(rng.randint(60, 300))
        elif roll < 0.98:
            out.append(rng.randint(300, 900))
        else:
            out.append(rng.randint(1500, 3000))
    return out


def generate_script(seed: int, index: int, lines: int) -> str:
    rng = random.Random(f"{seed}:{index}")
    return ScriptGen(rng, index).generate(lines)


def build(out: Path, files: int = 320, seed: int = 7, examples: Path | None = None) -> list[Path]:
    """(Re)build the corpus folder; returns its files, sorted."""
    if out.exists():
        shutil.rmtree(out)
    (out / "generated").mkdir(parents=True)
    rng = random.Random(seed)
    written = []
    for index, lines in enumerate(sizes(rng, files)):
        sub = out / "generated" / f"pkg{index % 8}"
        sub.mkdir(exist_ok=True)
        path = sub / f"train_{index:04d}.py"
        path.write_text(generate_script(seed, index, lines), encoding="utf-8")
        written.append(path)
    if examples is not None and examples.is_dir():
        (out / "examples").mkdir()
        for src in sorted(examples.glob("*.py")):
            dst = out / "examples" / src.name
            shutil.copyfile(src, dst)
            written.append(dst)
    return sorted(written)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).resolve().parent
    parser.add_argument("--out", type=Path, default=here / "corpus")
    parser.add_argument("--files", type=int, default=320)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = build(args.out, args.files, args.seed, here.parent / "examples")
    total = sum(p.read_text(encoding="utf-8").count("\n") for p in paths)
    print(f"{len(paths)} files, {total} lines in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
