"""Keras training: optimizers, learning-rate schedules, losses, callbacks, initializers, regularizers, metrics,
and the model methods that train or evaluate (`compile`, `fit`, `evaluate`, `predict`, `add`, ...).

`model.compile(...)` / `model.fit(...)` / `model.evaluate(...)` record a Compile / Fit / Evaluate event on the
model (kerlint.ir.model), with the argument values and the source text of the data passed.
"""

from __future__ import annotations

from typing import Any

import libcst as cst

from kerlint.ir import keras_api as api
from kerlint.ir import legacy
from kerlint.ir.dataflow import data_or_unknown
from kerlint.ir.facts import is_swept
from kerlint.ir.handlers.keras_models import seq_add
from kerlint.ir.handlers.registry import handles, handles_method
from kerlint.ir.model import UNKNOWN, ApiUse, Compile, Evaluate, Fit, Initializer, Loss, ModelIR, Optimizer, Schedule, \
    WeightsSet
from kerlint.ir.values import Callback, Instance, Metric, Ref, Regularizer, is_const


@handles("keras.optimizers.schedules.*", family="keras", when=lambda site: site.last in api.SCHEDULES)
def schedule(ex, args, kwargs, node, call):
    return Schedule(call.last, node, {**dict(enumerate(args)), **kwargs})


@handles("keras.optimizers.*")
def optimizer(ex, args, kwargs, node, call):
    if call.last not in api.OPTIMIZERS:
        return NotImplemented
    return make_optimizer(ex, api.OPTIMIZERS[call.last], args, kwargs, node, call.arg_nodes)


@handles("keras.losses.*")
def loss(ex, args, kwargs, node, call):
    if call.last in api.LOSS_CLASSES:
        return Loss(api.LOSS_CLASSES[call.last], node, kwargs.get("from_logits", False))
    return UNKNOWN


@handles("keras.callbacks.*")
def callback(ex, args, kwargs, node, call):
    return Callback(call.last) if call.last in api.CALLBACKS else NotImplemented


@handles("keras.initializers.*")
def initializer(ex, args, kwargs, node, call):
    name = api.INITIALIZER_CLASSES.get(call.last)
    if name is None:
        return UNKNOWN
    positional = api.INITIALIZER_POSITIONAL.get(call.last, ())
    return Initializer(name, {**dict(zip(positional, args)), **kwargs}, node)


@handles("keras.regularizers.*")
def regularizer(ex, args, kwargs, node, call):
    return Regularizer(call.last)


@handles("keras.metrics.*")
def metric(ex, args, kwargs, node, call):
    return Metric(call.last)


def make_optimizer(ex, name, args, kwargs, node, arg_nodes):
    lr = kwargs.get("learning_rate", kwargs.get("lr", args[0] if args else None))
    lr_node = None
    for key in ("learning_rate", "lr", 0):
        if key in arg_nodes:
            lr_node = arg_nodes[key]
            break
    removed = tuple((k, arg_nodes[k]) for k in ("lr", "decay") if k in kwargs and k in arg_nodes)
    if isinstance(lr, bool) or not (lr is None or isinstance(lr, (int, float, Schedule))):
        lr = UNKNOWN
    optimizer = Optimizer(name, node, lr, lr_node, removed, swept=is_swept(lr, ex.swept_numbers))
    for keyword, arg in removed:  # Keras-2-only keywords on a Keras optimizer (arg_nodes is empty for tf.train)
        ex.file.api_uses.append(ApiUse("removed-optimizer-arg", arg, {"keyword": keyword,
                                                                       "optimizer": optimizer}))
    return optimizer


