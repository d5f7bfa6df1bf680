"""KL505 (safe): import Keras names from the module that holds them today.

`from keras.layers.core import Dense` -> `from keras.layers import Dense`; `keras.layers.core.Dense` ->
`keras.layers.Dense`; `from keras.utils import np_utils` -> `from keras import utils as np_utils` (so
`np_utils.to_categorical` keeps working); `from keras.preprocessing.image import ImageDataGenerator` ->
`from tensorflow.keras.preprocessing.image import ImageDataGenerator` (the same Keras 2 class, which only
tf.keras still ships); `CuDNNLSTM` -> `LSTM`. The names are the same objects, so nothing the model computes
changes. Removed modules with no replacement (keras.wrappers.scikit_learn) get no fix.
"""

from __future__ import annotations

import libcst as cst

from kerlint.checks.registry import Finding
from kerlint.fix.calls import dotted
from kerlint.fix.registry import SAFE, FixContext, fixer
from kerlint.violation import Fix


def _module_node(path: str) -> cst.BaseExpression:
    return cst.parse_expression(path)


@fixer("KL505")
def removed_module(finding: Finding, ctx: FixContext) -> Fix | None:
    subject = finding.subject or {}
    kind, node = subject.get("kind"), finding.node
    if kind == "moved-module" and isinstance(node, cst.Attribute):
        if subject.get("attribute"):  # keras.layers.core -> keras.layers
            return ctx.fix(f"Use `{ctx.code(node.value)}`", SAFE, [ctx.replace(node, node.value)])
        new = subject.get("new_path")
        if new and dotted(node):
            return ctx.fix(f"Import from `{new}`", SAFE, [ctx.replace(node, _module_node(new))])
    if kind == "tf-keras-only" and isinstance(node, cst.Attribute) and not subject.get("attribute"):
        new = subject["new_path"]
        return ctx.fix(f"Import from `{new}` (Keras 3 ships these names only in tf.keras)", SAFE,
                       [ctx.replace(node, _module_node(new))])
    if kind == "moved-module-name" and subject.get("single") and isinstance(node, cst.ImportFrom):
        parent, _, last = subject["new_path"].rpartition(".")
        local = subject["local"]
        if not parent:
            return None
        new = node.with_changes(module=_module_node(parent), names=[cst.ImportAlias(
            name=cst.Name(last), asname=cst.AsName(name=cst.Name(local)))])
        return ctx.fix(f"Import `{parent}.{last}` as `{local}`", SAFE, [ctx.replace(node, new)])
    if kind == "removed-layer" and subject.get("replacement"):
        new_name = cst.Name(subject["replacement"])
        if isinstance(node, cst.Attribute):
            return ctx.fix(f"Use `{subject['replacement']}`", SAFE, [ctx.replace(node.attr, new_name)])
        if isinstance(node, cst.Name):  # the imported name: the file's uses of it are renamed with it
            return None  # renaming the import alone would leave the uses unbound
    return None
