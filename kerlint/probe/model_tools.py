"""Small helpers over a live Keras model: walking its layers, copying it, reading its compiled loss.

Runs in the child process only. Written against Keras 3; the few places where tf_keras (Keras 2)
differs fall back to the model's own methods.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from kerlint.ir.vocabulary import DYING_RELU as RELU_FAMILY  # noqa: F401 - the one Keras vocabulary
from kerlint.ir.vocabulary import SATURATING, loss_family  # noqa: F401
from kerlint.ir.walk import output_block as output_block_of

RECURRENT_HINTS = ("LSTM", "GRU", "RNN", "ConvLSTM")
PREPROCESSING = {"Rescaling", "Normalization"}


def all_layers(model) -> list:
    """Every leaf layer, in order, descending into nested models (a Sequential inside a functional)."""
    out = []
    for layer in getattr(model, "layers", []):
        if hasattr(layer, "layers") and layer.layers:
            out.extend(all_layers(layer))
        else:
            out.append(layer)
    return out


def every_layer(model) -> list:
    """all_layers, and also the layers custom layers hold inside them (a TokenAndPositionEmbedding's two
    Embedding layers), where Keras can list them (`_flatten_layers`, Keras 3 and tf_keras)."""
    flatten = getattr(model, "_flatten_layers", None)
    if flatten is None:
        return all_layers(model)
    try:
        return list(flatten(include_self=False, recursive=True))
    except TypeError:  # another signature: the leaf layers are what is known
        return all_layers(model)


def is_recurrent(layer) -> bool:
    return any(h in type(layer).__name__ for h in RECURRENT_HINTS)


def kernel_variables(layer) -> list:
    """The weight matrices that make a layer a "weight layer" (biases and BN scales are excluded)."""
    keep = []
    for v in getattr(layer, "trainable_weights", []):
        name = getattr(v, "path", None) or v.name
        if name.split("/")[-1].split(":")[0] in ("kernel", "depthwise_kernel", "pointwise_kernel",
                                                   "embeddings", "recurrent_kernel"):
            keep.append(v)
    return keep


def weight_layers(model) -> list:
    return [layer for layer in all_layers(model) if kernel_variables(layer)]


def activation_name(layer) -> str | None:
    """'relu', 'sigmoid', ... for layers that apply an activation function; None otherwise."""
    if type(layer).__name__ == "ReLU":
        return "relu"
    fn = getattr(layer, "activation", None)
    if fn is None or not callable(fn):
        return None
    return getattr(fn, "__name__", None) or type(fn).__name__.lower()


def output_activation(model) -> str | None:
    """The activation the model's single output ends with ('softmax', 'sigmoid', 'linear', ...): the last
    one applied in the output block (kerlint.ir.walk), e.g. Dense(3) followed by Activation('softmax').
    None for models with several outputs or without symbolic outputs (subclassed), whose layer order is
    not the order they are applied in."""
    try:
        if len(model.outputs) != 1:
            return None
    except (AttributeError, ValueError):
        return None
    block = output_block(model)
    for layer in reversed(all_layers(model)):
        if id(layer) not in block:
            return None
        name = "softmax" if type(layer).__name__ == "Softmax" else activation_name(layer)
        if name and name != "linear":
            return name
        if kernel_variables(layer):
            return name or "linear"
    return None


NORMALISING = ("BatchNormalization", "LayerNormalization")


def leading_normalisation(model) -> list:
    """The BatchNormalization/LayerNormalization layers the inputs pass through before any weight layer."""
    out = []
    for layer in all_layers(model):
        if kernel_variables(layer):
            break
        if any(name in type(layer).__name__ for name in NORMALISING):
            out.append(layer)
    return out


def output_block(model) -> set[int]:
    """ids of the layers that belong to the output (kerlint.ir.graph.output_block): never "hidden" layers."""
    layers = all_layers(model)
    return {id(layers[i]) for i in output_block_of([bool(kernel_variables(layer)) for layer in layers])}


@dataclass
class LossInfo:
    name: str  # normalised: "sparse_categorical_crossentropy", "mse", ... or "unknown"
    kind: str  # "sparse", "categorical", "binary", "regression", "unknown"
    from_logits: bool | None
    units: int | None  # the output layer's last dimension (single-output models)

    @property
    def task(self) -> str:
        """What the model is trained to do, from its loss and output width:
        "single-label" (one class per sample: softmax + (sparse) categorical, or one sigmoid unit + binary),
        "multi-label" (binary crossentropy over several sigmoid units: any number of labels per sample),
        "regression", or "unknown"."""
        if self.kind in ("sparse", "categorical"):
            return "single-label"
        if self.kind == "binary":
            return "multi-label" if (self.units or 1) > 1 else "single-label"
        return self.kind  # "regression" or "unknown"

    @property
    def classification(self) -> bool:
        return self.kind in ("sparse", "categorical", "binary")


def _loss_name(loss) -> str:
    if loss is None:
        return "unknown"
    if isinstance(loss, str):
        return loss.lower()
    if isinstance(loss, (list, tuple, dict)):
        return "multi-output"
    config = {}
    with contextlib.suppress(Exception):
        config = loss.get_config() or {}
    name = config.get("name") or getattr(loss, "__name__", None) or type(loss).__name__
    # CamelCase class names -> snake_case so all spellings compare equal
    out = "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")
    return out.lower()


def loss_info(model) -> LossInfo:
    loss = getattr(model, "loss", None)
    name = _loss_name(loss)
    kind = loss_family(name)
    from_logits = None
    with contextlib.suppress(Exception):
        from_logits = loss.get_config().get("from_logits")
    units = None
    with contextlib.suppress(Exception):
        shape = model.outputs[0].shape if len(model.outputs) == 1 else None
        units = int(shape[-1]) if shape is not None and shape[-1] is not None else None
    return LossInfo(name=name, kind=kind, from_logits=from_logits, units=units)


def compiled_loss(model, x, y, y_pred, training: bool):
    """The model's compiled loss on one batch (Keras 3's compute_loss; tf_keras has no `training`)."""
    import inspect

    if "training" in inspect.signature(model.compute_loss).parameters:
        return model.compute_loss(x=x, y=y, y_pred=y_pred, training=training)
    import tensorflow as tf  # tf_keras wants tensors, not numpy arrays, for the targets

    return model.compute_loss(x=x, y=tf.nest.map_structure(tf.convert_to_tensor, y), y_pred=y_pred)


def train_batch(model, x, y) -> dict:
    """One training step on (x, y), handed to `train_step` exactly as `fit()` hands it a batch.

    Keras 3's `train_on_batch` passes `(x, y, sample_weight)` even when there is no sample weight, so a
    custom `train_step` that unpacks `x, y = data` (the canonical form) fails there although `fit` works;
    `fit` packs the batch with `keras.utils.pack_x_y_sample_weight`: `x`, or `(x, y)`. tf_keras packs it
    the same way inside its own `train_on_batch`.
    """
    import keras

    if not isinstance(model, keras.Model) or not hasattr(model, "make_train_function"):
        return model.train_on_batch(x, y, return_dict=True)  # tf_keras
    model.make_train_function()
    model.reset_metrics()  # as train_on_batch: the logs describe this batch only
    batch = keras.utils.pack_x_y_sample_weight(x, y)
    logs = model.train_function(iter([batch]))
    return _flat_logs(logs or {})


def _flat_logs(logs: dict) -> dict:
    out = {}
    for key, value in logs.items():
        if isinstance(value, dict):
            out.update(_flat_logs(value))
            continue
        try:
            out[key] = float(value)
        except (TypeError, ValueError):
            continue
    return out


def fresh_copy(model, initial_weights: list, sample_x, *, metrics=("accuracy",)):
    """A compiled copy holding `initial_weights`, with a new optimizer built from the user's optimizer
    config, so experiments never share optimizer state or weights.

    Subclassed models cannot always be cloned; then the model itself is reset and recompiled (the
    script is stopped after the probe, so changing its model is harmless).
    """
    import keras

    optimizer = model.optimizer.__class__.from_config(model.optimizer.get_config())
    try:
        copy = keras.models.clone_model(model)
        copy(sample_x, training=False)  # builds clones of models that had no Input
        copy.set_weights(initial_weights)
    except Exception:  # noqa: BLE001 - fall back to the original (see docstring)
        copy = model
        copy.set_weights(initial_weights)
    copy.compile(optimizer=optimizer, loss=model.loss, metrics=list(metrics) or None)
    return copy


@contextlib.contextmanager
def recording_preactivations(model, store: dict):
    """While active, each activation-bearing layer appends its pre-activation tensor to store[layer id].

    The activation function (or, for a ReLU layer, its call) is wrapped on the instance and restored on
    exit, so the model computes exactly what it did before. Recurrent layers are skipped: their
    activations run inside the RNN loop.
    """
    restore = []
    try:
        for layer in all_layers(model):
            kind = activation_name(layer)
            if kind is None or is_recurrent(layer):
                continue
            key = id(layer)
            store.setdefault(key, [])
            if type(layer).__name__ == "ReLU":
                original_call = layer.call

                def call(inputs, *args, _orig=original_call, _key=key, **kwargs):
                    store[_key].append(inputs)
                    return _orig(inputs, *args, **kwargs)

                layer.call = call
                restore.append((layer, "call", None))
            else:
                original = layer.activation

                def activation(x, _orig=original, _key=key):
                    store[_key].append(x)
                    return _orig(x)

                activation.__name__ = kind
                layer.activation = activation
                restore.append((layer, "activation", original))
        yield
    finally:
        for layer, attr, original in restore:
            if original is None:
                with contextlib.suppress(AttributeError):
                    delattr(layer, attr)
            else:
                setattr(layer, attr, original)


@contextlib.contextmanager
def recording_outputs(layers, store: dict):
    """While active, each of `layers` appends its output to store[layer id] (used for Rescaling)."""
    try:
        for layer in layers:
            original_call = layer.call
            store.setdefault(id(layer), [])

            def call(*args, _orig=original_call, _key=id(layer), **kwargs):
                out = _orig(*args, **kwargs)
                store[_key].append(out)
                return out

            layer.call = call
        yield
    finally:
        for layer in layers:
            with contextlib.suppress(AttributeError):
                del layer.call