@handles_method(ModelIR)
def model_method(ex, model, name, args, kwargs, node, arg_nodes):
    ex.effects += 1
    if name not in ("evaluate", "predict", "predict_on_batch", "test_on_batch", "summary", "save"):
        ex.model_effects += 1  # a loop that only evaluates or predicts (text generation) is summarised
    if name in api.REMOVED_MODEL_METHODS:
        ex.file.api_uses.append(ApiUse("removed-model-method", method_name(node),
                                         {"method": name, "model": model, "call": node}))
    if name == "fit":
        ex.file.api_uses.extend(legacy.keyword_facts("fit", node, api.KERAS1_FIT_KEYWORDS.get))
    if name == "add" and args:
        seq_add(ex, model, args[0], node)
        return None
    if name == "compile":
        facts = compile_facts(ex, args, kwargs, node)
        model.compiles.append(facts)
        model.events.append(facts)
        return None
    if name in ("fit", "fit_generator", "train_on_batch"):
        if name == "train_on_batch":
            return UNKNOWN
        facts = fit_facts(ex, name, args, kwargs, node, arg_nodes)
        model.fits.append(facts)
        model.events.append(facts)
        return UNKNOWN
    if name in ("evaluate", "evaluate_generator", "predict", "predict_generator"):
        facts = Evaluate(node, name, args[0] if args else kwargs.get("x", kwargs.get("generator", UNKNOWN)),
                         args[1] if len(args) > 1 else kwargs.get("y"), method_node=method_name(node),
                         x_node=arg_nodes.get(0, arg_nodes.get("x", arg_nodes.get("generator"))),
                         arg_nodes={k: v for k, v in arg_nodes.items() if isinstance(k, str)})
        x_text = pure_text(facts.x_node.value) if facts.x_node is not None else None
        facts.arg_texts = {"x": x_text} if x_text is not None else {}
        names = ex.assigned_names(node)
        if names is not None:
            facts.result_names = names
        model.evaluates.append(facts)
        model.events.append(facts)
        return UNKNOWN
    if name == "__call__":
        return ex.apply_model(model, args[0] if args else UNKNOWN, node)
    if name == "load_weights":
        model.pretrained = True  # trained weights from a file: not trained from scratch
    if name == "set_weights":
        model.events.append(WeightsSet(node))  # e.g. set_weights(initial_weights): a reset between runs
    return UNKNOWN


def compile_facts(ex, args, kwargs, node) -> Compile:
    optimizer = kwargs.get("optimizer", args[0] if args else None)
    loss = kwargs.get("loss", args[1] if len(args) > 1 else None)
    metrics = kwargs.get("metrics", None)
    arg_node = {a.keyword.value: a for a in node.args if a.keyword is not None}
    positional = [a for a in node.args if a.keyword is None]
    if isinstance(optimizer, str):
        opt_node = arg_node.get("optimizer") or (positional[0] if positional else node)
        optimizer = Optimizer(optimizer.lower() if optimizer.lower() in api.OPTIMIZER_STRINGS else "unknown",
                              opt_node.value if isinstance(opt_node, cst.Arg) else opt_node, None)
    elif isinstance(optimizer, Instance) or not (optimizer is None or isinstance(optimizer, Optimizer)):
        optimizer = UNKNOWN
    loss_node = arg_node.get("loss") or (positional[1] if len(positional) > 1 else None)
    loss = loss_value(loss, loss_node.value if loss_node is not None else node)
    if metrics is None:
        metric_names: Any = ()
    elif isinstance(metrics, (list, tuple)):
        metric_names = tuple(metric_name(m) for m in metrics)
    else:
        metric_names = UNKNOWN
    return Compile(node, optimizer, loss, metric_names)


