"""API rules: Keras APIs that are deprecated or gone in Keras 3 (KL501-KL508).

Each finding's node is exactly what the fix rewrites (see each rule's docstring); `subject` carries the
IR facts a fixer needs beyond the node. What a rule says, and at which severity, follows the Keras version
the project targets (`opts["target-keras"]`, see kerlint/target.py): an API that still works on the target
is not reported as removed.
"""

from __future__ import annotations

from typing import Iterator

from kerlint import target as targets
from kerlint.checks.registry import Finding, Options, rule
from kerlint.ir.keras_api import canonical
from kerlint.ir.model import FileIR, ModelIR, known
from kerlint.violation import Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def target(opts: Options) -> str:
    try:
        return targets.normalise(str(opts.get("target-keras") or targets.DEFAULT))
    except ValueError:
        return targets.DEFAULT


def at_least(opts: Options, major: int, minor: int = 0) -> bool:
    return targets.at_least(target(opts), major, minor)


def uses(file: FileIR, kind: str):
    """The file's API uses of one kind, each node once (a helper called twice records its uses twice)."""
    seen: set[int] = set()
    for use in file.api_uses:
        if use.kind == kind and id(use.node) not in seen:
            seen.add(id(use.node))
            yield use


@rule("KL501", scope="file")
def removed_experimental_preprocessing(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Node: the `<prefix>.experimental.preprocessing` Attribute (fix: replace it by its `<prefix>`, i.e.
    `node.value.value`), or the ImportFrom's module (fix: drop `.experimental.preprocessing` from the dotted
    module). For `from <prefix>.experimental import preprocessing` the node is the whole ImportFrom and
    `subject["imported_name"]` is True: no mechanical rename, the fixer should skip it.
    Target Keras 3: an error (the import fails); 2.6-2.15: info (a deprecated alias); before 2.6: not reported."""
    if not at_least(opts, 2, 6):
        return
    severity = None if at_least(opts, 3) else INFO
    for use in uses(file, "experimental-preprocessing"):
        family, _ = canonical(use.detail.get("path", ""))
        if family != "keras":
            continue
        imported_name = bool(use.detail.get("imported_name"))
        gone = ("is gone in Keras 3 (the import fails)" if severity is None
                else "is a deprecated alias (removed in Keras 3)")
        yield Finding(use.node,
                      f"keras.layers.experimental.preprocessing {gone}: its layers moved to keras.layers "
                      "in TF 2.6 (layers.RandomFlip, layers.Rescaling, …)"
                      + (" — import them from keras.layers" if imported_name else ""),
                      severity=severity,
                      subject={"path": use.detail.get("path"), "import": bool(use.detail.get("import")),
                               "imported_name": imported_name})


@rule("KL502", scope="file")
def deprecated_image_data_generator(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Node: the `ImageDataGenerator(...)` call. No automatic fix. (Importing it from the standalone
    `keras.preprocessing.image`, which fails on Keras 3, is KL505.)"""
    where = " (Keras 3 keeps it only under tf.keras.preprocessing.image)" if at_least(opts, 3) else ""
    for use in uses(file, "image-data-generator"):
        yield Finding(use.node,
                      f"ImageDataGenerator is deprecated{where} (and slow): load images with "
                      "keras.utils.image_dataset_from_directory and augment with preprocessing layers "
                      "(layers.RandomFlip, RandomRotation, …) in the model or a tf.data map",
                      subject=use)


_GENERATOR_METHODS = {"fit_generator": "fit", "evaluate_generator": "evaluate", "predict_generator": "predict"}
# Keras 1/2 keywords of fit_generator that fit() spells differently; samples_per_epoch/nb_val_samples counted
# samples, not steps, so they have no mechanical rename.
_KEYWORD_RENAMES = {"generator": "x", "nb_epoch": "epochs"}
_NO_RENAME = ("samples_per_epoch", "nb_val_samples", "nb_worker", "pickle_safe")


@rule("KL503")
def removed_fit_generator(model: ModelIR, opts: Options) -> Iterator[Finding]:
    """Node: the method Name (`fit_generator`) to rename to `subject["replacement"]`. `subject["rename_keywords"]`
    maps keyword Args to rename (`generator=` -> `x=`, `nb_epoch=` -> `epochs=`); `subject["blocking_keywords"]`
    lists keywords with no equivalent (the fix is then not mechanical).
    Target Keras 3: an error; 2.1-2.15: a warning (deprecated, still works); before 2.1: not reported."""
    if not at_least(opts, 2, 1):
        return
    removed = at_least(opts, 3)
    for call in [*model.fits, *model.evaluates]:
        replacement = _GENERATOR_METHODS.get(call.method)
        if replacement is None or call.method_node is None:
            continue
        keywords = call.arg_nodes
        renames = {keywords[k]: new for k, new in _KEYWORD_RENAMES.items() if k in keywords}
        blocking = [k for k in _NO_RENAME if k in keywords]
        state = "was removed (Keras 3; deprecated since TF 2.1)" if removed else \
            "is deprecated since TF 2.1 and removed in Keras 3"
        yield Finding(call.method_node,
                      f"model.{call.method}() {state}: "
                      f"model.{replacement}() accepts generators and datasets directly",
                      severity=None if removed else WARNING,
                      subject={"call": call, "replacement": replacement, "rename_keywords": renames,
                               "blocking_keywords": blocking})


