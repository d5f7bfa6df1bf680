"""Keras models: `keras.Sequential` (and its `add`), the functional `keras.Model(inputs, outputs)`, pretrained
`keras.applications.*` networks and `keras.models.load_model`.

A Sequential model places each layer after the previous one; a functional model takes the layers its outputs
depend on (in the order they were placed). What kerlint cannot follow (a layer from a list it cannot read, an
unknown callable in the graph) makes the model incomplete.
"""

from __future__ import annotations

from kerlint.ir import keras_api as api
from kerlint.ir import legacy
from kerlint.ir.handlers.keras_layers import shape_tuple
from kerlint.ir.handlers.registry import handles
from kerlint.ir.model import UNKNOWN, Data, Layer, ModelIR
from kerlint.ir.values import Instance, Tensor, flatten, iterate


@handles("keras.**.Sequential", "keras.**.Model", "keras.**.Functional")
def model_class(ex, args, kwargs, node, call):
    if call.last == "Sequential" or (call.last == "Model" and call.rest.startswith("models.") and not args and not kwargs):
        return make_sequential(ex, args, kwargs, node)
    ex.file.api_uses.extend(legacy.keyword_facts("Model", node, api.KERAS1_MODEL_KEYWORDS.get))
    kwargs = {api.KERAS1_MODEL_KEYWORDS.get(k, k): v for k, v in kwargs.items()}
    return make_functional(ex, args, kwargs, node)


@handles("keras.applications.*")
def application(ex, args, kwargs, node, call):
    if call.last == "preprocess_input":
        data = args[0] if args else kwargs.get("x", UNKNOWN)
        if isinstance(data, Tensor):  # inside a functional model: an input-scaling step of the graph
            return ex.apply_layer(Layer("PreprocessInput", node, {"application": call.rest.split(".")[-2]}),
                                  data, node)
        return ex._maybe_augmented(data.derive(scaled=True), data) if isinstance(data, Data) else UNKNOWN
    if call.last[:1].isupper():
        return make_application(ex, call.last, kwargs, node)
    return UNKNOWN


@handles("keras.**.load_model")
def load_model(ex, args, kwargs, node, call):
    if "models" not in call.rest and "saving" not in call.rest:
        return NotImplemented
    model = ex.new_model("loaded", "loaded", node)
    model.complete = False
    model.pretrained = True
    return model


def make_sequential(ex, args, kwargs, node):
    model = ex.new_model("Sequential", "sequential", node)
    ex.seq_tail[id(model)] = Tensor(None, None)
    items = args[0] if args else kwargs.get("layers")
    if items is not None:
        seq = iterate(items)
        if seq is None or id(items) in ex.grown_lists:
            model.complete = False
        else:
            for item in seq:
                seq_add(ex, model, item, node)
    return model