def fit_facts(ex, method, args, kwargs, node, arg_nodes) -> Fit:
    if "nb_epoch" in kwargs and "epochs" not in kwargs:
        kwargs = {**kwargs, "epochs": kwargs["nb_epoch"]}
    if method == "fit_generator":
        order = ("x", "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data")
    else:
        order = ("x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split",
                 "validation_data", "shuffle")
    named = {**dict(zip(order, args)), **kwargs}
    if "generator" in named and "x" not in named:
        named["x"] = named["generator"]
    facts = Fit(node, method, repeated=ex.unknown_loops > 0, method_node=method_name(node))
    facts.arg_nodes = {k: v for k, v in arg_nodes.items() if isinstance(k, str)}
    for index, key in enumerate(order):
        if index in arg_nodes:
            facts.arg_nodes.setdefault(key, arg_nodes[index])
    if "generator" in facts.arg_nodes:
        facts.arg_nodes.setdefault("x", facts.arg_nodes["generator"])
    facts.arg_texts = fit_arg_texts(facts.arg_nodes)
    facts.x = data_or_unknown(named.get("x", UNKNOWN))
    y = named.get("y", None)
    facts.y = None if y is None else data_or_unknown(y)
    vd = named.get("validation_data", None)
    if isinstance(vd, (tuple, list)):
        facts.validation_data = tuple(data_or_unknown(v) for v in vd)
    elif vd is None:
        facts.validation_data = None
    else:
        facts.validation_data = data_or_unknown(vd)
    for key in ("validation_split", "shuffle", "epochs", "batch_size", "steps_per_epoch", "initial_epoch"):
        value = named.get(key, None)
        setattr(facts, key, value if (value is None or is_const(value)) else UNKNOWN)
    callbacks = named.get("callbacks", None)
    if callbacks is None:
        facts.callbacks = ()
    elif isinstance(callbacks, (list, tuple)):
        facts.callbacks = tuple(c.name if isinstance(c, Callback) else "unknown" for c in callbacks)
    else:
        facts.callbacks = UNKNOWN
    if "**" in kwargs:
        for key in ("validation_split", "shuffle", "epochs", "callbacks"):
            if key not in named or named[key] is None:
                setattr(facts, key, UNKNOWN)
        if facts.validation_data is None:
            facts.validation_data = UNKNOWN
    return facts


def loss_value(loss, node):
    if loss is None:
        return None
    if isinstance(loss, Loss):
        return loss
    if isinstance(loss, str):
        return Loss(api.LOSS_STRINGS.get(loss.lower(), "unknown"), node, False)
    if isinstance(loss, Ref):
        family, rest = loss.parts
        last = rest.split(".")[-1]
        if family == "keras" and last in api.LOSS_STRINGS:
            return Loss(api.LOSS_STRINGS[last], node, False)
        if family == "keras" and last in api.LOSS_CLASSES:
            return Loss(api.LOSS_CLASSES[last], node, False)
    return UNKNOWN


def metric_name(metric) -> str:
    if isinstance(metric, str):
        return {"acc": "accuracy"}.get(metric.lower(), metric.lower())
    if isinstance(metric, Metric):
        return metric.name
    if isinstance(metric, Ref):
        return metric.path.split(".")[-1].lower()
    return "unknown"


def method_name(call) -> cst.CSTNode | None:
    """The Name of the method in `receiver.method(...)`: what a rename fix edits."""
    func = getattr(call, "func", None)
    return func.attr if isinstance(func, cst.Attribute) else None


def pure_text(node) -> str | None:
    """Source text of an expression that reads data without side effects (names, attributes, subscripts
    with constant or name indices, arithmetic on those); None for anything else (calls, comprehensions)."""
    if node is None or not _pure(node):
        return None
    return "".join(_CODEGEN.code_for_node(node).split())


_CODEGEN = cst.Module([])  # code_for_node needs a module only for its default indentation and newline


def _pure(n) -> bool:
    if isinstance(n, (cst.Name, cst.Integer, cst.Float, cst.SimpleString)):
        return True
    if isinstance(n, cst.Attribute):
        return _pure(n.value)
    if isinstance(n, cst.UnaryOperation):
        return _pure(n.expression)
    if isinstance(n, cst.BinaryOperation):
        return _pure(n.left) and _pure(n.right)
    if isinstance(n, cst.Subscript):
        for element in n.slice:
            sl = element.slice
            parts = [sl.value] if isinstance(sl, cst.Index) else [sl.lower, sl.upper, sl.step]
            if not all(p is None or _pure(p) for p in parts):
                return False
        return _pure(n.value)
    return False


def fit_arg_texts(arg_nodes: dict) -> dict:
    texts = {}
    for key in ("x", "y"):
        if key in arg_nodes:
            texts[key] = pure_text(arg_nodes[key].value)
    if "validation_data" in arg_nodes:
        value = arg_nodes["validation_data"].value
        if isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) >= 1:
            texts["validation_x"] = pure_text(value.elements[0].value)
            if len(value.elements) >= 2:
                texts["validation_y"] = pure_text(value.elements[1].value)
        else:
            texts["validation_x"] = pure_text(value)
    return {k: v for k, v in texts.items() if v is not None}