# --- KL505-KL508: the Keras 1/2 and TensorFlow 1 APIs that old scripts stop on ------------------------


@rule("KL505", scope="file")
def removed_keras_module(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Modules, and layers, that Keras 3 no longer has. Nodes and fixes by `subject["kind"]`:
    - "moved-module": the ImportFrom's module, or the Attribute chain (`keras.layers.core`); fix: the module
      of today (`subject["new_path"]`; for an attribute, the chain's owner `keras.layers`).
    - "moved-module-name": the ImportFrom `from keras.utils import np_utils`; fix (one name only):
      `from keras import utils as np_utils`.
    - "tf-keras-only": the ImportFrom's module `keras.preprocessing.image` (names only tf.keras keeps);
      fix: `tensorflow.keras.preprocessing.image`. An attribute chain is reported without a fix.
    - "removed-module" (keras.wrappers.scikit_learn, keras.engine) and "removed-layer" (Merge, CuDNNLSTM):
      no fix, except CuDNNLSTM/CuDNNGRU -> LSTM/GRU (`subject["replacement"]`).
    Target Keras 3: errors; Keras 2: only removed modules and layers, as warnings (the moves import there)."""
    keras3 = at_least(opts, 3)
    for kind in ("moved-module", "moved-module-name", "tf-keras-only", "removed-module", "removed-layer"):
        for use in uses(file, kind):
            d = use.detail
            if kind in ("moved-module", "moved-module-name"):
                if not keras3:
                    continue
                new = d.get("new_path") or canonical(d["path"])[1].rsplit(".", 1)[0]
                message = (f"{d['path']} is gone in Keras 3 (ModuleNotFoundError): its names are in "
                           f"{new if not d.get('attribute') else 'the module above it'}")
            elif kind == "tf-keras-only":
                if not keras3:
                    continue
                rest = canonical(d["path"])[1]
                module = rest.rsplit(".", 1)[0] if d.get("attribute") else rest
                names = ", ".join(d.get("names") or []) or rest.rsplit(".", 1)[-1]
                message = (f"keras.{module} has no {names} in Keras 3 (the import fails); the deprecated Keras 2 "
                           f"implementation is still in tensorflow.keras.{module}")
            elif kind == "removed-module":
                message = (f"{d['path']} is gone in Keras 3" if keras3 else
                           f"{d['path']} is deprecated and gone in Keras 3") + f": use {d['instead']}"
            else:
                if not at_least(opts, 2, 3):
                    continue
                replacement = d.get("replacement")
                message = (f"layers.{d['name']} is gone in Keras 3 and tf.keras 2"
                           + (f": layers.{replacement} uses cuDNN on a GPU by itself" if replacement else
                              ": merge with layers.Add / Concatenate / Multiply / Dot"
                              if d["name"] == "Merge" else ""))
            severity = None if keras3 else WARNING
            yield Finding(use.node, message, severity=severity, subject={"kind": kind, **d})


@rule("KL506", scope="file")
def keras1_argument(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Keras 1 spellings of arguments that Keras 2.4+ / 3 reject or misread.
    - "keras1-keyword": node the keyword Arg (`init=`, `nb_epoch=`, `output_dim=`, `border_mode=`,
      `Model(input=, output=)`, ...); fix: rename to `subject["new"]` (`dim_ordering="th"` also maps its value).
    - "keras1-positional-kernel": node the `Convolution2D(32, 3, 3)` call; fix: `(32, (3, 3))`. Keras 2+
      reads the third number as `strides`; reported only where the call shows it is Keras 1 code.
    Target Keras 2.4+: errors; 2.0-2.3 (which still converted them, with a warning): warnings; 1: nothing."""
    if not at_least(opts, 2):
        return
    severity = None if at_least(opts, 2, 4) else WARNING
    rejects = ("Keras 3 rejects it" if at_least(opts, 3) else "Keras 2.4+ rejects it" if severity is None
               else "Keras 2.0-2.3 still convert it with a warning; later versions reject it")
    for use in uses(file, "keras1-keyword"):
        d = use.detail
        owner = {"fit": "fit()", "Model": "Model()"}.get(d["layer"], d["layer"])
        yield Finding(use.node,
                      f"{owner} argument {d['keyword']}= is Keras 1: {rejects} — use {d['new']}=",
                      severity=severity, subject=d)
    for use in uses(file, "keras1-positional-kernel"):
        d = use.detail
        yield Finding(use.node,
                      f"Keras 1 kernel size as separate numbers: {d['layer']}(filters, rows, cols) — Keras 2+ "
                      f"reads the third number as strides (a stride-{_int_text(d['kernel'][-1])} convolution); "
                      f"pass kernel_size as a tuple",
                      severity=None, subject=d)


def _int_text(arg) -> str:
    return getattr(getattr(arg, "value", None), "value", "?")


@rule("KL507", scope="file")
def removed_model_method(file: FileIR, opts: Options) -> Iterator[Finding]:
    """Removed Model methods and Layer attributes.
    - "removed-model-method": node the method Name (`predict_classes`, `predict_proba`); fix for
      `predict_proba` (Keras 2 made it the same as `predict`): rename to `predict`. For `predict_classes`,
      `subject["units"]` (the output's width, or None: no fix) picks argmax or the 0.5 threshold.
    - "removed-layer-attribute": node the Attribute `layer.input_shape` / `layer.output_shape`; fix
      `layer.input.shape` / `layer.output.shape` when the layer's input shape is known (it is built).
    Target: predict_* gone since TF 2.6 (errors from 2.6); layer shapes gone in Keras 3."""
    if at_least(opts, 2, 6):
        for use in uses(file, "removed-model-method"):
            method, model = use.detail["method"], use.detail["model"]
            if method == "predict_proba":
                advice = "model.predict() returns the same probabilities"
            else:
                units = _output_units(model)
                if units == 1:
                    advice = 'use (model.predict(x) > 0.5).astype("int32") for this one-unit output'
                elif units is not None:
                    advice = "use np.argmax(model.predict(x), axis=-1)"
                else:
                    advice = ('use np.argmax(model.predict(x), axis=-1), or (model.predict(x) > 0.5).astype("int32") '
                              "for a one-unit sigmoid output")
            units = _output_units(model) if method == "predict_classes" else None
            yield Finding(use.node, f"model.{method}() was removed in TF 2.6 / Keras 3: {advice}",
                          subject={**use.detail, "units": units})
    if at_least(opts, 3):
        for use in uses(file, "removed-layer-attribute"):
            attr = use.detail["attr"]
            tensor = attr.split("_")[0]
            yield Finding(use.node,
                          f"layer.{attr} is gone in Keras 3 (AttributeError; a Model still has it): use "
                          f"layer.{tensor}.shape",
                          subject=use.detail)


def _output_units(model) -> int | None:
    layers = getattr(model, "outputs", None) or getattr(model, "layers", [])[-1:]
    if len(layers) != 1:
        return None
    shape = layers[0].output_shape
    if shape and known(shape[-1]) and isinstance(shape[-1], int):
        return shape[-1]
    return None


@rule("KL508", scope="file")
def tf1_graph_api(file: FileIR, opts: Options) -> Iterator[Finding]:
    """TensorFlow 1 graph-mode APIs that TF 2 removed from `tf.` (tf.Session, tf.placeholder,
    tf.train.AdamOptimizer, K.get_session(), ...). Node: the attribute or imported name. No fix: the code
    needs rewriting for eager TF 2 (tf.compat.v1 keeps the names, but not Keras 3 on top of them).
    Not reported when the target is Keras 2.2 or older (the TF 1 era)."""
    if not at_least(opts, 2, 3):
        return
    for use in uses(file, "tf1-api"):
        family, name = canonical(use.detail["path"])
        path = f"tf.{name}" if family == "tf" else f"keras.{name}"
        yield Finding(use.node,
                      f"{path} is TensorFlow 1 graph-mode API, gone in TF 2 (AttributeError): rewrite it for eager "
                      f"TF 2 / Keras 3 ({_TF1_ADVICE.get(name.rsplit('.', 1)[-1], 'see the TF 2 migration guide')})",
                      subject=use.detail)


_TF1_ADVICE = {
    "Session": "no sessions: call the model or tf.function directly",
    "InteractiveSession": "no sessions: call the model or tf.function directly",
    "placeholder": "use keras.Input or plain tensors",
    "global_variables_initializer": "variables are initialised when created",
    "AdamOptimizer": "keras.optimizers.Adam", "GradientDescentOptimizer": "keras.optimizers.SGD",
    "MomentumOptimizer": "keras.optimizers.SGD(momentum=...)", "RMSPropOptimizer": "keras.optimizers.RMSprop",
    "AdagradOptimizer": "keras.optimizers.Adagrad", "set_random_seed": "tf.random.set_seed",
    "random_normal": "tf.random.normal", "truncated_normal": "tf.random.truncated_normal",
    "random_uniform": "tf.random.uniform", "log": "tf.math.log", "to_float": "tf.cast(x, tf.float32)",
    "to_int32": "tf.cast(x, tf.int32)", "get_session": "no sessions in TF 2", "set_session": "no sessions in TF 2",
    "set_image_dim_ordering": 'keras.backend.set_image_data_format("channels_first" / "channels_last")',
    "image_dim_ordering": "keras.backend.image_data_format() (which returns channels_first / channels_last)",
}
