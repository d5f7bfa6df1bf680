"""Keras-specific rewrites several fixers share: a layer's activation and initializer, a loss's name
and `from_logits`, and how the file spells `keras.losses`."""

from __future__ import annotations

import libcst as cst

from kerlint.fix.calls import dotted, keyword_arg, string, with_arg_value, with_keyword
from kerlint.ir.keras_api import ACTIVATION_NAMES, LOSS_CLASSES
from kerlint.ir.model import Layer

LOSS_CLASS_OF = {name: cls for cls, name in LOSS_CLASSES.items()}  # "categorical_crossentropy" -> class name
FIXED_ACTIVATION_LAYERS = ("Softmax", "ReLU", "LeakyReLU", "ELU", "PReLU", "ThresholdedReLU")


def literal_activation(value: cst.BaseExpression) -> bool:
    """An activation value we can replace without touching anything else: "sigmoid", None,
    tf.nn.tanh, keras.activations.sigmoid. A variable (`activation=act`) may be shared: not literal."""
    if isinstance(value, cst.SimpleString) or (isinstance(value, cst.Name) and value.value == "None"):
        return True
    return dotted(value).rsplit(".", 1)[-1] in ACTIVATION_NAMES


def with_activation(layer: Layer, name: str) -> cst.Call | None:
    """The layer's constructor call applying activation `name` instead, or None if that is not certain.

    Works for weight layers (`activation=` set or added), `Activation(...)` layers, fixed-activation
    layers (`Softmax()` -> `Activation("sigmoid")`) and activation functions applied to a tensor
    (`tf.nn.softmax(x)` -> `tf.nn.sigmoid(x)`)."""
    layer = layer.wraps or layer
    call = layer.node
    if not isinstance(call, cst.Call):
        return None
    arg = layer.arg_nodes.get("activation")
    if layer.kind in FIXED_ACTIVATION_LAYERS:
        if not isinstance(call.func, cst.Attribute) or call.args:
            return None
        return call.with_changes(func=call.func.with_changes(attr=cst.Name("Activation")), args=[cst.Arg(string(name))])
    if arg is not None:
        return with_arg_value(call, arg, string(name, like=arg.value)) if literal_activation(arg.value) else None
    if layer.is_activation_layer:  # an activation function applied to a tensor
        parts = dotted(call.func).split(".")
        if isinstance(call.func, cst.Attribute) and len(parts) >= 2 and parts[-2] in ("nn", "activations"):
            return call.with_changes(func=call.func.with_changes(attr=cst.Name(name)))
        return None
    return with_keyword(call, "activation", string(name))


def he_initialized(call: cst.Call, layer: Layer) -> cst.Call:
    """`call` with kernel_initializer="he_normal" (replacing the initializer it names, if any)."""
    given = layer.arg_nodes.get("kernel_initializer")
    like = given if given is not None else keyword_arg(call, "activation")
    he = string("he_normal", like=like.value if like is not None else None)
    if given is not None and given.keyword is None:  # passed positionally
        return with_arg_value(call, given, he)
    if given is not None and given.keyword.value != "kernel_initializer":  # Keras 1 `init=`
        return with_arg_value(call, keyword_arg(call, given.keyword.value), he)
    return with_keyword(call, "kernel_initializer", he)


def losses_module(module: cst.Module) -> str | None:
    """How this file can reach keras.losses (`losses`, `keras.losses`, `tf.keras.losses`), from its
    top-level imports; None when it imports none of them."""
    found: dict[str, str] = {}
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    name = dotted(alias.name)
                    bound = alias.asname.name.value if alias.asname else name
                    if name == "tensorflow":
                        found.setdefault("tf", f"{bound}.keras.losses")
                    elif name in ("keras", "tensorflow.keras"):
                        found.setdefault("keras", f"{bound}.losses")
            elif isinstance(small, cst.ImportFrom) and not small.relative \
                    and not isinstance(small.names, cst.ImportStar):
                origin = dotted(small.module) if small.module else ""
                for alias in small.names:
                    name = dotted(alias.name)
                    bound = alias.asname.name.value if alias.asname else name
                    if origin in ("tensorflow", "tensorflow.compat.v2") and name == "keras":
                        found.setdefault("keras", f"{bound}.losses")
                    elif origin in ("keras", "tensorflow.keras") and name == "losses":
                        found.setdefault("losses", bound)
    for key in ("losses", "keras", "tf"):
        if key in found:
            return found[key]
    return None


def loss_renamed(node: cst.CSTNode, new_name: str) -> cst.CSTNode | None:
    """The loss expression `node` naming loss `new_name` instead, in the same form: a string, a
    function reference (`keras.losses.categorical_crossentropy`) or a class instance whose
    arguments are kept (`CategoricalCrossentropy(from_logits=True)`)."""
    if isinstance(node, cst.SimpleString):
        return string(new_name, like=node)
    if isinstance(node, cst.Call):
        cls = LOSS_CLASS_OF.get(new_name)
        func = node.func
        if cls is None or dotted(func).rsplit(".", 1)[-1] not in LOSS_CLASSES:
            return None
        new_func = func.with_changes(attr=cst.Name(cls)) if isinstance(func, cst.Attribute) else cst.Name(cls)
        if isinstance(func, cst.Name):
            return None  # `from keras.losses import X`: the new class is not imported
        return node.with_changes(func=new_func)
    if isinstance(node, cst.Attribute) and dotted(node):
        return node.with_changes(attr=cst.Name(new_name))
    return None


def with_from_logits(node: cst.CSTNode, module: cst.Module, name: str) -> cst.CSTNode | None:
    """The loss expression `node` (loss `name`) with from_logits=True: the keyword set on a class
    instance, or a string / function reference turned into the class (`keras.losses.X(from_logits=True)`)."""
    if isinstance(node, cst.Call):
        if dotted(node.func).rsplit(".", 1)[-1] not in LOSS_CLASSES:
            return None
        return with_keyword(node, "from_logits", cst.Name("True"))
    cls, losses = LOSS_CLASS_OF.get(name), losses_module(module)
    if cls is None or losses is None or not isinstance(node, (cst.SimpleString, cst.Attribute, cst.Name)):
        return None
    return cst.parse_expression(f"{losses}.{cls}(from_logits=True)")