def seq_add(ex, model: ModelIR, item, node) -> None:
    tail = ex.seq_tail.setdefault(id(model), Tensor(None, None))
    if ex.uncertain:
        model.complete = False
    if isinstance(item, Tensor) and item.layer is not None and item.layer.kind == "Input":
        model.input_shape = item.shape
        ex.seq_tail[id(model)] = Tensor(None, item.shape)
        return
    if isinstance(item, Layer):
        if item.kind == "InputLayer":
            model.input_shape = shape_tuple(item.args.get("input_shape", item.args.get("shape")))
            ex.seq_tail[id(model)] = Tensor(None, model.input_shape)
            return
        if not model.layers and tail.layer is None and tail.shape is None:
            shape = item.args.get("input_shape")
            if shape is None and isinstance(item.args.get("batch_input_shape"), (tuple, list)):
                shape = tuple(item.args["batch_input_shape"])[1:]
            if item.kind == "Embedding" and isinstance(item.args.get("input_length"), int):
                shape = (item.args["input_length"],)
            if shape is not None:
                model.input_shape = shape_tuple(shape)
                tail = Tensor(None, model.input_shape)
        out = ex.place(item, [tail])
        out.broken = tail.broken
        model.layers.append(item)
        model.open_end = bool(ex.uncertain)
        ex.seq_tail[id(model)] = out
        return
    if isinstance(item, ModelIR) and item.style not in ("application", "loaded"):
        ex.embedded.add(id(item))
        if not model.layers and model.input_shape is None and item.input_shape is not None:
            model.input_shape = item.input_shape
            tail = Tensor(None, item.input_shape)
        for inner in list(item.layers):
            tail = ex.place(inner, [tail])
            model.layers.append(inner)
        if not item.complete:
            model.complete = False
        model.open_end = bool(ex.uncertain) or not item.complete
        ex.seq_tail[id(model)] = tail
        return
    if isinstance(item, (ModelIR, Instance)) and getattr(item, "style", "") in ("application", "loaded"):
        item_model = item
        layer = Layer("Application", node, application=item_model.name)
        ex.place(layer, [tail])
        model.layers.append(layer)
        model.pretrained = model.pretrained or item_model.pretrained
        model.open_end = bool(ex.uncertain)
        ex.seq_tail[id(model)] = Tensor(layer, None)
        return
    if isinstance(item, Instance) and item.cls.kind() == "layer":
        out = ex.call_method(item, "call", [tail], {}, node, {})
        if isinstance(out, Tensor):
            start = len(model.layers)
            model.layers.extend(ancestors_after(out.layer, tail.layer, start_order=0, placed=ex.placed,
                                                 known=set(map(id, model.layers))))
            model.open_end = bool(ex.uncertain)
            ex.seq_tail[id(model)] = out
            return
    model.complete = False
    model.open_end = True
    ex.seq_tail[id(model)] = Tensor(None, None, broken=True)


def make_functional(ex, args, kwargs, node):
    inputs = kwargs.get("inputs", args[0] if args else UNKNOWN)
    outputs = kwargs.get("outputs", args[1] if len(args) > 1 else UNKNOWN)
    model = ex.new_model("Model", "functional", node)
    out_tensors = [t for t in flatten(outputs) if isinstance(t, Tensor)]
    if not out_tensors:
        model.complete = False
        return model
    reached: dict[int, Layer] = {}
    stack = [t.layer for t in out_tensors if t.layer is not None]
    while stack:
        layer = stack.pop()
        if id(layer) in reached:
            continue
        reached[id(layer)] = layer
        stack.extend(layer.inputs)
    ordered = sorted(reached.values(), key=lambda layer: layer.order)
    model.layers = [layer for layer in ordered if layer.kind != "Input"]
    in_layers = [layer for layer in ordered if layer.kind == "Input"]
    if len(in_layers) == 1:
        model.input_shape = in_layers[0].output_shape
    model.input_layers = [t.layer for t in flatten(inputs) if isinstance(t, Tensor) and t.layer is not None]
    model.outputs = [t.layer for t in out_tensors if t.layer is not None]
    if any(t.broken for t in out_tensors) or any(layer.conditional for layer in ordered):
        model.complete = False
    if any(layer.kind == "Application" for layer in ordered):
        model.pretrained = True
    return model


def make_application(ex, name, kwargs, node):
    model = ex.new_model(name, "application", node)
    model.complete = False
    weights = kwargs.get("weights", "imagenet")
    model.pretrained = weights is not None
    return model


def ancestors_after(out_layer, stop_layer, start_order, placed, known):
    """Layers between a custom layer's input and its output, in placement order."""
    found: dict[int, Layer] = {}
    stack = [out_layer] if out_layer is not None else []
    while stack:
        layer = stack.pop()
        if layer is None or layer is stop_layer or id(layer) in found or id(layer) in known:
            continue
        found[id(layer)] = layer
        stack.extend(layer.inputs)
    return sorted(found.values(), key=lambda layer: layer.order)
